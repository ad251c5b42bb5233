"""etl.ingest on CSV/JSONL fixtures with broken records and a local HTTP image server."""
import functools
import http.server
import io
import json
import threading

import pytest
from PIL import Image

from etl.ingest import ingest, safe_name
from influrec import store
from influrec.sources.download import fetch_image


def jpeg(colour=(200, 0, 0)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), colour).save(buf, "JPEG")
    return buf.getvalue()


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: dict = {}

    def do_GET(self):
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/ok.jpg":
            body, status, ctype = jpeg(), 200, "image/jpeg"
        elif self.path == "/flaky.jpg" and self.hits[self.path] == 1:
            body, status, ctype = b"busy", 503, "text/plain"
        elif self.path == "/flaky.jpg":
            body, status, ctype = jpeg((0, 200, 0)), 200, "image/jpeg"
        elif self.path == "/page.jpg":
            body, status, ctype = b"<html>login</html>", 200, "text/html"
        else:
            body, status, ctype = b"no", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def server():
    _Handler.hits = {}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_port}", _Handler.hits
    httpd.shutdown()


@pytest.fixture
def source(tmp_path, server):
    base, _ = server
    (tmp_path / "src" / "pics").mkdir(parents=True)
    (tmp_path / "src" / "pics" / "a.jpg").write_bytes(jpeg())
    rows = [
        {"post_id": "p1", "username": "mina", "posted_at": "2026-05-01T10:00:00+09:00", "caption": "#스트리트 후드티",
         "likes": 120, "comments": 3, "is_video": False, "image": "pics/a.jpg"},
        {"post_id": "p2", "username": "mina", "posted_at": "2026-05-02T10:00:00Z", "caption": "숨김", "likes": None,
         "image": f"{base}/ok.jpg"},
        {"post_id": "p3", "username": "@jun", "posted_at": "2026-05-03 11:00:00", "likes": "1,204",
         "image": f"{base}/flaky.jpg", "is_video": "true"},
        {"post_id": "p4", "username": "jun", "posted_at": "2026-05-04", "likes": 5, "image": f"{base}/page.jpg"},
        {"post_id": "p5", "username": "jun", "posted_at": "2026-05-05", "likes": 5, "image": f"{base}/gone.jpg"},
        {"post_id": "p6", "username": "jun", "posted_at": "2026-05-06", "likes": 5, "image": "pics/missing.jpg"},
        {"post_id": "bad1", "username": "jun", "posted_at": "yesterday", "likes": 5},
        {"post_id": "bad2", "username": "jun", "posted_at": "2026-05-07", "likes": -3},
        {"username": "jun", "posted_at": "2026-05-07", "likes": 3},
        {"post_id": "p1", "username": "mina", "posted_at": "2026-05-01", "likes": 1},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + ["{broken json"]
    (tmp_path / "src" / "posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "src" / "roster.csv").write_text(
        "username,gender,body_size,followers\nmina,F,S,5000\nbob,X,M,1\n", encoding="utf-8")
    return tmp_path / "src"


def run(tmp_path, source):
    fetch = functools.partial(fetch_image, sleep=lambda s: None)
    return ingest([source / "posts.jsonl"], source / "roster.csv", db=tmp_path / "w.duckdb",
                  image_root=tmp_path / "img", fetch=fetch, summary_path=tmp_path / "summary.json")


def test_ingest_loads_good_records_and_counts_bad_ones(tmp_path, source, server):
    summary = run(tmp_path, source)
    assert summary["loaded"] == {"influencers": 1, "posts": 6, "images": 3}
    assert summary["skipped"] == {
        "bad date": 1, "bad likes": 1, "duplicate post_id in file": 1, "malformed JSON line": 1,
        "missing post_id": 1, "roster: gender must be F or M": 1,
        "download failed: HTTP 404 (post kept without picture)": 1,
        "download is not an image (post kept without picture)": 1,
        "image file missing (post kept without picture)": 1}
    assert summary["influencers_not_in_roster"] == ["jun"]
    assert json.loads((tmp_path / "summary.json").read_text()) == summary
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    rows = con.execute("SELECT post_id, username, posted_at::VARCHAR, likes, is_video, image_path FROM posts ORDER BY 1").fetchall()
    assert rows == [
        ("p1", "mina", "2026-05-01 01:00:00", 120, False, "files/mina/p1.jpg"),
        ("p2", "mina", "2026-05-02 10:00:00", None, False, "downloads/mina/p2.jpg"),
        ("p3", "jun", "2026-05-03 11:00:00", 1204, True, "downloads/jun/p3.jpg"),
        ("p4", "jun", "2026-05-04 00:00:00", 5, False, None),
        ("p5", "jun", "2026-05-05 00:00:00", 5, False, None),
        ("p6", "jun", "2026-05-06 00:00:00", 5, False, None)]
    assert con.execute("SELECT followers, gender FROM influencers WHERE username='mina'").fetchone() == (5000, "F")
    con.close()
    assert (tmp_path / "img" / "downloads" / "jun" / "p3.jpg").read_bytes()[:2] == b"\xff\xd8"


def test_rerun_changes_nothing_and_fetches_nothing(tmp_path, source, server):
    _, hits = server
    run(tmp_path, source)
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    before = {t: store.table(con, t) for t in ("influencers", "posts")}
    con.close()
    ok_hits = hits["/ok.jpg"]
    run(tmp_path, source)
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    for name, frame in before.items():
        assert store.table(con, name).equals(frame), name
    con.close()
    assert hits["/ok.jpg"] == ok_hits == 1          # already on disk: not fetched again
    assert hits["/flaky.jpg"] == 2                   # one 503, one retry that worked


def test_safe_name_blocks_path_tricks():
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"   # one harmless file name
    assert safe_name("..") == "_"
    assert safe_name("mina.daily_01") == "mina.daily_01"


def test_csv_source(tmp_path):
    (tmp_path / "posts.csv").write_text(
        "post_id,username,posted_at,caption,likes,comments,is_video,image,permalink\n"
        "c1,mina,2026-01-02T03:04:05,\"안녕, #데일리\",,2,0,,https://instagram.com/p/c1\n"
        "c2,mina,2026-01-03,,7,,yes,,\n", encoding="utf-8")
    summary = ingest([tmp_path / "posts.csv"], db=tmp_path / "w.duckdb", image_root=tmp_path / "img")
    assert summary["loaded"]["posts"] == 2 and summary["skipped"] == {}
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    assert con.execute("SELECT post_id, caption, likes, comments, is_video FROM posts ORDER BY 1").fetchall() == [
        ("c1", "안녕, #데일리", None, 2, False), ("c2", "", 7, None, True)]
    con.close()
