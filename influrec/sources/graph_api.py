"""Instagram Graph API business discovery: another account's profile and media, by username.

    GET {base}/{ig_user_id}?fields=business_discovery.username(<name>){followers_count,
        media_count,name,biography,media.after(<cursor>){id,caption,like_count,
        comments_count,media_type,media_url,thumbnail_url,permalink,timestamp}}

The access token comes from INFLUREC_GRAPH_TOKEN only; it travels in the Authorization
header (Graph API accepts `Bearer <token>`), never in the URL, so no request log carries
it; it is never stored, and an error text that echoes it is redacted. Retries with exponential
backoff on 429 and 5xx; at most `rate` requests per second. A media item without
`like_count` (the owner hid it) becomes a post with hidden likes.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator

import requests

from influrec.errors import SourceError
from influrec.records import Influencer, Post
from influrec.sources.tabular import BadRecord, parse_count, parse_time

DEFAULT_BASE = "https://graph.facebook.com/v21.0"
TOKEN_ENV = "INFLUREC_GRAPH_TOKEN"
MEDIA_FIELDS = "id,caption,like_count,comments_count,media_type,media_url,thumbnail_url,permalink,timestamp"
RETRY_STATUS = {429, 500, 502, 503, 504}


class GraphClient:
    def __init__(self, ig_user_id: str, *, token: str | None = None, base: str = DEFAULT_BASE,
                 session: requests.Session | None = None, retries: int = 4, backoff: float = 2.0,
                 rate: float = 2.0, timeout: float = 20.0, sleep=time.sleep, clock=time.monotonic):
        self._token = token if token is not None else os.environ.get(TOKEN_ENV, "")
        if not self._token:
            raise SourceError(f"No Graph API token: set {TOKEN_ENV}.")
        self.ig_user_id, self.base = ig_user_id, base.rstrip("/")
        self.session = session or requests.Session()
        self.retries, self.backoff, self.timeout = retries, backoff, timeout
        self.min_interval = 1.0 / rate if rate > 0 else 0.0
        self.sleep, self.clock = sleep, clock
        self._last = None

    def __repr__(self) -> str:   # never show the token
        return f"GraphClient(ig_user_id={self.ig_user_id!r}, base={self.base!r}, token=<redacted>)"

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "<redacted>") if self._token else text

    def get(self, fields: str) -> dict:
        """One call with rate limiting and retries; raises SourceError with a redacted reason."""
        url = f"{self.base}/{self.ig_user_id}"
        last = "no answer"
        for attempt in range(self.retries + 1):
            if self._last is not None and self.min_interval:
                wait = self.min_interval - (self.clock() - self._last)
                if wait > 0:
                    self.sleep(wait)
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._last = self.clock()
            try:
                resp = self.session.get(url, params={"fields": fields}, timeout=self.timeout,
                                        headers={"Authorization": f"Bearer {self._token}"})
            except requests.RequestException as exc:
                last = f"{type(exc).__name__}"
                continue
            if resp.status_code in RETRY_STATUS:
                last = f"HTTP {resp.status_code}"
                continue
            try:
                data = resp.json()
            except ValueError:
                raise SourceError(f"Graph API answered HTTP {resp.status_code} with non-JSON "
                                  f"({resp.headers.get('Content-Type', '?')})") from None
            if resp.status_code != 200 or "error" in data:
                message = (data.get("error") or {}).get("message", "") if isinstance(data, dict) else ""
                raise SourceError(self._redact(f"Graph API error (HTTP {resp.status_code}): {message}"))
            return data
        raise SourceError(self._redact(f"Graph API unreachable after {self.retries + 1} tries: {last}"))

    def discover(self, username: str, summary: Counter, *, max_pages: int = 50) -> Iterator[Influencer | Post]:
        """The account's profile, then its media page by page (`after` cursors)."""
        after = None
        for page in range(max_pages):
            media = f"media.after({after}){{{MEDIA_FIELDS}}}" if after else f"media{{{MEDIA_FIELDS}}}"
            data = self.get(f"business_discovery.username({username}){{followers_count,media_count,"
                            f"name,biography,{media}}}")
            bd = data.get("business_discovery") if isinstance(data, dict) else None
            if not isinstance(bd, dict):
                raise SourceError("Graph API answer without business_discovery")
            if page == 0:
                yield Influencer(username=username, display_name=bd.get("name") or None,
                                 followers=_safe_count(bd.get("followers_count")),
                                 bio=bd.get("biography") or None, source="graph_api")
            block = bd.get("media") or {}
            for item in block.get("data") or []:
                try:
                    yield media_to_post(item, username)
                except BadRecord as exc:
                    summary[f"graph api: {exc}"] += 1
            after = ((block.get("paging") or {}).get("cursors") or {}).get("after")
            if not after or not (block.get("paging") or {}).get("next"):
                return
        summary["graph api: stopped at the page limit"] += 1


def _safe_count(value) -> int | None:
    try:
        return parse_count(value, "count")
    except BadRecord:
        return None


def media_to_post(item: dict, username: str) -> Post:
    if not isinstance(item, dict) or not item.get("id"):
        raise BadRecord("media without id")
    kind = item.get("media_type")
    image = item.get("thumbnail_url") if kind == "VIDEO" else item.get("media_url")
    return Post(post_id=str(item["id"]), username=username, posted_at=parse_time(item.get("timestamp")),
                caption=item.get("caption") if isinstance(item.get("caption"), str) else "",
                likes=parse_count(item.get("like_count"), "likes"),
                comments=parse_count(item.get("comments_count"), "comments"),
                is_video=kind == "VIDEO", image_path=image if isinstance(image, str) else None,
                permalink=item.get("permalink"))
