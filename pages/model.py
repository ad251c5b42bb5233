"""Model: the model card read from the model file."""
import pandas as pd
import streamlit as st

import app_cache
from influrec import charts
from influrec.errors import ModelFileError
from influrec.i18n import style_label, t

lang = app_cache.page_header()
st.title(t("mdl.title", lang))
try:
    card = app_cache.card(app_cache.model_path())
except ModelFileError as exc:
    st.error(f"{t('mdl.missing', lang)}: {exc}")
    st.stop()
c = st.columns(4)
c[0].metric(t("mdl.arch", lang), card["arch"])
c[1].metric(t("mdl.input", lang), f"{card['input_size']} px")
c[2].metric(t("mdl.classes", lang), len(card["classes"]))
c[3].metric("model_id", card["model_id"].split("-")[-1])
st.markdown(f"**{t('mdl.weights', lang)}:** {card.get('weights', '?')} · created {card.get('created_at', '?')}")
data = card.get("data", {})
st.markdown(f"**{t('mdl.data', lang)}:** `{data.get('root', '?')}` · {data.get('records', '?')} images · "
            f"split {card.get('split', {})}")
m = card.get("metrics") or {}
if m:
    st.subheader(t("mdl.metrics", lang))
    k = st.columns(4)
    k[0].metric("top-1", f"{m['top1']:.1%}")
    k[1].metric("top-3", f"{m['top3']:.1%}")
    k[2].metric("macro-F1", f"{m['macro_f1']:.3f}")
    k[3].metric("n", m["n"])
    per = pd.DataFrame([{"style": s, "accuracy": a} for s, a in m["per_class"].items()])
    per["label"] = [style_label(s, lang) for s in per["style"]]
    st.subheader(t("mdl.per_class", lang))
    st.bar_chart(per.set_index("label")["accuracy"], horizontal=True)
    st.plotly_chart(charts.confusion(m["confusion"], card["classes"], lang, t("mdl.confusion", lang)), key="cm")
with st.expander("card (JSON)"):
    st.json({k: v for k, v in card.items() if k != "metrics"})
