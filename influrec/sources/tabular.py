"""CSV / JSONL posts in influrec's documented schema, and the influencer roster CSV.

Posts file, one post per CSV row or JSON line (see README, "Bring your own data"):
    post_id*, username*, posted_at* (ISO 8601; a zone is converted to UTC), caption,
    likes (empty or null: hidden), comments, is_video (true/false/1/0), image (a path
    relative to the file, an absolute path or an http(s) URL), permalink
Roster CSV: username*, gender* (F/M), body_size* (S/M/L), and optionally followers,
    display_name, bio.
A record that breaks the schema is skipped and its reason counted in `summary`.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from influrec.errors import SourceError
from influrec.records import Influencer, Post

_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"0", "false", "f", "no", "n", ""}


class BadRecord(ValueError):
    """One record that cannot be used; its message is the counted reason."""


def parse_time(value) -> datetime:
    """ISO 8601 text or a Unix timestamp to a naive UTC datetime; raises BadRecord."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            raise BadRecord("bad date") from None
    if not isinstance(value, str) or not value.strip():
        raise BadRecord("missing date")
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise BadRecord("bad date") from None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt


def parse_count(value, what: str) -> int | None:
    """A non-negative count, None when empty or null (hidden); raises BadRecord."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise BadRecord(f"bad {what}")
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise BadRecord(f"bad {what}") from None
    if number != number or number < 0 or number > 1e12 or number != int(number):
        raise BadRecord(f"bad {what}")
    return int(number)


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadRecord("bad is_video")


def _text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadRecord("caption is not text")
    return value.replace("\x00", "")


def _required(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None or not isinstance(value, (str, int)) or str(value).strip() == "":
        raise BadRecord(f"missing {key}")
    return str(value).strip()


def post_from_row(row: dict, base: Path) -> Post:
    """One schema row to a Post whose image_path is an absolute path or a URL."""
    if not isinstance(row, dict):
        raise BadRecord("record is not an object")
    image = row.get("image") or None
    if image is not None:
        if not isinstance(image, str):
            raise BadRecord("bad image")
        image = image.strip()
        if not image.startswith(("http://", "https://")):
            image = str((base / image).resolve())
    return Post(
        post_id=_required(row, "post_id"),
        username=_required(row, "username").lstrip("@"),
        posted_at=parse_time(row.get("posted_at")),
        caption=_text(row.get("caption")),
        likes=parse_count(row.get("likes"), "likes"),
        comments=parse_count(row.get("comments"), "comments"),
        is_video=parse_bool(row.get("is_video")),
        image_path=image,
        permalink=(row.get("permalink") or None) if isinstance(row.get("permalink"), (str, type(None))) else None,
    )


def _rows(path: Path, summary: Counter) -> Iterator[dict]:
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(f"Cannot read {path}: {exc.strerror}") from None
    with fh:
        if path.suffix.lower() == ".jsonl":
            for line in fh:
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    summary["malformed JSON line"] += 1
        else:
            try:
                yield from csv.DictReader(fh)
            except (csv.Error, UnicodeDecodeError) as exc:
                summary[f"unreadable CSV ({type(exc).__name__})"] += 1


def read_posts(path: str | Path, summary: Counter) -> Iterator[Post]:
    """Yield the posts of a .csv or .jsonl file; bad records are counted in `summary`."""
    path = Path(path)
    seen: set[str] = set()
    for row in _rows(path, summary):
        try:
            post = post_from_row(row, path.parent)
        except BadRecord as exc:
            summary[str(exc)] += 1
            continue
        if post.post_id in seen:
            summary["duplicate post_id in file"] += 1
            continue
        seen.add(post.post_id)
        yield post


def read_roster(path: str | Path, summary: Counter) -> Iterator[Influencer]:
    """Yield the influencers of a roster CSV (username, gender F/M, body_size S/M/L, ...)."""
    path = Path(path)
    for row in _rows(path, summary):
        try:
            username = _required(row, "username").lstrip("@")
            gender = (row.get("gender") or "").strip().upper()
            size = (row.get("body_size") or "").strip().upper()
            if gender not in ("F", "M"):
                raise BadRecord("roster: gender must be F or M")
            if size not in ("S", "M", "L"):
                raise BadRecord("roster: body_size must be S, M or L")
            yield Influencer(username=username, gender=gender, body_size=size,
                             followers=parse_count(row.get("followers"), "followers"),
                             display_name=row.get("display_name") or None,
                             bio=row.get("bio") or None, source="roster")
        except BadRecord as exc:
            summary[str(exc)] += 1
