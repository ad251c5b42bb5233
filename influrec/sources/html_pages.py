"""Saved Instagram post pages (File > Save in a browser), as the seed crawled them.

Everything comes from the page's Open Graph tags:
- og:description, in English or Korean wording:
    "1,234 likes, 56 comments - mina.daily on January 2, 2024: "caption"."
    "좋아요 1,234개, 댓글 56개 - mina.daily님, 2024년 1월 2일: "caption"."
  (counts may read 1.2K / 3M / 1.2천 / 3만; a page without a like count has hidden likes)
- og:image for the picture, og:url for the permalink and the shortcode.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from bs4 import BeautifulSoup

from influrec.records import Post
from influrec.sources.tabular import BadRecord

_NUM = r"([\d][\d,\.]*\s*[KkMm천만]?)"
_EN = re.compile(rf"^(?:{_NUM}\s+likes?,\s*)?(?:{_NUM}\s+comments?\s*)?-\s*([\w.]+)\s+on\s+"
                 r"([A-Z][a-z]+ \d{1,2}, \d{4})\s*:\s*(.*)$", re.S)
_KO = re.compile(rf"^(?:좋아요\s*{_NUM}\s*개,?\s*)?(?:댓글\s*{_NUM}\s*개\s*)?-\s*([\w.]+)\s*님[,의]?\s*"
                 r"(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일[^:]*:\s*(.*)$", re.S)
_SHORTCODE = re.compile(r"/(?:p|reel|tv)/([A-Za-z0-9_-]+)")
_SCALE = {"k": 1_000, "m": 1_000_000, "천": 1_000, "만": 10_000}


def parse_number(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip().replace(",", "").replace(" ", "")
    scale = _SCALE.get(text[-1].lower(), 1)
    if scale != 1:
        text = text[:-1]
    try:
        return int(round(float(text) * scale))
    except ValueError:
        raise BadRecord("html: bad count") from None


def _meta(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
    return tag.get("content") if tag and tag.get("content") else None


def _strip_quotes(caption: str) -> str:
    caption = caption.strip()
    if caption.endswith("."):
        caption = caption[:-1].rstrip()
    for q in ('"', "“", "'"):
        if caption.startswith(q):
            caption = caption[1:]
    for q in ('"', "”", "'"):
        if caption.endswith(q):
            caption = caption[:-1]
    return caption.strip()


def parse_page(html: str) -> Post:
    """One saved post page to a Post (image_path: the og:image URL); raises BadRecord."""
    soup = BeautifulSoup(html, "html.parser")
    desc = _meta(soup, "og:description") or _meta(soup, "description")
    url = _meta(soup, "og:url") or ""
    if not desc:
        raise BadRecord("html: no og:description")
    m = _EN.match(desc.strip())
    if m:
        likes, comments, user, date, caption = m.groups()
        try:
            posted = datetime.strptime(date, "%B %d, %Y")
        except ValueError:
            raise BadRecord("bad date") from None
    else:
        m = _KO.match(desc.strip())
        if not m:
            raise BadRecord("html: description not in a known wording")
        likes, comments, user, y, mo, d, caption = m.groups()
        try:
            posted = datetime(int(y), int(mo), int(d))
        except ValueError:
            raise BadRecord("bad date") from None
    code = _SHORTCODE.search(url)
    if not code:
        raise BadRecord("html: no post URL (og:url)")
    image = _meta(soup, "og:image")
    video = _meta(soup, "og:video") is not None or (_meta(soup, "og:type") or "").endswith("video")
    return Post(post_id=code.group(1), username=user, posted_at=posted, caption=_strip_quotes(caption),
                likes=parse_number(likes), comments=parse_number(comments), is_video=video,
                image_path=image, permalink=url)


def read_html_pages(root: str | Path, summary: Counter) -> Iterator[Post]:
    """Every `*.html` / `*.htm` page under `root` (a folder or one file)."""
    root = Path(root)
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix.lower() in (".html", ".htm"))
    for path in files:
        try:
            yield parse_page(path.read_text(encoding="utf-8", errors="replace"))
        except BadRecord as exc:
            summary[str(exc)] += 1
        except OSError:
            summary["html: unreadable file"] += 1
