"""The other post sources: Instaloader folders (written with Instaloader's own writer), the
Graph API business discovery (a local server speaking its format), saved post pages."""
import functools
import http.server
import io
import json
import logging
import threading
from collections import Counter
from datetime import datetime
from urllib.parse import parse_qs, urlparse

import instaloader
import pytest
from PIL import Image

from etl.ingest import ingest
from influrec import store
from influrec.errors import SourceError
from influrec.sources.download import fetch_image
from influrec.sources.graph_api import GraphClient
from influrec.sources.html_pages import parse_page, read_html_pages
from influrec.sources.instaloader_dir import read_instaloader

TOKEN = "EAAG-secret-token-123"


def jpeg_bytes(colour=(10, 120, 200)):
    buf = io.BytesIO()
    Image.new("RGB", (20, 30), colour).save(buf, "JPEG")
    return buf.getvalue()


# ------------------------------------------------------------------ Instaloader

def _node(code, ts, likes=None, hidden=False, video=False, caption="후드티 #스트릿패션"):
    node = {"__typename": "GraphImage", "id": code + "0", "shortcode": code, "taken_at_timestamp": ts,
            "is_video": video, "edge_media_to_caption": {"edges": [{"node": {"text": caption}}]},
            "edge_media_to_comment": {"count": 3}, "owner": {"id": "999", "username": "mina.daily"},
            "display_url": "https://example.invalid/x.jpg"}
    if likes is not None:
        node["edge_media_preview_like"] = {"count": likes}
    if hidden:
        node["like_and_view_counts_disabled"] = True
        node["edge_media_preview_like"] = {"count": -1}
    return node


@pytest.fixture
def instaloader_dir(tmp_path):
    """What `instaloader profile mina.daily` leaves behind, written by Instaloader itself."""
    L = instaloader.Instaloader(quiet=True)
    target = tmp_path / "mina.daily"
    target.mkdir()
    profile = instaloader.Profile(L.context, {"id": "999", "username": "mina.daily", "full_name": "미나",
                                              "biography": "스트릿 좋아", "edge_followed_by": {"count": 12000}})
    instaloader.save_structure_to_file(profile, str(target / "mina.daily_999.json.xz"))
    posts = [_node("CAAA1", 1704164645, likes=321), _node("CAAA2", 1704251045, hidden=True),
             _node("CAAA3", 1704337445, likes=50, video=True)]
    for node in posts:
        post = instaloader.Post(L.context, node)
        stem = target / L.format_filename(post, target="mina.daily")
        instaloader.save_structure_to_file(post, str(stem) + ".json.xz")
        name = f"{stem.name}_1.jpg" if node["shortcode"] == "CAAA1" else f"{stem.name}.jpg"
        (target / name).write_bytes(jpeg_bytes())
    (target / "2024-01-09_00-00-00_UTC.json.xz").write_bytes(b"not xz at all")
    return tmp_path


def test_instaloader_folder(instaloader_dir):
    summary = Counter()
    records = list(read_instaloader(instaloader_dir, summary))
    profile, posts = records[0], records[1:]
    assert (profile.username, profile.followers, profile.display_name) == ("mina.daily", 12000, "미나")
    assert [(p.post_id, p.likes, p.is_video, p.caption) for p in posts] == [
        ("CAAA1", 321, False, "후드티 #스트릿패션"), ("CAAA2", None, False, "후드티 #스트릿패션"),
        ("CAAA3", 50, True, "후드티 #스트릿패션")]
    assert posts[0].posted_at == datetime(2024, 1, 2, 3, 4, 5)
    assert posts[0].image_path.endswith("2024-01-02_03-04-05_UTC_1.jpg")     # side-car image
    assert posts[1].image_path.endswith("2024-01-03_03-04-05_UTC.jpg")
    assert summary == {"instaloader: unreadable JSON": 1}


# ------------------------------------------------------------------ Graph API

class GraphHandler(http.server.BaseHTTPRequestHandler):
    calls: list = []
    log_lines: list = []

    def do_GET(self):
        q = parse_qs(urlparse(self.path).query)
        self.calls.append(q)
        n = len(self.calls)
        if n == 1:
            return self._send(429, {"error": {"message": "rate limited"}})
        if n == 2:
            return self._send(500, {"error": {"message": "oops"}})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._send(400, {"error": {"message": "Invalid OAuth access token"}})
        fields = q["fields"][0]
        base = "http://127.0.0.1:%d" % self.server.server_port
        if "media.after(CUR2)" in fields:
            media = {"data": [{"id": "m3", "caption": "세번째", "like_count": 7, "comments_count": 0,
                               "media_type": "IMAGE", "media_url": f"{base}/img/m3.jpg",
                               "permalink": "https://www.instagram.com/p/m3/", "timestamp": "2024-02-03T10:00:00+0000"}],
                     "paging": {"cursors": {"before": "CUR2", "after": "CUR3"}}}
        else:
            media = {"data": [
                {"id": "m1", "caption": "첫 게시물 #레트로", "like_count": 120, "comments_count": 4, "media_type": "IMAGE",
                 "media_url": f"{base}/img/m1.jpg", "permalink": "https://www.instagram.com/p/m1/",
                 "timestamp": "2024-02-01T10:00:00+0000"},
                {"id": "m2", "caption": "좋아요 숨김", "comments_count": 1, "media_type": "VIDEO",
                 "media_url": f"{base}/vid/m2.mp4", "thumbnail_url": f"{base}/img/m2.jpg",
                 "permalink": "https://www.instagram.com/p/m2/", "timestamp": "2024-02-02T10:00:00+0000"},
                {"caption": "no id"}],
                "paging": {"cursors": {"before": "CUR1", "after": "CUR2"}, "next": f"{base}/next"}}
        self._send(200, {"business_discovery": {"followers_count": 5400, "media_count": 3, "name": "Brand",
                                                "biography": "bio", "media": media, "id": "1784"}, "id": "1784"})

    def _send(self, status, body, ctype="application/json"):
        data = json.dumps(body).encode() if isinstance(body, dict) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


class ImageHandler(GraphHandler):
    def do_GET(self):
        if self.path.startswith("/img/"):
            return self._send(200, jpeg_bytes(), "image/jpeg")
        return super().do_GET()


@pytest.fixture
def graph_server():
    GraphHandler.calls = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImageHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def client(base, **kw):
    return GraphClient("1784", token=TOKEN, base=base, sleep=lambda s: None, rate=0, **kw)


def test_graph_api_pages_retries_and_hidden_likes(graph_server, caplog):
    caplog.set_level(logging.DEBUG)
    summary = Counter()
    records = list(client(graph_server).discover("some.brand", summary))
    profile, posts = records[0], records[1:]
    assert (profile.username, profile.followers, profile.source) == ("some.brand", 5400, "graph_api")
    assert [(p.post_id, p.likes, p.is_video) for p in posts] == [("m1", 120, False), ("m2", None, True), ("m3", 7, False)]
    assert posts[1].image_path.endswith("/img/m2.jpg")          # a video's thumbnail
    assert posts[0].posted_at == datetime(2024, 2, 1, 10)
    assert summary == {"graph api: media without id": 1}
    assert len(GraphHandler.calls) == 4                          # 429, 500, page 1, page 2
    assert "media.after(CUR2)" in GraphHandler.calls[3]["fields"][0]
    assert TOKEN not in caplog.text and TOKEN not in repr(client(graph_server))


def test_graph_api_error_is_redacted(graph_server):
    GraphHandler.calls = [None, None]           # skip the 429/500 warm-up answers
    bad = GraphClient("1784", token="wrong-" + TOKEN, base=graph_server, sleep=lambda s: None, rate=0)
    with pytest.raises(SourceError) as err:
        list(bad.discover("x", Counter()))
    assert str(err.value) == "Graph API error (HTTP 400): Invalid OAuth access token"
    assert TOKEN not in str(err.value)


def test_graph_api_without_token(monkeypatch):
    monkeypatch.delenv("INFLUREC_GRAPH_TOKEN", raising=False)
    with pytest.raises(SourceError, match="No Graph API token: set INFLUREC_GRAPH_TOKEN."):
        GraphClient("1784")


def test_rate_limit_spaces_calls(graph_server):
    waits = []
    now = [100.0]
    c = GraphClient("1784", token=TOKEN, base=graph_server, rate=2.0, sleep=waits.append, clock=lambda: now[0])
    GraphHandler.calls = [None, None]
    c.get("id")
    c.get("id")
    assert waits == [0.5]        # 2 requests per second: the second waits half a second


# ------------------------------------------------------------------ saved HTML pages

def page(desc, url="https://www.instagram.com/p/Cxyz_9/", image="https://cdn.example/p.jpg", extra=""):
    return (f'<html><head><meta property="og:description" content="{desc}">'
            f'<meta property="og:url" content="{url}"><meta property="og:image" content="{image}">{extra}'
            '</head><body></body></html>')


@pytest.mark.parametrize("desc,likes,comments,user,date,caption", [
    ("1,234 likes, 56 comments - mina.daily on January 2, 2024: &quot;오늘 #스트릿&quot;.", 1234, 56,
     "mina.daily", datetime(2024, 1, 2), "오늘 #스트릿"),
    ("1.2K likes, 3 comments - jun_style on March 15, 2025: &quot;Hi&quot;", 1200, 3, "jun_style",
     datetime(2025, 3, 15), "Hi"),
    ("좋아요 1,234개, 댓글 56개 - mina.daily님, 2024년 1월 2일: &quot;오늘 #스트릿&quot;", 1234, 56,
     "mina.daily", datetime(2024, 1, 2), "오늘 #스트릿"),
    ("좋아요 1.5만개, 댓글 7개 - mina.daily님의 2024년 12월 31일 게시물: &quot;연말&quot;", 15000, 7,
     "mina.daily", datetime(2024, 12, 31), "연말"),
    ("12 comments - hidden.likes on May 5, 2024: &quot;숨김&quot;", None, 12, "hidden.likes",
     datetime(2024, 5, 5), "숨김"),
])
def test_html_page_wordings(desc, likes, comments, user, date, caption):
    post = parse_page(page(desc))
    assert (post.likes, post.comments, post.username, post.posted_at, post.caption) == (likes, comments, user, date, caption)
    assert post.post_id == "Cxyz_9" and post.image_path == "https://cdn.example/p.jpg"


def test_html_bad_pages_are_counted(tmp_path):
    (tmp_path / "a.html").write_text(page("1 likes, 0 comments - a on January 1, 2024: &quot;x&quot;"), encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><head></head></html>", encoding="utf-8")
    (tmp_path / "c.html").write_text(page("something else entirely"), encoding="utf-8")
    (tmp_path / "d.html").write_text(page("1 likes, 0 comments - a on Smarch 40, 2024: &quot;x&quot;"), encoding="utf-8")
    summary = Counter()
    assert [p.post_id for p in read_html_pages(tmp_path, summary)] == ["Cxyz_9"]
    assert summary == {"html: no og:description": 1, "html: description not in a known wording": 1, "bad date": 1}


# ------------------------------------------------------------------ every source through ingest, twice

def test_all_sources_ingest_idempotently(tmp_path, instaloader_dir, graph_server):
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    (html_dir / "p.html").write_text(page("10 likes, 1 comments - jun_style on June 1, 2024: &quot;html post&quot;",
                                          image=f"{graph_server}/img/h.jpg"), encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("username,gender,body_size\nmina.daily,F,S\nsome.brand,M,L\n", encoding="utf-8")
    kw = dict(instaloader=[instaloader_dir], html=[html_dir], graph_usernames=["some.brand"],
              db=tmp_path / "w.duckdb", image_root=tmp_path / "img",
              fetch=functools.partial(fetch_image, sleep=lambda s: None), at=datetime(2026, 1, 1))
    first = ingest([], roster, graph_client=client(graph_server), **kw)
    assert first["loaded"]["posts"] == 3 + 3 + 1
    assert first["influencers_not_in_roster"] == ["jun_style"]
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    snapshot = {t: store.table(con, t) for t in ("influencers", "posts")}
    assert con.execute("SELECT followers FROM influencers WHERE username='mina.daily'").fetchone() == (12000,)
    assert con.execute("SELECT gender FROM influencers WHERE username='mina.daily'").fetchone() == ("F",)
    dump = json.dumps([df.astype(str).values.tolist() for df in snapshot.values()])
    assert TOKEN not in dump
    con.close()
    GraphHandler.calls = [None, None]
    ingest([], roster, graph_client=client(graph_server), **kw)
    con = store.connect(tmp_path / "w.duckdb", read_only=True)
    for name, frame in snapshot.items():
        assert store.table(con, name).equals(frame), name
    con.close()


class RudeHandler(http.server.BaseHTTPRequestHandler):
    """Answers by the path: garbage HTML, a cut connection, or no answer in time."""
    release = threading.Event()

    def do_GET(self):
        fields = parse_qs(urlparse(self.path).query).get("fields", [""])[0]
        if "garbage" in fields:
            body = b"<html>Please log in</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif "cut" in fields:
            self.connection.shutdown(2)          # close without answering
        else:
            self.release.wait(5)                 # slower than the client's timeout

    def log_message(self, *a):
        pass


@pytest.fixture
def rude_server():
    RudeHandler.release.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RudeHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    RudeHandler.release.set()
    httpd.shutdown()


@pytest.mark.parametrize("fields,message", [
    ("garbage", "Graph API answered HTTP 200 with non-JSON (text/html)"),
    ("cut", "Graph API unreachable after 3 tries: ConnectionError"),
    ("slow", "Graph API unreachable after 3 tries: ReadTimeout"),
])
def test_graph_api_rude_servers(rude_server, fields, message):
    c = GraphClient("1784", token=TOKEN, base=rude_server, sleep=lambda s: None, rate=0, retries=2, timeout=0.3)
    with pytest.raises(SourceError) as err:
        c.get(fields)
    assert str(err.value) == message and TOKEN not in str(err.value)


def test_a_failing_source_does_not_stop_the_others(tmp_path, rude_server):
    posts = tmp_path / "posts.csv"
    posts.write_text("post_id,username,posted_at\np1,mina,2026-01-01\n", encoding="utf-8")
    c = GraphClient("1784", token=TOKEN, base=rude_server, sleep=lambda s: None, rate=0, retries=0, timeout=0.3)
    summary = ingest([posts], graph_usernames=["garbage"], graph_client=c, db=tmp_path / "w.duckdb",
                     image_root=tmp_path / "img")
    assert summary["loaded"]["posts"] == 1
    assert summary["skipped"] == {"source stopped: Graph API answered HTTP 200 with non-JSON (text/html)": 1}
