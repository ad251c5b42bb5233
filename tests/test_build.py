"""etl.build: imputed likes, representative styles and posts, keywords, atomic output."""
from datetime import datetime

import pytest

from etl.build import build
from influrec import store
from influrec.errors import StoreError
from influrec.records import Influencer, Post, PostStyle

T0 = datetime(2026, 3, 1)


@pytest.fixture
def work(tmp_path):
    path = tmp_path / "work.duckdb"
    con = store.connect(path, clock=T0)
    store.upsert_influencers(con, [Influencer("ana", gender="F", body_size="S", followers=1000),
                                   Influencer("ben", gender="M", body_size="L", followers=1000)], at=T0)
    posts = [  # ana: street 10, 20, hidden; hiphop 100. ben: every like count hidden. cy: not in roster
        Post("a1", "ana", datetime(2026, 1, 1), "#스트리트 후드티 성수 #데일리", 10, image_path="a1.jpg"),
        Post("a2", "ana", datetime(2026, 1, 2), "후드티 스니커즈 @brand https://x.y/z", 20, image_path="a2.jpg"),
        Post("a3", "ana", datetime(2026, 1, 3), "후드티 😊", None, image_path="a3.jpg"),
        Post("a4", "ana", datetime(2026, 1, 4), "체인목걸이 힙합", 100, image_path=None),
        Post("b1", "ben", datetime(2026, 1, 5), "트렌치코트 클래식", None, image_path="b1.jpg"),
        Post("b2", "ben", datetime(2026, 1, 6), "트렌치코트", None, image_path="b2.jpg"),
        Post("c1", "cy", datetime(2026, 1, 7), "맛집", 7, image_path="c1.jpg"),
    ]
    store.upsert_posts(con, posts, at=T0)
    styles = {"a1": "street", "a2": "street", "a3": "street", "a4": "hiphop", "b1": "classic",
              "b2": "classic", "c1": "other"}
    store.upsert_post_styles(con, [PostStyle(p, "m", s, 0.9) for p, s in styles.items()])
    con.close()
    return path


def test_build_derives_the_seed_tables(work, tmp_path):
    out = tmp_path / "app.duckdb"
    summary = build(work, out, at=T0)
    assert summary["posts"] == 7 and summary["influencers"] == 3
    con = store.connect(out, read_only=True)
    facts = dict(con.execute("SELECT post_id, round(likes_filled, 2) FROM post_facts").fetchall())
    assert facts["a3"] == round((10 + 20 + 100) / 3, 2)          # the account's mean of visible likes
    # ben has no visible like: followers x the pool's median likes-per-follower (0.01, 0.02, 0.1)
    assert facts["b1"] == facts["b2"] == 1000 * 0.02
    rows = con.execute("""SELECT username, style, posts, round(like_sum, 2), round(share, 3), rep_post_id
                          FROM influencer_styles ORDER BY 1, 2""").fetchall()
    assert rows == [("ana", "hiphop", 1, 100.0, 0.25, "a4"),
                    ("ana", "street", 3, round(30 + 130 / 3, 2), 0.75, "a3"),
                    ("ben", "classic", 2, 40.0, 1.0, "b2"),   # a tie goes to the newer post
                    ("cy", "other", 1, 7.0, 1.0, "c1")]
    prof = con.execute("""SELECT username, brand_style, consumer_style, in_roster, hidden_likes
                          FROM influencer_profile ORDER BY 1""").fetchall()
    # ana: likes say hip-hop (100 > 73.3), the post count says street
    assert prof == [("ana", "hiphop", "street", True, 1), ("ben", "classic", "classic", True, 2),
                    ("cy", "other", "other", False, 0)]
    kw = con.execute("SELECT word, count FROM keywords WHERE username='ana' ORDER BY count DESC, word").fetchall()
    assert kw[0] == ("후드티", 3)
    words = {w for w, _ in kw}
    assert "데일리" not in words and "brand" not in words and "https" not in words
    assert store.build_info(con)["built_at"] == "2026-03-01T00:00:00"
    con.close()


def test_brand_style_follows_the_likes(work, tmp_path):
    con = store.connect(work)
    con.execute("UPDATE posts SET likes = 1 WHERE post_id = 'a4'")
    con.close()
    build(work, tmp_path / "app.duckdb", at=T0)
    con = store.connect(tmp_path / "app.duckdb", read_only=True)
    assert con.execute("SELECT brand_style, consumer_style FROM influencer_profile WHERE username='ana'"
                       ).fetchone() == ("street", "street")
    con.close()


def test_build_without_work_db(tmp_path):
    with pytest.raises(StoreError, match="Working database not found"):
        build(tmp_path / "none.duckdb", tmp_path / "out.duckdb")
    assert not (tmp_path / "out.duckdb").exists()
