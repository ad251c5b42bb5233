"""influrec.store: schema, idempotent upserts, read-only open, atomic builds."""
import threading
from datetime import datetime

import duckdb
import pytest

from influrec import store
from influrec.errors import StoreError
from influrec.records import Influencer, Post, PostStyle

T0 = datetime(2026, 1, 1, 12, 0)


def posts(n=3, user="mina"):
    return [Post(f"p{i}", user, datetime(2026, 5, i + 1), f"캡션 {i}", likes=None if i == 1 else 10 * i,
                 comments=i, is_video=i == 2, image_path=None if i == 0 else f"{user}/p{i}.jpg")
            for i in range(n)]


def test_schema_version_and_tables(fresh_store):
    assert store.schema_version(fresh_store) == store.SCHEMA_VERSION
    tables = {r[0] for r in fresh_store.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"influencers", "posts", "post_styles", "demo_truth", "schema_version", "models"} <= tables
    cols = [r[0] for r in fresh_store.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name='posts' ORDER BY ordinal_position").fetchall()]
    assert cols == ["post_id", "username", "posted_at", "caption", "likes", "comments", "is_video",
                    "image_path", "permalink", "ingested_at"]


def test_migrate_twice_records_one_version(fresh_store):
    store.migrate(fresh_store)
    assert fresh_store.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1


def test_upserts_are_idempotent(fresh_store):
    store.upsert_influencers(fresh_store, [Influencer("mina", "미나", "F", "S", 1200)], at=T0)
    store.upsert_posts(fresh_store, posts(), at=T0)
    first = {t: store.table(fresh_store, t) for t in ("influencers", "posts")}
    store.upsert_influencers(fresh_store, [Influencer("mina", "미나", "F", "S", 1200)], at=datetime(2027, 1, 1))
    store.upsert_posts(fresh_store, posts(), at=datetime(2027, 1, 1))
    for name, frame in first.items():
        assert store.table(fresh_store, name).equals(frame), name
    row = fresh_store.execute("SELECT likes, is_video, image_path FROM posts WHERE post_id='p1'").fetchone()
    assert row == (None, False, "mina/p1.jpg")


def test_post_of_unknown_influencer_gets_a_flagged_row(fresh_store):
    store.upsert_posts(fresh_store, posts(1, user="stranger"), at=T0)
    assert fresh_store.execute("SELECT username, gender, body_size FROM influencers").fetchall() == [
        ("stranger", None, None)]
    assert store.unlisted_influencers(fresh_store) == ["stranger"]
    store.upsert_influencers(fresh_store, [Influencer("stranger", gender="M", body_size="L")], at=T0)
    assert store.unlisted_influencers(fresh_store) == []


def test_partial_influencer_update_keeps_known_fields(fresh_store):
    store.upsert_influencers(fresh_store, [Influencer("mina", "미나", "F", "S", 1200)], at=T0)
    store.upsert_influencers(fresh_store, [Influencer("mina", followers=1500)], at=T0)
    assert fresh_store.execute("SELECT display_name, gender, body_size, followers FROM influencers").fetchone() == (
        "미나", "F", "S", 1500)


def test_check_constraints_refuse_bad_values(fresh_store):
    with pytest.raises(duckdb.ConstraintException):
        store.upsert_influencers(fresh_store, [Influencer("x", gender="X")])


def test_post_styles_upsert_replaces(fresh_store):
    store.upsert_posts(fresh_store, posts(1), at=T0)
    store.upsert_post_styles(fresh_store, [PostStyle("p0", "m1", "street", 0.5, [0.5, 0.5], [1.0, 2.0])])
    store.upsert_post_styles(fresh_store, [PostStyle("p0", "m1", "hiphop", 0.75, [0.25, 0.75], [3.0, 4.0])])
    rows = fresh_store.execute("SELECT style, confidence, probs, embedding FROM post_styles").fetchall()
    assert rows == [("hiphop", 0.75, [0.25, 0.75], [3.0, 4.0])]


def test_hostile_text_is_data_not_sql(fresh_store):
    evil = "x'); DROP TABLE posts; --"
    store.upsert_influencers(fresh_store, [Influencer(evil, bio=evil)], at=T0)
    store.upsert_posts(fresh_store, [Post(evil, evil, T0, evil)], at=T0)
    assert fresh_store.execute("SELECT caption FROM posts").fetchone() == (evil,)


def test_read_only_open(tmp_path):
    path = tmp_path / "db.duckdb"
    store.connect(path).close()
    con = store.connect(path, read_only=True)
    with pytest.raises(duckdb.Error):
        con.execute("INSERT INTO demo_truth VALUES ('a', 'b')")
    con.close()


def test_read_only_missing_file_says_how_to_build(tmp_path):
    with pytest.raises(StoreError) as err:
        store.connect(tmp_path / "none.duckdb", read_only=True)
    assert str(err.value) == (f"Database not found: {tmp_path / 'none.duckdb'}. Build it with "
                              "`python -m etl.demo` (demo world) or `python -m etl.all` (your data).")


def test_read_only_refuses_other_schema_version(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (0, now())")
    con.close()
    with pytest.raises(StoreError, match="has schema version 0; this influrec reads version 1"):
        store.connect(path, read_only=True)


def test_build_into_swaps_atomically_and_readers_keep_the_old_file(tmp_path):
    target = tmp_path / "app.duckdb"
    with store.build_into(target) as con:
        store.upsert_posts(con, posts(1, "old"), at=T0)
    reader = store.connect(target, read_only=True)
    seen = []
    started, release = threading.Event(), threading.Event()

    def build_new():
        with store.build_into(target) as con:
            store.upsert_posts(con, posts(2, "new"), at=T0)
            started.set()
            release.wait(10)

    t = threading.Thread(target=build_new)
    t.start()
    started.wait(10)
    seen.append(reader.execute("SELECT DISTINCT username FROM posts").fetchall())
    release.set()
    t.join()
    seen.append(reader.execute("SELECT DISTINCT username FROM posts").fetchall())
    reader.close()
    assert seen == [[("old",)], [("old",)]]       # the open reader never sees the build
    fresh = store.connect(target, read_only=True)
    assert fresh.execute("SELECT DISTINCT username FROM posts").fetchall() == [("new",)]
    fresh.close()
    assert [p.name for p in tmp_path.iterdir()] == ["app.duckdb"]


def test_failed_build_leaves_target_untouched(tmp_path):
    target = tmp_path / "app.duckdb"
    with store.build_into(target) as con:
        store.upsert_posts(con, posts(1), at=T0)
    with pytest.raises(RuntimeError):
        with store.build_into(target) as con:
            con.execute("DELETE FROM posts")
            raise RuntimeError("boom")
    con = store.connect(target, read_only=True)
    assert con.execute("SELECT count(*) FROM posts").fetchone() == (1,)
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.duckdb"]


def test_table_refuses_unknown_names(fresh_store):
    with pytest.raises(StoreError, match="Unknown table 'posts; drop'"):
        store.table(fresh_store, "posts; drop")
