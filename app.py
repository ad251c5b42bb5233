"""influrec dashboard: `streamlit run app.py` (the Recommend page is the default)."""
import streamlit as st

from influrec.i18n import t

st.set_page_config(page_title="influrec", page_icon=":material/checkroom:", layout="wide")

# Page titles carry both languages and never change: a page whose title changed with the
# language switch would count as another page. Each page draws the shared header itself
# (app_cache.page_header: language switch, demo banner).
pages = [
    st.Page("pages/recommend.py", title=f"{t('nav.recommend')} {t('nav.recommend', 'en')}", icon=":material/auto_awesome:", default=True),
    st.Page("pages/explore.py", title=f"{t('nav.explore')} {t('nav.explore', 'en')}", icon=":material/bar_chart:"),
    st.Page("pages/influencer.py", title=f"{t('nav.influencer')} {t('nav.influencer', 'en')}", icon=":material/person:"),
    st.Page("pages/model.py", title=f"{t('nav.model')} {t('nav.model', 'en')}", icon=":material/model_training:"),
    st.Page("pages/data.py", title=f"{t('nav.data')} {t('nav.data', 'en')}", icon=":material/database:"),
]
st.navigation(pages).run()
