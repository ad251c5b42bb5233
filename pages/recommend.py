"""Recommend page: for now the database's headline counts (the full flow comes with issue 6)."""
import streamlit as st

import app_cache
from influrec.errors import StoreError
from influrec.settings import get_settings

try:
    counts = app_cache.counts(app_cache.db_path())
except StoreError as exc:
    st.error(str(exc))
    st.info("데모 데이터를 만들려면: `python -m etl.demo`")
    st.stop()

if app_cache.is_demo(app_cache.db_path()):
    st.warning("데모 월드 사용 중: 생성된 인플루언서와 그림입니다 (실제 데이터 아님). "
               "Demo world: generated influencers and drawings, not real data.")
st.title("influrec")
c1, c2, c3 = st.columns(3)
c1.metric("인플루언서 Influencers", f"{counts['influencers']:,}")
c2.metric("게시물 Posts", f"{counts['posts']:,}")
c3.metric("스타일 Styles", f"{counts['styles']:,}")
st.caption(f"DB: {get_settings().db_path}")
