"""Fuzzing: random and mutated bytes into the image loader and the recommend path; random
records into every source parser. Each ends in the library's error or a valid result."""
import io
from datetime import datetime

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from influrec import ranking, store
from influrec.errors import UnreadableImage
from influrec.images import open_image
from influrec.sources import graph_api, html_pages, instaloader_dir, tabular
from influrec.sources.tabular import BadRecord

MAX_PIXELS = 4_000_000


def _seed_files() -> list[bytes]:
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 255, (40, 30, 3), dtype=np.uint8)
    out = []
    for fmt, mode, kw in [("JPEG", "RGB", {}), ("PNG", "RGBA", {}), ("GIF", "P", {}), ("WEBP", "RGB", {}),
                          ("JPEG", "CMYK", {}), ("PNG", "I;16", {}), ("PNG", "LA", {})]:
        if mode == "I;16":
            wide = (arr[..., 0].astype(np.uint16) * 200).tobytes()
            im = Image.frombuffer("I;16", (30, 40), wide, "raw", "I;16", 0, 1)
        else:
            im = Image.fromarray(arr).convert(mode)
        buf = io.BytesIO()
        im.save(buf, fmt, **kw)
        out.append(buf.getvalue())
    frames = [Image.fromarray(np.roll(arr, i, 0)).convert("P") for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    out.append(buf.getvalue())
    return out


SEEDS = _seed_files()


def check(data: bytes):
    try:
        im = open_image(data, max_pixels=MAX_PIXELS)
    except UnreadableImage as exc:
        assert str(exc)
        return
    assert im.mode == "RGB" and im.width * im.height <= MAX_PIXELS


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes(data):
    check(data)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=12),
       st.integers(0, 10_000), st.booleans())
def test_mutated_real_files(which, flips, cut, truncate):
    data = bytearray(SEEDS[which])
    for pos, value in flips:
        data[pos % len(data)] = value
    if truncate:
        data = data[: max(1, cut % len(data))]
    check(bytes(data))


def test_huge_dimensions_in_a_tiny_header():
    png = bytearray(SEEDS[1])
    png[16:24] = (60000).to_bytes(4, "big") + (60000).to_bytes(4, "big")    # IHDR width/height
    with pytest.raises(UnreadableImage):
        open_image(bytes(png), max_pixels=MAX_PIXELS)


@pytest.fixture(scope="module")
def engine(shipped_demo, demo_model_path):
    from influrec.model import load_model
    con = store.connect(shipped_demo / "demo.duckdb", read_only=True)
    yield load_model(demo_model_path), ranking.Pool.from_db(con), con
    con.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(range(len(SEEDS))), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6),
       st.sampled_from(ranking.METHODS))
def test_recommend_path_never_crashes(engine, which, flips, method):
    model, pool, con = engine
    data = bytearray(SEEDS[which])
    for pos, value in flips:
        data[pos % len(data)] = value
    try:
        res = ranking.recommend_image(bytes(data), "brand", "any", "any", 3, method, model=model, pool=pool, con=con)
    except UnreadableImage:
        return
    assert len(res.results) == 3 or (method == "seed" and res.note.startswith(f"Only {len(res.results)}"))
    assert all(np.isfinite(r.score) for r in res.results)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
                           max_leaves=10)
KEYS = ["post_id", "username", "posted_at", "caption", "likes", "comments", "is_video", "image", "permalink",
        "shortcode", "taken_at_timestamp", "owner", "edge_media_preview_like", "edge_media_to_caption", "id",
        "timestamp", "like_count", "media_type", "media_url", "comments_count"]
records = st.dictionaries(st.sampled_from(KEYS), json_values | st.sampled_from(
    ["2024-01-02T03:04:05Z", "12", "-3", "1e30", "yes", "mina", 1704164645, {"username": "x"}, {"count": "7"}]), max_size=10)


@settings(max_examples=800, deadline=None)
@given(records)
def test_source_parsers_skip_or_accept(row):
    from pathlib import Path
    for parse in (lambda r: tabular.post_from_row(r, Path(".")),
                  lambda r: instaloader_dir.post_from_node(r, Path("/nonexistent/x"), None),
                  lambda r: graph_api.media_to_post(r, "u")):
        try:
            post = parse(row)
        except BadRecord:
            continue
        assert post.post_id and post.username and isinstance(post.posted_at, datetime)
        assert post.likes is None or post.likes >= 0


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40))
def test_html_parser_skips_or_accepts(desc, url):
    html = f'<meta property="og:description" content="{desc}"><meta property="og:url" content="{url}">'
    try:
        post = html_pages.parse_page(html)
    except BadRecord:
        return
    assert post.post_id and post.username
