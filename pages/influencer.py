"""Influencer: one account's style mix, word cloud, posts and timeline."""
import streamlit as st

import app_cache
from influrec import charts
from influrec.i18n import style_label, t
from influrec.settings import get_settings

lang = app_cache.page_header()
app_cache.require_db(lang)
path = app_cache.db_path()
st.title(t("inf.title", lang))
people = app_cache.frame(path, "influencer_list")
username = st.selectbox(t("inf.pick", lang), people["username"].tolist(), key="inf_user",
                        format_func=lambda u: f"@{u}")
prof = app_cache.frame(path, "influencer_profile", username)
c = st.columns(4)
c[0].metric(t("rec.followers", lang), f"{int(prof['followers'] or 0):,}")
c[1].metric(t("count.posts", lang), f"{int(prof['posts']):,}")
c[2].metric(t("inf.brand_style", lang), style_label(prof["brand_style"], lang) if prof["brand_style"] else "-")
c[3].metric(t("inf.consumer_style", lang), style_label(prof["consumer_style"], lang) if prof["consumer_style"] else "-")
if not prof["in_roster"]:
    st.info(t("inf.not_in_roster", lang))
st.caption(f"{prof['display_name'] or ''} · {prof['gender'] or '?'} / {prof['body_size'] or '?'} · {prof['bio'] or ''}")

mix = app_cache.frame(path, "influencer_styles", username)
left, mid, right = st.columns([2, 2, 2])
with left:
    st.plotly_chart(charts.style_bar(mix, "posts", lang, t("inf.mix_posts", lang)), key="inf_posts")
with mid:
    st.plotly_chart(charts.style_bar(mix, "like_sum", lang, t("inf.mix_likes", lang)), key="inf_likes")
with right:
    cloud = app_cache.wordcloud(path, username)
    if cloud:
        st.image(cloud, caption=t("rec.wordcloud", lang))
    else:
        st.caption(t("rec.no_words", lang))

posts = app_cache.frame(path, "influencer_posts", username, 60)
st.plotly_chart(charts.timeline(posts, lang, t("inf.timeline", lang)), key="inf_timeline")
st.subheader(t("inf.posts", lang))
root = get_settings().image_root
grid = st.columns(6)
for i, p in enumerate(posts[posts["image_path"].notna()].itertuples()):
    likes = (f"♥ {t('imputed', lang)} {p.likes_filled:,.0f}" if p.likes_imputed else f"♥ {int(p.likes):,}")
    grid[i % 6].image(str(root / p.image_path),
                      caption=f"{style_label(p.style, lang)} · {t('confidence', lang)} {p.confidence:.0%} · {likes}")
