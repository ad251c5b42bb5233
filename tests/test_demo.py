"""The demo world: sizes and proportions of the issue, determinism, the pipeline's output."""
from collections import Counter
from datetime import timedelta

import duckdb
import numpy as np
import pytest
from PIL import Image

from influrec.demo.world import make_world
from influrec.styles import STYLE_IDS


@pytest.fixture(scope="module")
def world():
    return make_world(0)


def test_influencers_cover_every_gender_and_size(world):
    assert len(world.influencers) >= 60
    combos = Counter((i.gender, i.body_size) for i in world.influencers)
    assert set(combos) == {(g, s) for g in "FM" for s in "SML"}
    assert min(combos.values()) >= 5
    assert len({i.username for i in world.influencers}) == len(world.influencers)


def test_posts_volume_span_and_proportions(world):
    posts = world.posts
    assert len(posts) >= 3000
    dates = [p.posted_at for p in posts]
    assert max(dates) - min(dates) >= timedelta(days=365)
    hidden = sum(p.likes is None for p in posts) / len(posts)
    assert 0.03 <= hidden <= 0.08
    assert 0.03 <= sum(p.is_video for p in posts) / len(posts) <= 0.15
    no_image = sum(p.image_path is None for p in posts)
    assert 0 < no_image < 0.1 * len(posts)


def test_likes_scale_with_followers(world):
    followers = {i.username: i.followers for i in world.influencers}
    mean = {}
    for p in world.posts:
        if p.likes is not None:
            mean.setdefault(p.username, []).append(p.likes)
    users = sorted(mean)
    corr = np.corrcoef(np.log([followers[u] for u in users]), np.log([np.mean(mean[u]) + 1 for u in users]))[0, 1]
    assert corr > 0.7
    by_user = [np.std(v) / np.mean(v) for v in mean.values() if len(v) > 5]
    assert np.median(by_user) > 0.2     # likes vary by post


def test_influencers_have_a_mix_with_one_or_two_dominant_styles(world):
    for username, mix in world.mixes.items():
        top = sorted(mix.values(), reverse=True)
        assert 0.35 <= top[0] <= 0.85, username
        assert sum(w > 0.01 for w in mix.values()) >= 4, username      # a tail, not one style
    styles_seen = Counter(world.truth.values())
    assert set(styles_seen) == set(STYLE_IDS)


def test_captions_are_korean_with_hashtags_and_mentions(world):
    captions = [p.caption for p in world.posts]
    assert all("#" in c for c in captions)
    assert sum("@" in c for c in captions) > 0.2 * len(captions)
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in c) for c in captions)


def test_same_seed_same_world_other_seed_different():
    a, b, c = make_world(5, per_combo=5), make_world(5, per_combo=5), make_world(6, per_combo=5)
    assert a.posts == b.posts and a.influencers == b.influencers
    assert a.posts != c.posts


def _contents(path):
    con = duckdb.connect(str(path), read_only=True)
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    con.close()
    return out


@pytest.mark.timeout(600)
def test_built_worlds_are_identical_for_a_seed(tmp_path, demo_model_path):
    from etl.demo import demo
    kw = dict(model=demo_model_path, per_combo=1, posts_range=(8, 12), workers=1)
    demo(3, tmp_path / "a", **kw)
    demo(3, tmp_path / "b", **kw)
    demo(4, tmp_path / "c", **kw)
    a, b, c = (_contents(tmp_path / x / "demo.duckdb") for x in "abc")
    assert a == b
    assert a["posts"] != c["posts"]
    pics_a = sorted((tmp_path / "a" / "images").rglob("*.jpg"))
    assert [p.read_bytes() for p in pics_a] == [
        (tmp_path / "b" / p.relative_to(tmp_path / "a")).read_bytes() for p in pics_a]


def test_shipped_demo_database(shipped_demo):
    con = duckdb.connect(str(shipped_demo / "demo.duckdb"), read_only=True)
    n_inf, n_posts = con.execute("SELECT (SELECT count(*) FROM influencers), (SELECT count(*) FROM posts)").fetchone()
    assert n_inf >= 60 and n_posts >= 3000
    assert con.execute("SELECT count(*) FROM demo_truth").fetchone()[0] == n_posts
    # every post classified by the demo model; posts without picture are no_image
    assert con.execute("SELECT count(*) FROM post_styles").fetchone()[0] == n_posts
    assert con.execute("""SELECT count(*) FROM posts p JOIN post_styles s USING (post_id)
                          WHERE (p.image_path IS NULL) <> (s.style = 'no_image')""").fetchone()[0] == 0
    con.close()
    sheet = Image.open(shipped_demo / "contact_sheet.png")
    assert sheet.size == (5 * 192, 5 * 256)
