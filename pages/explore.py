"""Explore: style distributions across the pool, by segment, likes by style, posting over time."""
import streamlit as st

import app_cache
from influrec import charts, ranking
from influrec.i18n import t

lang = app_cache.page_header()
app_cache.require_db(lang)
path = app_cache.db_path()
st.title(t("exp.title", lang))

with st.sidebar:
    st.markdown(f"**{t('exp.filters', lang)}**")
    gender = st.selectbox(t("rec.gender", lang), ranking.GENDERS, index=2, key="exp_gender",
                          format_func=lambda g: t("any", lang) if g == "any" else t(f"gender.{g}", lang))
    size = st.selectbox(t("rec.size", lang), ranking.SIZES, index=3, key="exp_size",
                        format_func=lambda s: t("any", lang) if s == "any" else t(f"size.{s}", lang))
    include_other = st.checkbox(t("exp.include_other", lang), value=False, key="exp_other")


def fashion_only(df):
    return df if include_other else df[~df["style"].isin(["other", "no_image", "unclassified"])]


def download(df, name):
    st.download_button(t("exp.download", lang), df.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"{name}.csv", mime="text/csv", key=f"dl_{name}")


dist = fashion_only(app_cache.frame(path, "style_distribution", gender, size))
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.style_bar(dist, "posts", lang, t("exp.pool", lang)), key="chart_pool")
    download(dist, "style_distribution")
with right:
    st.plotly_chart(charts.style_bar(dist, "mean_likes", lang, t("exp.likes", lang)), key="chart_likes")
    download(dist[["style", "posts", "like_sum", "mean_likes"]], "likes_by_style")
seg = fashion_only(app_cache.frame(path, "segment_styles"))
st.plotly_chart(charts.segment_heatmap(seg, lang, t("exp.segment", lang)), key="chart_segment")
download(seg, "segment_styles")
monthly = fashion_only(app_cache.frame(path, "monthly_posts", gender, size))
st.plotly_chart(charts.monthly_lines(monthly, lang, t("exp.time", lang)), key="chart_time")
download(monthly, "monthly_posts")
