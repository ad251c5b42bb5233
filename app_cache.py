"""Streamlit-cached loaders: the one place the app keeps process-wide resources.

Each loader takes its file path as an argument, so a changed setting opens a new resource
instead of reusing the old one. Query frames are cached by their plain arguments.
"""
from __future__ import annotations

import streamlit as st

from influrec import ranking, store, text
from influrec.settings import get_settings


def db_path() -> str:
    return str(get_settings().db_path)


def model_path() -> str:
    return str(get_settings().model_path)


@st.cache_resource(show_spinner=False)
def _db(path: str):
    return store.connect(path, read_only=True)


def cursor(path: str | None = None):
    """A cursor of the shared read-only connection (StoreError when the file is missing)."""
    return _db(path or db_path()).cursor()


@st.cache_resource(show_spinner=False)
def model(path: str):
    """The style model, loaded once per process (torch is imported here, not at start-up)."""
    from influrec.model import load_model
    s = get_settings()
    return load_model(path, device=s.device, threads=s.threads)


@st.cache_resource(show_spinner=False)
def pool(path: str) -> ranking.Pool:
    """The ranking arrays of the database, built once per process."""
    return ranking.Pool.from_db(cursor(path))


@st.cache_data(show_spinner=False)
def card(path: str) -> dict:
    from influrec.model import read_card
    return read_card(path)


@st.cache_data(show_spinner=False)
def counts(path: str) -> dict[str, int]:
    return store.counts(cursor(path))


@st.cache_data(show_spinner=False)
def is_demo(path: str) -> bool:
    return store.is_demo(cursor(path))


@st.cache_data(show_spinner=False, max_entries=512)
def wordcloud(path: str, username: str) -> bytes | None:
    """The influencer's word cloud PNG, drawn once per influencer (None without keywords)."""
    words = store.keywords(cursor(path), username)
    return text.wordcloud_png(words) if words else None


@st.cache_data(show_spinner=False)
def frame(path: str, name: str, *args):
    """A store query by name with plain arguments, e.g. frame(p, "style_distribution", "F", "any")."""
    return getattr(store, name)(cursor(path), *args)


def require_db(lang: str):
    """The database cursor, or the page shows why there is none and stops."""
    try:
        return cursor()
    except store.StoreError as exc:
        from influrec.i18n import t
        st.error(str(exc))
        st.info(t("no_db", lang))
        st.stop()


def page_header() -> str:
    """The language switch (sidebar) and the demo banner; returns the UI language."""
    from influrec.i18n import LANGS, t
    lang = st.sidebar.radio(t("lang"), LANGS, format_func=lambda x: {"ko": "한국어", "en": "English"}[x],
                            horizontal=True, key="lang")
    try:
        if is_demo(db_path()):
            st.warning(t("demo_banner", lang), icon=":material/science:")
    except store.StoreError:
        pass   # the page says what is missing
    return lang
