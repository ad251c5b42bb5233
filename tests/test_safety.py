"""Hostile text through every query the app and the engine run: data, never SQL."""
import numpy as np
import pytest

from influrec import ranking, store
from influrec.errors import UnknownInfluencer

HOSTILE = ["x'); DROP TABLE posts; --", "' OR '1'='1", "%", "_", "\\", "\x00", "🙂'; SELECT 1; --",
           "username", "NULL", "a" * 5000]


@pytest.fixture(scope="module")
def db(shipped_demo):
    con = store.connect(shipped_demo / "demo.duckdb", read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("evil", HOSTILE)
def test_every_read_query_treats_text_as_data(db, evil):
    n_posts = db.execute("SELECT count(*) FROM posts").fetchone()[0]
    with pytest.raises(UnknownInfluencer):
        store.influencer_profile(db, evil)
    assert store.keywords(db, evil) == {}
    assert store.influencer_styles(db, evil).empty
    assert store.influencer_posts(db, evil).empty
    assert store.post_cards(db, [evil]) == []
    assert store.matching_posts(db, [(evil, [evil], evil)]) == {evil: []}
    assert store.style_distribution(db, evil, evil).empty
    assert store.monthly_posts(db, evil, "any").empty
    assert db.execute("SELECT count(*) FROM posts").fetchone()[0] == n_posts


@pytest.mark.parametrize("evil", HOSTILE)
def test_filters_refuse_hostile_values(db, evil):
    pool = ranking.Pool.from_db(db)
    with pytest.raises(ranking.BadQuery):
        ranking.recommend(np.full(len(pool.classes), 1 / len(pool.classes)), "brand", evil, "any",
                          pool=pool, con=db)
