"""Plotly figures from the store's DataFrames; labels in the UI language, styles in both."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from influrec.i18n import style_label, t

_FONT = dict(family="NanumGothic, 'Noto Sans KR', 'Malgun Gothic', sans-serif")


def _labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    out["style_label"] = [style_label(s, lang) for s in out["style"]]
    return out


def _layout(fig: go.Figure, height: int = 420) -> go.Figure:
    fig.update_layout(font=_FONT, height=height, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def style_bar(df: pd.DataFrame, value: str, lang: str, title: str) -> go.Figure:
    """Horizontal bars of `value` per style, largest on top."""
    d = _labelled(df, lang).sort_values(value)
    fig = px.bar(d, x=value, y="style_label", orientation="h", title=title,
                 labels={"style_label": "", value: value})
    return _layout(fig, max(300, 22 * len(d) + 80))


def segment_heatmap(df: pd.DataFrame, lang: str, title: str) -> go.Figure:
    d = _labelled(df, lang)
    table = d.pivot_table(index="style_label", columns="segment", values="share", fill_value=0)
    fig = px.imshow(table, aspect="auto", color_continuous_scale="RdPu", title=title,
                    labels=dict(color="share"), text_auto=".0%")
    return _layout(fig, max(350, 22 * len(table) + 80))


def monthly_lines(df: pd.DataFrame, lang: str, title: str, top: int = 6) -> go.Figure:
    keep = df.groupby("style")["posts"].sum().nlargest(top).index
    d = _labelled(df[df["style"].isin(keep)], lang)
    fig = px.line(d, x="month", y="posts", color="style_label", markers=True, title=title,
                  labels={"style_label": "", "month": ""})
    return _layout(fig)


def timeline(df: pd.DataFrame, lang: str, title: str) -> go.Figure:
    d = _labelled(df, lang)
    fig = px.scatter(d, x="posted_at", y="likes_filled", color="style_label", title=title,
                     labels={"style_label": "", "posted_at": "", "likes_filled": t("likes", lang)})
    return _layout(fig)


def confusion(matrix: list[list[int]], classes: list[str], lang: str, title: str) -> go.Figure:
    names = [style_label(c, lang) for c in classes]
    fig = px.imshow(matrix, x=names, y=names, color_continuous_scale="Blues", title=title, aspect="auto",
                    labels=dict(x="predicted", y="true", color="n"))
    return _layout(fig, 650)
