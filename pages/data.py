"""Data: what the database holds, what was skipped and why, how to rebuild it."""
import streamlit as st

import app_cache
from influrec import store
from influrec.i18n import t

lang = app_cache.page_header()
con = app_cache.require_db(lang)
path = app_cache.db_path()
st.title(t("data.title", lang))
counts = app_cache.counts(path)
cols = st.columns(5)
for col, key in zip(cols, ["influencers", "posts", "image_posts", "styles", "classified"]):
    col.metric(t(f"count.{key}", lang), f"{counts[key]:,}")
info = store.build_info(con)
st.markdown(f"**{t('data.build', lang)}:** {info.get('built_at', '?')} · `{path}`")
left, right = st.columns(2)
with left:
    st.subheader(t("data.sources", lang))
    st.dataframe(app_cache.frame(path, "sources"), hide_index=True)
    unlisted = app_cache.frame(path, "unlisted_influencers")
    if unlisted:
        st.markdown(f"**{t('data.unlisted', lang)}:** " + ", ".join(f"@{u}" for u in unlisted))
with right:
    st.subheader(t("data.skipped", lang))
    skipped = app_cache.frame(path, "skipped")
    if skipped.empty:
        st.caption(t("data.none_skipped", lang))
    else:
        st.dataframe(skipped, hide_index=True)
st.subheader(t("data.commands", lang))
st.code("""# demo world (deterministic; about a minute)
python -m etl.demo
# your data
python -m etl.ingest --posts posts.jsonl --roster roster.csv --db data/work.duckdb --image-root data/images
python -m etl.classify --db data/work.duckdb --image-root data/images
python -m etl.build --work data/work.duckdb --out data/influrec.duckdb""", language="bash")
