"""influrec.ranking: seed parity with an independent implementation, soft smoothing,
property tests, the vectorised visual score, the CLI."""
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from influrec import ranking, store
from influrec.ranking import Pool

# ------------------------------------------------------------------ synthetic pools


def make_pool(posts, likes=None, gender=None, size=None, prior=None):
    posts = np.asarray(posts, float)
    n, s = posts.shape
    likes = posts * 10.0 if likes is None else np.asarray(likes, float)
    users = np.array([f"u{i:03d}" for i in range(n)])
    profiles = pd.DataFrame({"username": users, "display_name": users, "followers": 1000,
                             "gender": gender or ["F"] * n, "body_size": size or ["M"] * n})
    styles = [f"s{j}" for j in range(s)]
    if prior is None:       # the pool's shares, as Pool.from_db computes them (uniform when empty)
        total = posts.sum()
        prior = posts.sum(0) / total if total else np.full(s, 1.0 / s)
    return Pool(users, profiles, styles, posts, likes, np.full((n, s), None, object), prior, styles)


def test_one_of_one_does_not_beat_forty_of_fifty():
    pool = make_pool([[1, 0, 0], [40, 5, 5], [0, 30, 20]])
    w = np.array([1.0, 0, 0])
    scores = ranking.score_soft(pool, w, "consumer").sum(1)
    assert scores[1] > scores[0]
    raw_share_first = 1 / 1
    assert raw_share_first > 40 / 50          # unsmoothed, the 1-post account would have won


def test_brand_weights_expected_likes():
    pool = make_pool([[10, 0], [10, 0]], likes=[[100, 0], [5000, 0]])
    scores = ranking.score_soft(pool, np.array([1.0, 0.0]), "brand").sum(1)
    assert scores[1] > scores[0]


pools = st.integers(2, 8).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.integers(0, 60), min_size=4, max_size=4), min_size=n, max_size=n),
    st.lists(st.lists(st.integers(0, 5000), min_size=4, max_size=4), min_size=n, max_size=n),
    st.lists(st.sampled_from("FM"), min_size=n, max_size=n),
    st.lists(st.sampled_from("SML"), min_size=n, max_size=n),
    st.lists(st.floats(0, 1), min_size=4, max_size=4).filter(lambda p: sum(p) > 0.01)))


@hsettings(max_examples=150, deadline=None)
@given(pools, st.sampled_from(ranking.ROLES), st.sampled_from(ranking.GENDERS), st.sampled_from(ranking.SIZES))
def test_filters_always_respected_and_scores_finite(data, role, gender, body_size):
    counts, likes, genders, sizes, p = data
    likes = np.minimum(np.array(likes, float), np.array(counts, float) * 1000)
    pool = make_pool(counts, likes, genders, sizes)
    w = np.array(p) / sum(p)
    scores = ranking.score_soft(pool, w, role).sum(1)
    assert np.isfinite(scores).all()
    chosen = ranking._top(scores, pool.mask(gender, body_size), pool.usernames, 3)
    for i in chosen:
        assert gender in ("any", genders[i]) and body_size in ("any", sizes[i])
    expected = sum((gender in ("any", g)) and (body_size in ("any", s)) for g, s in zip(genders, sizes))
    assert len(chosen) == min(3, expected)


def _rank(scores, i, users):
    order = ranking._top(scores, np.ones(len(scores), bool), users, len(scores))
    return list(order).index(i)


@hsettings(max_examples=150, deadline=None)
@given(pools, st.integers(0, 7), st.integers(1, 30))
def test_more_posts_in_the_query_style_never_lowers_consumer_rank(data, who, extra):
    counts, _, _, _, p = data
    who = who % len(counts)
    w = np.array(p) / sum(p)
    target = int(np.argmax(w))
    before = make_pool(counts)
    raised = np.array(counts, float)
    raised[who, target] += extra
    after = make_pool(raised, prior=before.prior)       # the prior is the pool's, fixed at build
    r0 = _rank(ranking.score_soft(before, w, "consumer").sum(1), who, before.usernames)
    r1 = _rank(ranking.score_soft(after, w, "consumer").sum(1), who, after.usernames)
    assert r1 <= r0


@hsettings(max_examples=150, deadline=None)
@given(pools, st.integers(0, 7), st.integers(1, 5000))
def test_more_likes_in_the_query_style_never_lowers_brand_rank(data, who, extra):
    counts, likes, _, _, p = data
    who = who % len(counts)
    w = np.array(p) / sum(p)
    target = int(np.argmax(w))
    counts = np.array(counts, float)
    counts[who, target] = max(counts[who, target], 1)
    likes = np.array(likes, float)
    before = make_pool(counts, likes)
    likes[who, target] += extra
    after = make_pool(counts, likes, prior=before.prior)
    r0 = _rank(ranking.score_soft(before, w, "brand").sum(1), who, before.usernames)
    r1 = _rank(ranking.score_soft(after, w, "brand").sum(1), who, after.usernames)
    assert r1 <= r0


def test_ties_break_by_username():
    pool = make_pool([[5, 5], [5, 5], [5, 5]])
    scores = ranking.score_soft(pool, np.array([0.5, 0.5]), "consumer").sum(1)
    assert list(ranking._top(scores, np.ones(3, bool), pool.usernames, 3)) == [0, 1, 2]


def test_bad_choices_name_the_options():
    pool = make_pool([[1, 1]])
    with pytest.raises(ranking.BadQuery, match="Unknown role 'shop'; choose brand, consumer"):
        ranking.recommend(np.array([0.5, 0.5]), "shop", pool=pool, con=None)
    with pytest.raises(ranking.BadQuery, match="Unknown body size 'XL'; choose S, M, L, any"):
        ranking.recommend(np.array([0.5, 0.5]), "brand", "F", "XL", pool=pool, con=None)


# ------------------------------------------------------------------ on the demo database

@pytest.fixture(scope="module")
def demo_db(shipped_demo):
    con = store.connect(shipped_demo / "demo.duckdb", read_only=True)
    yield con, Pool.from_db(con)
    con.close()


def deck_algorithm(con, style, role, gender, size, k=3):
    """The deck's algorithm written again from the base tables, in pandas."""
    posts = con.execute("""SELECT p.username, p.likes, s.style FROM posts p JOIN post_styles s USING (post_id)""").df()
    inf = con.execute("SELECT username, gender, body_size FROM influencers").df()
    acct = posts.groupby("username")["likes"].mean()
    posts["filled"] = posts["likes"].astype(float).fillna(posts["username"].map(acct))
    agg = posts.groupby(["username", "style"]).agg(n=("style", "size"), likes=("filled", "sum")).reset_index()
    key = ["likes", "n"] if role == "brand" else ["n", "likes"]
    rep = agg.sort_values(key + ["style"], ascending=[False, False, True]).groupby("username").head(1)
    cand = rep[rep["style"] == style].merge(inf, on="username")
    if gender != "any":
        cand = cand[cand["gender"] == gender]
    if size != "any":
        cand = cand[cand["body_size"] == size]
    return cand.sort_values([key[0], "username"], ascending=[False, True])["username"].head(k).tolist()


@pytest.mark.parametrize("role", ranking.ROLES)
@pytest.mark.parametrize("gender,size", [("any", "any"), ("F", "any"), ("M", "L"), ("F", "S")])
def test_seed_matches_an_independent_implementation(demo_db, role, gender, size):
    con, pool = demo_db
    for style in ["street", "classic", "feminine", "hiphop", "other", "sporty", "military"]:
        probs = np.array([0.9 if c == style else 0.1 / (len(pool.classes) - 1) for c in pool.classes])
        got = ranking.recommend(probs, role, gender, size, 3, "seed", pool=pool, con=con)
        assert [r.username for r in got.results] == deck_algorithm(con, style, role, gender, size), style
        if len(got.results) < 3:
            assert got.note.startswith(f"Only {len(got.results)} influencer(s) match")


def test_soft_result_shape_and_explanation(demo_db):
    con, pool = demo_db
    probs = np.array([0.6 if c == "street" else (0.3 if c == "hiphop" else 0.1 / 22) for c in pool.classes])
    res = ranking.recommend(probs, "brand", "F", "any", 3, "soft", pool=pool, con=con)
    assert [r.rank for r in res.results] == [1, 2, 3] and res.note is None
    assert res.predicted == "street" and set(res.probs) == set(pool.classes)
    scores = [r.score for r in res.results]
    assert scores == sorted(scores, reverse=True)
    for r in res.results:
        assert r.gender == "F"
        assert r.representative_post is not None and r.representative_post.image_path
        assert r.explanation["method"] == "soft" and r.explanation["styles"]
        weights = [s["weight"] for s in r.explanation["styles"]]
        assert weights == sorted(weights, reverse=True) and 0 < sum(weights) <= 1.0001
        assert {"posts", "share", "expected_likes", "p"} <= set(r.explanation["styles"][0])
        assert r.representative_post.style in {s["style"] for s in r.explanation["styles"]}


def test_visual_vectorised_equals_a_loop(demo_db):
    con, pool = demo_db
    post_ids, owner, matrix = ranking.visual_index(pool, con)
    q = matrix[17] + 0.1 * matrix[400]
    scores, best = ranking.score_visual(pool, con, q)
    qn = q / np.linalg.norm(q)
    for i in (0, 5, 40):
        sims = sorted((float(matrix[j] @ qn) for j in np.flatnonzero(owner == i)), reverse=True)[:3]
        assert scores[i] == pytest.approx(np.mean(sims), abs=1e-5)
        assert [s for _, s in best[i]] == pytest.approx(sims, abs=1e-5)


def test_visual_finds_the_owner_of_a_post(demo_db):
    con, pool = demo_db
    post_ids, owner, matrix = ranking.visual_index(pool, con)
    res = ranking.recommend(np.full(len(pool.classes), 1 / len(pool.classes)), "consumer", k=3,
                            method="visual", pool=pool, con=con, embedding=matrix[123])
    assert res.results[0].explanation["similar_posts"][0] == {"post_id": post_ids[123], "similarity": 1.0}
    assert res.results[0].username == pool.usernames[owner[123]]


def test_cli_json(shipped_demo, demo_model_path):
    image = next((shipped_demo / "images").rglob("*.jpg"))
    out = subprocess.run([sys.executable, "-m", "influrec.recommend", "--image", str(image), "--role", "consumer",
                          "--gender", "M", "--size", "any", "--json", "--db", str(shipped_demo / "demo.duckdb"),
                          "--model", str(demo_model_path)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert len(data["results"]) == 3 and abs(sum(data["probs"].values()) - 1) < 1e-4
    assert data["predicted"] == max(data["probs"], key=data["probs"].get)
    assert [r["rank"] for r in data["results"]] == [1, 2, 3] and all(r["gender"] == "M" for r in data["results"])


def test_cli_bad_image_exits_with_the_message(tmp_path, shipped_demo):
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"nope")
    out = subprocess.run([sys.executable, "-m", "influrec.recommend", "--image", str(bad),
                          "--db", str(shipped_demo / "demo.duckdb")], capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.strip() == ("error: This file is not an image we can read; "
                                  "please upload a JPEG, PNG, WebP or GIF.")
