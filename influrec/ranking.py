"""Recommendation: from an image's style probabilities to the top-k influencers, with reasons.

Three methods (DESIGN.md, "Ranking"):
- seed: the deck. style* = argmax p; candidates are influencers whose representative
  style (brand: largest like sum; consumer: most posts; `other` and `no_image` count like
  any style) is style*; filter; sort by that style's like sum / post count; top k.
- soft (default): every influencer, the whole of p.
  consumer score = sum_s p_s * share_s; share_s = (posts_s + a * pool_s) / (posts + a),
  an empirical-Bayes share shrunk toward the pool's share pool_s with prior strength a
  (PRIOR_POSTS posts), so 1 post of 1 does not beat 40 of 50.
  brand score = sum_s p_s * share_s * E_s; E_s = (likes_s + b * mean) / (posts_s + b),
  the mean likes of the style-s posts shrunk toward the account mean with strength b
  (PRIOR_LIKES posts).
- visual: cosine similarity of the image embedding to every post embedding; an
  influencer's score is the mean of its best 3 matches.
Ties are broken by username, so equal inputs always give the same order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from influrec import store
from influrec.errors import InflurecError

ROLES = ("brand", "consumer")
METHODS = ("soft", "seed", "visual")
GENDERS = ("F", "M", "any")
SIZES = ("S", "M", "L", "any")
PRIOR_POSTS = 10.0   # a: how many pool-average posts an influencer's style shares start from
PRIOR_LIKES = 5.0    # b: how many account-average posts a style's mean likes start from
VISUAL_TOP = 3       # visual: an influencer's score is the mean of its best 3 matches


class BadQuery(InflurecError, ValueError):
    """A role, method or filter value that is not one of the choices."""


@dataclass
class Pool:
    """The per influencer x style numbers of a built database, as dense arrays.

    Built once per database (the app caches it); a query is then a few vector operations.
    """
    usernames: np.ndarray            # (n,) str, sorted
    profiles: pd.DataFrame           # one row per influencer, same order
    styles: list[str]                # column order of the matrices
    posts: np.ndarray                # (n, S) post counts
    likes: np.ndarray                # (n, S) like sums, hidden likes imputed
    rep_post: np.ndarray             # (n, S) representative post id or None
    prior: np.ndarray                # (S,) the pool's style shares (the empirical-Bayes prior)
    classes: list[str]               # the model's output order (post_styles.probs)
    _visual: tuple | None = field(default=None, repr=False)

    @classmethod
    def from_db(cls, con) -> "Pool":
        profiles, rows = store.pool_frames(con)
        classes = store.model_classes(con)
        styles = sorted(set(rows["style"]) | set(classes))
        users = profiles["username"].to_numpy()
        ui = pd.Index(users).get_indexer(rows["username"])
        si = pd.Index(styles).get_indexer(rows["style"])
        n, s = len(users), len(styles)
        posts = np.zeros((n, s))
        likes = np.zeros((n, s))
        rep = np.full((n, s), None, dtype=object)
        posts[ui, si] = rows["posts"].to_numpy(float)
        likes[ui, si] = rows["like_sum"].to_numpy(float)
        rep[ui, si] = rows["rep_post_id"].to_numpy(object)
        total = posts.sum()
        prior = posts.sum(0) / total if total else np.full(s, 1.0 / max(s, 1))
        return cls(users, profiles.reset_index(drop=True), styles, posts, likes, rep, prior, classes)

    def style_weights(self, probs: np.ndarray, classes: list[str]) -> np.ndarray:
        """The query's probabilities laid onto this pool's style columns."""
        w = np.zeros(len(self.styles))
        col = {s: i for i, s in enumerate(self.styles)}
        for c, p in zip(classes, probs):
            if c in col:
                w[col[c]] = p
        return w

    def mask(self, gender: str, body_size: str) -> np.ndarray:
        m = np.ones(len(self.usernames), bool)
        if gender != "any":
            m &= (self.profiles["gender"] == gender).to_numpy()
        if body_size != "any":
            m &= (self.profiles["body_size"] == body_size).to_numpy()
        return m

    def shares(self, prior_posts: float = PRIOR_POSTS, prior: np.ndarray | None = None) -> np.ndarray:
        prior = self.prior if prior is None else prior
        return (self.posts + prior_posts * prior) / (self.posts.sum(1, keepdims=True) + prior_posts)

    def expected_likes(self, prior_likes: float = PRIOR_LIKES) -> np.ndarray:
        n = self.posts.sum(1, keepdims=True)
        account_mean = np.divide(self.likes.sum(1, keepdims=True), n, out=np.zeros_like(n), where=n > 0)
        return (self.likes + prior_likes * account_mean) / (self.posts + prior_likes)


@dataclass
class Post:
    post_id: str
    image_path: str | None
    likes: int | None            # None: hidden
    likes_filled: float          # hidden likes imputed with the account mean
    caption: str
    style: str
    confidence: float | None
    posted_at: object
    permalink: str | None


@dataclass
class Recommendation:
    rank: int
    username: str
    display_name: str | None
    score: float
    followers: int | None
    gender: str | None
    body_size: str | None
    representative_post: Post | None
    matching_posts: list[Post]
    explanation: dict


@dataclass
class Result:
    role: str
    method: str
    predicted: str                       # argmax style of the query
    probs: dict[str, float]              # every class of the model
    results: list[Recommendation]
    note: str | None = None              # why fewer than k, when so

    def to_dict(self) -> dict:
        """Plain dicts and lists (dates stay datetimes: json.dumps(..., default=str))."""
        from dataclasses import asdict
        return asdict(self)


def _check(role, method, gender, body_size, k):
    for value, choices, what in ((role, ROLES, "role"), (method, METHODS, "method"),
                                 (gender, GENDERS, "gender"), (body_size, SIZES, "body size")):
        if value not in choices:
            raise BadQuery(f"Unknown {what} {value!r}; choose {', '.join(choices)}")
    if not isinstance(k, int) or not 1 <= k <= 100:
        raise BadQuery(f"k must be a whole number from 1 to 100, not {k!r}")


def _top(scores: np.ndarray, eligible: np.ndarray, usernames: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best eligible scores; ties by username (usernames are sorted)."""
    idx = np.flatnonzero(eligible & np.isfinite(scores))
    order = np.lexsort((idx, -scores[idx]))      # idx order == username order
    return idx[order[:k]]


def score_seed(pool: Pool, w: np.ndarray, role: str, eligible: np.ndarray):
    target = int(np.argmax(w))
    style = pool.styles[target]
    rep_col = "brand_style" if role == "brand" else "consumer_style"
    candidates = eligible & (pool.profiles[rep_col] == style).to_numpy()
    value = pool.likes[:, target] if role == "brand" else pool.posts[:, target]
    return value.astype(float), candidates, style


def _soft_parts(pool: Pool, role: str, prior_posts: float, prior_likes: float, prior=None):
    """(shares, expected likes or None): the two matrices the soft score multiplies."""
    shares = pool.shares(prior_posts, prior)
    return shares, pool.expected_likes(prior_likes) if role == "brand" else None


def score_soft(pool: Pool, w: np.ndarray, role: str, *, prior_posts=PRIOR_POSTS, prior_likes=PRIOR_LIKES,
               prior=None) -> np.ndarray:
    """(n, S) contribution of each style to each influencer's score; the score is the row sum."""
    shares, expected = _soft_parts(pool, role, prior_posts, prior_likes, prior)
    return shares * w if expected is None else shares * w * expected


def visual_index(pool: Pool, con) -> tuple:
    if pool._visual is None:
        post_ids, users, matrix = store.post_embeddings(con)
        if len(post_ids):
            matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        owner = pd.Index(pool.usernames).get_indexer(users) if len(users) else np.zeros(0, int)
        pool._visual = (np.array(post_ids, dtype=object), owner, matrix.astype(np.float32))
    return pool._visual


def score_visual(pool: Pool, con, embedding: np.ndarray, top: int = VISUAL_TOP):
    """(scores (n,), best matches per influencer: {i: [(post_id, similarity), ...]})."""
    post_ids, owner, matrix = visual_index(pool, con)
    n = len(pool.usernames)
    if not len(post_ids):
        return np.full(n, -np.inf), {}
    q = np.asarray(embedding, np.float32)
    q = q / max(float(np.linalg.norm(q)), 1e-12)
    sims = matrix @ q
    order = np.lexsort((-sims, owner))                   # by influencer, best first
    grouped_owner = owner[order]
    starts = np.r_[0, np.flatnonzero(np.diff(grouped_owner)) + 1]
    rank_in_group = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    keep = order[rank_in_group < top]
    sums = np.bincount(owner[keep], weights=sims[keep], minlength=n)
    counts = np.bincount(owner[keep], minlength=n)
    scores = np.where(counts > 0, sums / np.maximum(counts, 1), -np.inf)
    best: dict[int, list] = {}
    for i in keep[np.lexsort((-sims[keep], owner[keep]))]:
        best.setdefault(int(owner[i]), []).append((post_ids[i], float(sims[i])))
    return scores, best


def _post(row: tuple) -> Post:
    r = dict(zip(store.CARD_COLUMNS, row))
    return Post(post_id=r["post_id"], image_path=r["image_path"], likes=r["likes"],
                likes_filled=float(r["likes_filled"]), caption=r["caption"] or "", style=r["style"],
                confidence=r["confidence"], posted_at=r["posted_at"], permalink=r["permalink"])


def recommend(probs: np.ndarray, role: str = "brand", gender: str = "any", body_size: str = "any",
              k: int = 3, method: str = "soft", *, pool: Pool, con, classes: list[str] | None = None,
              embedding: np.ndarray | None = None, prior_posts: float = PRIOR_POSTS,
              prior_likes: float = PRIOR_LIKES, matches: int = 6) -> Result:
    """Rank the pool's influencers for a query image.

    :param probs: the image's probability per class, in `classes` order (default: the
        pool's model classes).
    :param embedding: the image's embedding (required for method='visual').
    :returns: a Result with up to k recommendations, best first, and a note when fewer
        than k influencers pass the filters.
    :raises BadQuery: an unknown role, method or filter value.
    """
    _check(role, method, gender, body_size, k)
    classes = list(classes or pool.classes)
    probs = np.asarray(probs, dtype=float)
    if probs.shape != (len(classes),):
        raise BadQuery(f"probs has {probs.shape} values for {len(classes)} classes")
    w = pool.style_weights(probs, classes)
    eligible = pool.mask(gender, body_size)
    predicted = classes[int(np.argmax(probs))]
    if method == "seed":
        scores, candidates, target = score_seed(pool, w, role, eligible)

        def explain(i):
            j = pool.styles.index(target)
            return ({"method": "seed", "styles": [{"style": target, "weight": 1.0}], "representative_style": target,
                     "posts": int(pool.posts[i, j]), "like_sum": round(float(pool.likes[i, j]), 1)}, [target])
    elif method == "soft":
        shares, expected = _soft_parts(pool, role, prior_posts, prior_likes)
        contrib = shares * w if expected is None else shares * w * expected
        scores, candidates = contrib.sum(1), eligible

        def explain(i):
            row, total = contrib[i], contrib[i].sum()
            top = [j for j in np.argsort(-row)[:3] if row[j] > 0]
            return ({"method": "soft", "styles": [
                {"style": pool.styles[j], "weight": round(float(row[j] / total), 4), "p": round(float(w[j]), 4),
                 "posts": int(pool.posts[i, j]), "share": round(float(shares[i, j]), 4),
                 **({} if expected is None else {"expected_likes": round(float(expected[i, j]), 1)})}
                for j in top]}, [pool.styles[j] for j in top] or [predicted])
    else:
        if embedding is None:
            raise BadQuery("The visual method needs the image's embedding")
        scores, visual_best = score_visual(pool, con, embedding)
        candidates = eligible

        def explain(i):
            return ({"method": "visual", "similar_posts": [{"post_id": pid, "similarity": round(sim, 4)}
                                                           for pid, sim in visual_best.get(int(i), [])]}, [])
    chosen = _top(scores, candidates, pool.usernames, k)
    note = None
    if len(chosen) < k and method == "seed":
        measure = "likes" if role == "brand" else "posts"
        note = (f"Only {len(chosen)} influencer(s) match: with the seed method an influencer "
                f"qualifies only when {target} is their top style by {measure}, and the "
                "filters leave fewer. Try the soft method or widen the filters.")
    elif len(chosen) < k:
        note = f"Only {len(chosen)} influencer(s) pass the filters (gender {gender}, body size {body_size})."
    explanations, wanted = [], []
    for i in chosen:
        ex, styles_used = explain(i)
        ex["score"] = round(float(scores[i]), 6)
        explanations.append(ex)
        col = pool.styles.index(styles_used[0]) if styles_used and styles_used[0] in pool.styles else None
        wanted.append((pool.usernames[i], styles_used, pool.rep_post[i, col] if col is not None else None))
    if method == "visual":
        ids = [[s["post_id"] for s in ex["similar_posts"]] for ex in explanations]
        cards = {r[0]: _post(r) for r in store.post_cards(con, [pid for group in ids for pid in group])}
        posts_of = [[cards[pid] for pid in group if pid in cards] for group in ids]
        for ex, posts in zip(explanations, posts_of):
            styles_seen = list(dict.fromkeys(p.style for p in posts))
            ex["styles"] = [{"style": s, "weight": round(sum(p.style == s for p in posts) / len(posts), 4)}
                            for s in styles_seen]
    else:
        found = store.matching_posts(con, wanted, by="likes" if role == "brand" else "recent", limit=matches)
        posts_of = [[_post(r) for r in found.get(user, [])] for user, _, _ in wanted]
    results = []
    for rank, (i, ex, posts) in enumerate(zip(chosen, explanations, posts_of), start=1):
        prof = pool.profiles.iloc[i]
        results.append(Recommendation(
            rank=rank, username=prof.username, display_name=prof.display_name, score=float(scores[i]),
            followers=None if pd.isna(prof.followers) else int(prof.followers),
            gender=prof.gender, body_size=prof.body_size,
            representative_post=posts[0] if posts else None, matching_posts=posts[1:], explanation=ex))
    return Result(role=role, method=method, predicted=predicted,
                  probs={c: round(float(p), 6) for c, p in zip(classes, probs)}, results=results, note=note)


def recommend_image(image, role: str = "brand", gender: str = "any", body_size: str = "any", k: int = 3,
                    method: str = "soft", *, model, pool: Pool, con, **kw) -> Result:
    """Classify `image` (PIL, bytes, a path or a file object) with `model`, then `recommend`.

    :raises UnreadableImage: the image cannot be used; BadQuery: a bad choice.
    """
    from influrec.images import open_image
    _check(role, method, gender, body_size, k)
    if not hasattr(image, "convert"):
        image = open_image(image)
    probs, emb = model.predict_embed([image])
    return recommend(probs[0], role, gender, body_size, k, method, pool=pool, con=con,
                     classes=model.classes, embedding=emb[0], **kw)
