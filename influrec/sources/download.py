"""Image downloads for posts referenced by URL: timeouts, retries with backoff, a size cap,
a content check, atomic writes, and no second fetch of a file already on disk."""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import requests

from influrec.errors import UnreadableImage
from influrec.images import open_image
from influrec.sources.tabular import BadRecord

RETRY_STATUS = {429, 500, 502, 503, 504}


def fetch_image(url: str, dest: Path, *, session: requests.Session | None = None,
                timeout: float = 15.0, retries: int = 3, backoff: float = 1.0,
                max_bytes: int = 20 * 1024 * 1024, sleep=time.sleep) -> bool:
    """Download `url` to `dest` unless `dest` exists.

    :returns: True when fetched now, False when it was already on disk.
    :raises BadRecord: with the reason ("download failed: HTTP 404", "download is not an
        image", ...) once retries are spent; nothing is left at `dest` then.
    """
    if dest.exists():
        return False
    session = session or requests.Session()
    last = "download failed"
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with session.get(url, timeout=timeout, stream=True) as resp:
                if resp.status_code in RETRY_STATUS:
                    last = f"download failed: HTTP {resp.status_code}"
                    continue
                if resp.status_code != 200:
                    raise BadRecord(f"download failed: HTTP {resp.status_code}")
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise BadRecord("download too large")
                data = bytearray()
                for chunk in resp.iter_content(64 * 1024):
                    data += chunk
                    if len(data) > max_bytes:
                        raise BadRecord("download too large")
        except requests.RequestException as exc:
            last = f"download failed: {type(exc).__name__}"
            continue
        try:
            open_image(bytes(data), max_bytes=max_bytes)
        except UnreadableImage:
            raise BadRecord("download is not an image") from None
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.part")
        tmp.write_bytes(bytes(data))
        os.replace(tmp, dest)
        return True
    raise BadRecord(last)
