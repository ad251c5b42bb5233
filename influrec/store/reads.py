"""Store reads: the queries of the app, the engine and the dashboard (all read-only)."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from influrec.errors import StoreError
from influrec.store.core import BASE_TABLES

def counts(con) -> dict[str, int]:
    """Headline counts: influencers, posts, posts with a picture, styles seen."""
    row = con.execute("""
        SELECT (SELECT count(*) FROM influencers),
               (SELECT count(*) FROM posts),
               (SELECT count(*) FROM posts WHERE image_path IS NOT NULL),
               (SELECT count(DISTINCT style) FROM post_styles
                 WHERE style NOT IN ('no_image', 'other')),
               (SELECT count(*) FROM post_styles),
               (SELECT count(*) FROM demo_truth)""").fetchone()
    keys = ["influencers", "posts", "image_posts", "styles", "classified", "demo_truth"]
    return dict(zip(keys, (int(v) for v in row)))


def unlisted_influencers(con) -> list[str]:
    """Usernames with posts but no roster entry (no gender or body size): kept, flagged."""
    return [r[0] for r in con.execute(
        "SELECT username FROM influencers WHERE gender IS NULL OR body_size IS NULL ORDER BY username"
    ).fetchall()]


def is_demo(con) -> bool:
    """True when the database is the generated demo world (it carries demo ground truth)."""
    return con.execute("SELECT count(*) > 0 FROM demo_truth").fetchone()[0]


def table(con, name: str) -> pd.DataFrame:
    """A whole base table as a DataFrame (tests and exports); `name` must be a base table."""
    if name not in BASE_TABLES + ("schema_version",):
        raise StoreError(f"Unknown table {name!r}; choose one of {', '.join(BASE_TABLES)}")
    order = {"schema_version": "version", "skipped": "step, source, reason"}.get(name, "1")
    return con.execute(f"SELECT * FROM {name} ORDER BY {order}").df()  # name checked above


def pool_frames(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(profiles, influencer x style rows) of a built database, in username/style order."""
    try:
        profiles = con.execute("""SELECT username, display_name, gender, body_size, followers, posts,
                                         like_sum, mean_likes, brand_style, brand_style_like_sum,
                                         consumer_style, consumer_style_posts, in_roster
                                  FROM influencer_profile ORDER BY username""").df()
        rows = con.execute("""SELECT username, style, posts, like_sum, rep_post_id
                              FROM influencer_styles ORDER BY username, style""").df()
    except duckdb.CatalogException:
        raise StoreError("The database has no derived tables; run `python -m etl.build`.") from None
    return profiles, rows


def model_classes(con) -> list[str]:
    """Class ids of the model that classified the posts (the order of post_styles.probs)."""
    row = con.execute("""SELECT m.classes FROM models m
                         JOIN (SELECT model_id, count(*) AS n FROM post_styles GROUP BY model_id) s
                         USING (model_id) ORDER BY s.n DESC, m.model_id LIMIT 1""").fetchone()
    return list(row[0]) if row else []


CARD_COLUMNS = ["post_id", "username", "posted_at", "caption", "likes", "likes_filled", "likes_imputed",
                "is_video", "image_path", "permalink", "style", "confidence"]
_CARD_COLS = ", ".join(f"f.{c}" for c in CARD_COLUMNS)


def post_cards(con, post_ids: list[str]) -> list[tuple]:
    """Display rows (CARD_COLUMNS) of the given posts, in the order given."""
    if not post_ids:
        return []
    rows = con.execute(f"""SELECT {_CARD_COLS} FROM post_facts f
                           WHERE f.post_id IN (SELECT unnest(?::VARCHAR[]))""", [list(post_ids)]).fetchall()
    order = {pid: i for i, pid in enumerate(post_ids)}
    return sorted(rows, key=lambda r: order[r[0]])


def matching_posts(con, wanted: list[tuple[str, list[str], str | None]], *, by: str = "likes",
                   limit: int = 6) -> dict[str, list[tuple]]:
    """For each (username, styles, representative post id): up to `limit` of the influencer's
    posts with a picture in those styles, the representative post first, then most liked
    (by='likes') or newest (by='recent'). One query for all influencers; rows are CARD_COLUMNS.
    """
    if not wanted:
        return {}
    order = "f.likes_filled DESC, f.posted_at DESC" if by == "likes" else "f.posted_at DESC"
    rows = con.execute(f"""
        WITH q AS (SELECT unnest(?::VARCHAR[]) AS username, unnest(?::VARCHAR[][]) AS styles,
                          unnest(?::VARCHAR[]) AS rep)
        SELECT {_CARD_COLS}, row_number() OVER (PARTITION BY f.username
                   ORDER BY (f.post_id = q.rep) DESC NULLS LAST, {order}, f.post_id) AS rn
        FROM post_facts f JOIN q ON f.username = q.username
        WHERE f.image_path IS NOT NULL AND (list_contains(q.styles, f.style) OR f.post_id = q.rep)
        QUALIFY rn <= ?
        ORDER BY f.username, rn""",
        [[w[0] for w in wanted], [list(w[1]) for w in wanted], [w[2] for w in wanted], int(limit)]).fetchall()
    out: dict[str, list[tuple]] = {w[0]: [] for w in wanted}
    for row in rows:
        out[row[1]].append(row[:-1])
    return out


def post_embeddings(con) -> tuple[list[str], list[str], np.ndarray]:
    """(post_ids, usernames, float32 matrix) of every post with an embedding, in post_id order."""
    rows = con.execute("""SELECT s.post_id, p.username, s.embedding FROM post_styles s JOIN posts p USING (post_id)
                          WHERE s.embedding IS NOT NULL ORDER BY s.post_id""").fetchnumpy()
    if len(rows["post_id"]) == 0:
        return [], [], np.zeros((0, 0), np.float32)
    matrix = np.stack([np.asarray(e, dtype=np.float32) for e in rows["embedding"]])
    return list(rows["post_id"]), list(rows["username"]), matrix


def _segment_filter(gender: str, body_size: str) -> tuple[str, list]:
    return ("(? = 'any' OR i.gender = ?) AND (? = 'any' OR i.body_size = ?)",
            [gender, gender, body_size, body_size])


def style_distribution(con, gender: str = "any", body_size: str = "any") -> pd.DataFrame:
    """Posts, like sum and mean likes per style over the filtered pool."""
    where, params = _segment_filter(gender, body_size)
    return con.execute(f"""SELECT f.style, count(*) AS posts, sum(f.likes_filled) AS like_sum,
                                  avg(f.likes_filled) AS mean_likes, count(DISTINCT f.username) AS influencers
                           FROM post_facts f JOIN influencers i USING (username) WHERE {where}
                           GROUP BY f.style ORDER BY posts DESC, f.style""", params).df()


def segment_styles(con) -> pd.DataFrame:
    """Share of posts per style within each gender x body-size segment (roster accounts)."""
    return con.execute("""SELECT i.gender || ' ' || i.body_size AS segment, f.style, count(*) AS posts,
                                 count(*)::DOUBLE / sum(count(*)) OVER (PARTITION BY i.gender, i.body_size) AS share
                          FROM post_facts f JOIN influencers i USING (username)
                          WHERE i.gender IS NOT NULL AND i.body_size IS NOT NULL
                          GROUP BY i.gender, i.body_size, f.style ORDER BY segment, f.style""").df()


def monthly_posts(con, gender: str = "any", body_size: str = "any") -> pd.DataFrame:
    where, params = _segment_filter(gender, body_size)
    return con.execute(f"""SELECT date_trunc('month', f.posted_at) AS month, f.style, count(*) AS posts
                           FROM post_facts f JOIN influencers i USING (username)
                           WHERE {where} AND f.posted_at IS NOT NULL
                           GROUP BY ALL ORDER BY month, f.style""", params).df()


def influencer_list(con) -> pd.DataFrame:
    return con.execute("""SELECT username, display_name, gender, body_size, followers, posts, consumer_style
                          FROM influencer_profile ORDER BY followers DESC NULLS LAST, username""").df()


def influencer_profile(con, username: str) -> dict:
    """One influencer's profile row; raises UnknownInfluencer."""
    from influrec.errors import UnknownInfluencer
    df = con.execute("SELECT * FROM influencer_profile WHERE username = ?", [username]).df()
    if df.empty:
        raise UnknownInfluencer(f"No influencer named {username!r} in this database.")
    return df.iloc[0].to_dict()


def influencer_styles(con, username: str) -> pd.DataFrame:
    return con.execute("""SELECT style, posts, like_sum, mean_likes, share, like_share, rep_post_id
                          FROM influencer_styles WHERE username = ? ORDER BY posts DESC, style""", [username]).df()


def influencer_posts(con, username: str, limit: int = 60) -> pd.DataFrame:
    return con.execute(f"""SELECT {_CARD_COLS} FROM post_facts f
                           WHERE f.username = ? ORDER BY f.posted_at DESC, f.post_id LIMIT ?""",
                       [username, int(limit)]).df()


def keywords(con, username: str, limit: int = 80) -> dict[str, int]:
    rows = con.execute("""SELECT word, count FROM keywords WHERE username = ?
                          ORDER BY count DESC, word LIMIT ?""", [username, int(limit)]).fetchall()
    return dict(rows)


def sources(con) -> pd.DataFrame:
    return con.execute("""SELECT coalesce(source, '(posts only)') AS source, count(*) AS influencers
                          FROM influencers GROUP BY ALL ORDER BY influencers DESC, source""").df()


def skipped(con) -> pd.DataFrame:
    return con.execute("SELECT step, source, reason, count, recorded_at FROM skipped ORDER BY step, count DESC").df()
