"""influrec dashboard: `streamlit run app.py` (the Recommend page is the default)."""
import streamlit as st

st.set_page_config(page_title="influrec", page_icon="👗", layout="wide")

pages = [
    st.Page("pages/recommend.py", title="추천 Recommend", icon="✨", default=True),
]
st.navigation(pages).run()
