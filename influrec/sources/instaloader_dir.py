"""Folders written by Instaloader (`instaloader profile <name>`), read without any network.

Layout (Instaloader's defaults): `<target>/<date>_UTC.json.xz` per post (the post node
as Instaloader saved it), `<date>_UTC.jpg` or `<date>_UTC_1.jpg`, `_2.jpg`, ... for
side-car images, `<date>_UTC.txt` for the caption, and `<target>/<profile>_<id>.json.xz`
for the profile (follower count, name, biography). The JSON is read directly rather than
through `instaloader.Post`, whose properties fetch missing fields from Instagram.
"""
from __future__ import annotations

import json
import lzma
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from influrec.records import Influencer, Post
from influrec.sources.tabular import BadRecord, parse_count, parse_time

_PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def _load(path: Path) -> dict:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or not isinstance(data.get("node"), dict):
        raise BadRecord("instaloader: not a saved structure")
    return data


def _count(node: dict, *keys: str) -> int | None:
    for key in keys:
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("count")
        if value is not None:
            number = parse_count(value, "likes")
            return None if number is None else number
    return None


def _dig(obj, *keys):
    """obj[k1][k2]... where every level must be a dict (list indices: ints); else None."""
    for key in keys:
        if isinstance(key, int):
            obj = obj[key] if isinstance(obj, list) and len(obj) > key else None
        else:
            obj = obj.get(key) if isinstance(obj, dict) else None
    return obj


def _caption(node: dict, stem: Path) -> str:
    text = _dig(node, "edge_media_to_caption", "edges", 0, "node", "text")
    if isinstance(text, str):
        return text
    if isinstance(node.get("caption"), str):
        return node["caption"]
    txt = stem.with_suffix(".txt")
    return txt.read_text(encoding="utf-8", errors="replace") if txt.exists() else ""


def _picture(stem: Path) -> str | None:
    """The post's first picture: `<stem>.jpg` or the first side-car `<stem>_1.jpg`."""
    for name in (stem.name, f"{stem.name}_1"):
        for suffix in _PICTURE_SUFFIXES:
            p = stem.with_name(name + suffix)
            if p.exists():
                return str(p.resolve())
    return None


def post_from_node(node: dict, stem: Path, username: str | None) -> Post:
    shortcode = node.get("shortcode")
    if not isinstance(shortcode, str) or not shortcode:
        raise BadRecord("instaloader: post without shortcode")
    owner = _dig(node, "owner", "username") or username
    if not owner:
        raise BadRecord("instaloader: post without owner")
    hidden = bool(node.get("like_and_view_counts_disabled"))
    likes = None if hidden else _count(node, "edge_media_preview_like", "edge_liked_by", "like_count")
    if likes is not None and likes < 0:      # Instagram answers -1 for hidden counts
        likes = None
    return Post(post_id=shortcode, username=str(owner), posted_at=parse_time(node.get("taken_at_timestamp")),
                caption=_caption(node, stem), likes=likes,
                comments=_count(node, "edge_media_to_comment", "edge_media_to_parent_comment", "comments"),
                is_video=bool(node.get("is_video")), image_path=_picture(stem),
                permalink=f"https://www.instagram.com/p/{shortcode}/")


def read_instaloader(root: str | Path, summary: Counter) -> Iterator[Influencer | Post]:
    """Yield the profiles, then the posts, of every Instaloader target folder under `root`."""
    root = Path(root)
    for folder in sorted({p.parent for p in root.rglob("*.json*")} | ({root} if root.is_dir() else set())):
        profile_name = None
        posts = []
        for path in sorted(folder.glob("*.json*")):
            if path.suffix not in (".json", ".xz"):
                continue
            try:
                data = _load(path)
            except (OSError, EOFError, lzma.LZMAError, json.JSONDecodeError, UnicodeDecodeError):
                summary["instaloader: unreadable JSON"] += 1
                continue
            except BadRecord as exc:
                summary[str(exc)] += 1
                continue
            node_type = (data.get("instaloader") or {}).get("node_type")
            node = data["node"]
            if node_type == "Profile" or ("edge_followed_by" in node and "shortcode" not in node):
                if not node.get("username"):
                    summary["instaloader: profile without username"] += 1
                    continue
                profile_name = node["username"]
                yield Influencer(username=profile_name, display_name=node.get("full_name") or None,
                                 followers=_count(node, "edge_followed_by", "follower_count"),
                                 bio=node.get("biography") or None, source="instaloader")
            else:
                stem = path.with_name(path.name.split(".json")[0])
                posts.append((node, stem))
        for node, stem in posts:
            try:
                yield post_from_node(node, stem, profile_name)
            except BadRecord as exc:
                summary[str(exc)] += 1
