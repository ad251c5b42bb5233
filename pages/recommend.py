"""Recommend: upload a photo, choose role and filters, get 3 influencers with reasons."""
import pandas as pd
import streamlit as st

import app_cache
from influrec import ranking
from influrec.errors import InflurecError, ModelFileError
from influrec.i18n import style_label, t
from influrec.images import open_image
from influrec.settings import get_settings

lang = app_cache.page_header()

con = app_cache.require_db(lang)

st.title(t("rec.title", lang))
form, preview = st.columns([3, 2], gap="large")
with form:
    role = st.radio(t("rec.role", lang), ranking.ROLES, format_func=lambda r: t(f"role.{r}", lang),
                    horizontal=True, key="role")
    c1, c2 = st.columns(2)
    gender = c1.selectbox(t("rec.gender", lang), ranking.GENDERS, index=2, key="gender",
                          format_func=lambda g: t("any", lang) if g == "any" else t(f"gender.{g}", lang))
    size = c2.selectbox(t("rec.size", lang), ranking.SIZES, index=3, key="size",
                        format_func=lambda s: t("any", lang) if s == "any" else t(f"size.{s}", lang))
    upload = st.file_uploader(t("rec.upload", lang), type=["jpg", "jpeg", "png", "webp"], key="upload")
    with st.expander(t("rec.advanced", lang)):
        method = st.radio(t("rec.method", lang), ranking.METHODS, key="method",
                          format_func=lambda m: t(f"method.{m}", lang))
    pressed = st.button(t("rec.predict", lang), type="primary", disabled=upload is None, key="predict")
    if upload is None:
        st.caption(t("rec.wait_upload", lang))

query = (upload.file_id if upload else None, role, gender, size, method)
if pressed and upload is not None:
    with st.status(t("rec.working", lang), expanded=True) as status:
        try:
            status.write(t("rec.step_read", lang))
            image = open_image(upload.getvalue())
            # loaded on first use, then cached for the process: the first page opens fast
            model = app_cache.model(app_cache.model_path())
            pool = app_cache.pool(app_cache.db_path())
            status.write(t("rec.step_classify", lang))
            probs, emb = model.predict_embed([image])
            status.write(t("rec.step_rank", lang))
            result = ranking.recommend(probs[0], role, gender, size, 3, method, pool=pool, con=con,
                                       classes=model.classes, embedding=emb[0])
        except InflurecError as exc:     # a bad upload, a missing model: the library's own words
            status.update(label=t("rec.failed", lang), state="error")
            st.session_state.pop("result", None)
            st.error(f"{t('mdl.missing', lang)}: {exc}" if isinstance(exc, ModelFileError) else str(exc))
            st.stop()
        status.update(label=t("rec.done", lang), state="complete", expanded=False)
    st.session_state["result"] = (query, result, image)

stored = st.session_state.get("result")
if not stored or stored[0] != query:
    st.stop()
_, result, image = stored

with preview:
    st.image(image, caption=t("rec.uploaded", lang), width=260)
    st.markdown(f"**{t('rec.predicted', lang)}**")
    for style, p in sorted(result.probs.items(), key=lambda kv: -kv[1])[:3]:
        st.progress(min(max(p, 0.0), 1.0), text=f"{style_label(style, lang)} · {p:.0%}")


def reason(rec: ranking.Recommendation) -> str:
    ex = rec.explanation
    if ex["method"] == "soft":
        parts = ", ".join(f"{style_label(s['style'], lang)} {s['weight']:.0%}" for s in ex["styles"][:2])
        return t("rec.reason.soft", lang, styles=parts)
    if ex["method"] == "seed":
        return t("rec.reason.seed", lang, style=style_label(ex["representative_style"], lang),
                 posts=ex["posts"], likes=ex["like_sum"])
    sims = ex["similar_posts"]
    return t("rec.reason.visual", lang, n=len(sims), best=sims[0]["similarity"] if sims else 0.0)


def likes_text(post: ranking.Post) -> str:
    if post.likes is None:
        return t("likes_hidden", lang, v=post.likes_filled)
    return f"♥ {post.likes:,} {t('likes', lang)}"


root = get_settings().image_root
st.subheader(t("rec.results", lang))
if result.note:   # the library's reason, in English, after the short one in the UI language
    st.warning(f"{t('rec.fewer', lang, n=len(result.results))} {result.note}")
cols = st.columns(3)
for col, rec in zip(cols, result.results):
    with col.container(border=True):
        st.markdown(f"### {rec.rank}. @{rec.username}")
        st.caption(f"{rec.display_name or ''} · {rec.followers or 0:,} {t('rec.followers', lang)} · "
                   f"{t('rec.score', lang)} {rec.score:.4g}")
        st.markdown(f"**{t('rec.reason', lang)}:** {reason(rec)}")
        post = rec.representative_post
        if post and post.image_path:
            st.image(str(root / post.image_path), caption=f"{style_label(post.style, lang)} · {likes_text(post)}")
        else:
            st.caption(t("rec.no_picture", lang))
        cloud = app_cache.wordcloud(app_cache.db_path(), rec.username)
        if cloud:
            st.image(cloud, caption=t("rec.wordcloud", lang))
        else:
            st.caption(t("rec.no_words", lang))
        with st.expander(f"{t('rec.more_posts', lang)} ({len(rec.matching_posts)})"):
            grid = st.columns(3)
            for i, p in enumerate(rec.matching_posts):
                if p.image_path:
                    grid[i % 3].image(str(root / p.image_path), caption=likes_text(p))

shortlist = pd.DataFrame([{
    "rank": r.rank, "username": r.username, "display_name": r.display_name, "followers": r.followers,
    "gender": r.gender, "body_size": r.body_size, "score": round(r.score, 6), "reason": reason(r),
    "profile": f"https://www.instagram.com/{r.username}/", "role": result.role, "method": result.method,
    "predicted_style": result.predicted} for r in result.results])
st.download_button(t("rec.download", lang), shortlist.to_csv(index=False).encode("utf-8-sig"),
                   file_name="influrec_shortlist.csv", mime="text/csv", key="download")
