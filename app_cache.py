"""Streamlit-cached loaders: the one place the app keeps process-wide resources.

Each loader takes the file path as its argument, so a changed setting opens a new resource
instead of reusing the old one.
"""
from __future__ import annotations

import streamlit as st

from influrec import store
from influrec.settings import get_settings


@st.cache_resource(show_spinner=False)
def _db(path: str):
    return store.connect(path, read_only=True)


def db_path() -> str:
    return str(get_settings().db_path)


def cursor(path: str | None = None):
    """A cursor of the shared read-only connection (raises StoreError when the file is missing)."""
    return _db(path or db_path()).cursor()


@st.cache_data(show_spinner=False)
def counts(path: str) -> dict[str, int]:
    return store.counts(cursor(path))


@st.cache_data(show_spinner=False)
def is_demo(path: str) -> bool:
    return store.is_demo(cursor(path))
