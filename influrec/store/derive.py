"""Store, etl build: copy the working database, derive the app's tables, keywords, build info."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime

import duckdb
import pandas as pd

from influrec.store.core import BASE_TABLES, _incoming

def copy_base_tables(con, source: str | os.PathLike) -> None:
    """Copy every base table of the working database `source` into `con` (a fresh build)."""
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(source)])
    try:
        for name in BASE_TABLES:   # fixed names, in foreign-key order
            con.execute(f"INSERT INTO {name} SELECT * FROM src.{name}")
    finally:
        con.execute("DETACH src")


_DERIVED = [
    # One row per post with its style and its like count, hidden likes imputed as the seed
    # did: the account's mean of visible likes. An account with no visible like count falls
    # back to followers x the pool's median likes-per-follower, then to the pool's median.
    """CREATE OR REPLACE TABLE post_facts AS
    WITH acct AS (SELECT username, avg(likes) AS mean_visible FROM posts GROUP BY username),
    ratio AS (SELECT median(p.likes::DOUBLE / i.followers) AS r
              FROM posts p JOIN influencers i USING (username)
              WHERE p.likes IS NOT NULL AND i.followers > 0),
    pool AS (SELECT median(likes)::DOUBLE AS m FROM posts)
    SELECT p.post_id, p.username, p.posted_at, p.likes, p.is_video, p.image_path, p.caption, p.permalink,
           COALESCE(ps.style, 'unclassified') AS style, ps.confidence,
           p.likes IS NULL AS likes_imputed,
           COALESCE(p.likes::DOUBLE, a.mean_visible, i.followers * (SELECT r FROM ratio),
                    (SELECT m FROM pool), 0) AS likes_filled
    FROM posts p JOIN influencers i USING (username)
    LEFT JOIN acct a USING (username) LEFT JOIN post_styles ps USING (post_id)
    -- stored in username order: DuckDB's min/max zone maps then skip every row group but
    -- the few that hold an influencer, so a card's post lookup stays fast at 1 M posts
    ORDER BY p.username, p.posted_at, p.post_id""",
    # Per influencer x style. `other` and `no_image` count like any style (as in the seed).
    # The representative post is the most liked one with a picture (a card needs one).
    """CREATE OR REPLACE TABLE influencer_styles AS
    WITH ranked AS (
        SELECT *, row_number() OVER (PARTITION BY username, style
            ORDER BY image_path IS NULL, likes_filled DESC, posted_at DESC, post_id) AS rk
        FROM post_facts WHERE style <> 'unclassified')
    SELECT username, style, count(*) AS posts, sum(likes_filled) AS like_sum,
           avg(likes_filled) AS mean_likes,
           count(*)::DOUBLE / sum(count(*)) OVER (PARTITION BY username) AS share,
           coalesce(sum(likes_filled) / nullif(sum(sum(likes_filled)) OVER (PARTITION BY username), 0), 0)
               AS like_share,
           min(CASE WHEN rk = 1 THEN post_id END) AS rep_post_id
    FROM ranked GROUP BY username, style""",
    # Per influencer: the brand table's style (largest like sum) and the consumer table's
    # style (most posts); ties go to the other measure, then to the style id, so every
    # build picks the same.
    """CREATE OR REPLACE TABLE influencer_profile AS
    WITH brand AS (SELECT username, style, like_sum, row_number() OVER (PARTITION BY username
                   ORDER BY like_sum DESC, posts DESC, style) AS rk FROM influencer_styles),
    consumer AS (SELECT username, style, posts, row_number() OVER (PARTITION BY username
                 ORDER BY posts DESC, like_sum DESC, style) AS rk FROM influencer_styles),
    agg AS (SELECT username, count(*) AS posts, count(*) FILTER (WHERE likes_imputed) AS hidden_likes,
                   sum(likes_filled) AS like_sum, avg(likes_filled) AS mean_likes,
                   count(*) FILTER (WHERE style = 'unclassified') AS unclassified,
                   min(posted_at) AS first_post, max(posted_at) AS last_post
            FROM post_facts GROUP BY username)
    SELECT i.username, i.display_name, i.gender, i.body_size, i.followers, i.bio,
           i.gender IS NOT NULL AND i.body_size IS NOT NULL AS in_roster,
           coalesce(agg.posts, 0) AS posts, coalesce(agg.hidden_likes, 0) AS hidden_likes,
           coalesce(agg.like_sum, 0) AS like_sum, coalesce(agg.mean_likes, 0) AS mean_likes,
           coalesce(agg.unclassified, 0) AS unclassified, agg.first_post, agg.last_post,
           b.style AS brand_style, b.like_sum AS brand_style_like_sum,
           c.style AS consumer_style, c.posts AS consumer_style_posts
    FROM influencers i LEFT JOIN agg USING (username)
    LEFT JOIN brand b ON b.username = i.username AND b.rk = 1
    LEFT JOIN consumer c ON c.username = i.username AND c.rk = 1""",
    """CREATE OR REPLACE TABLE keywords (username VARCHAR, word VARCHAR, count INTEGER)""",
    """CREATE OR REPLACE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)""",
]


def derive(con) -> None:
    """Compute the derived tables of a build from the base tables in `con`."""
    for sql in _DERIVED:
        con.execute(sql)


def captions_by_user(con) -> Iterator[tuple[str, list[str]]]:
    """(username, [captions]) for every influencer with posts, in username order."""
    rows = con.execute("""SELECT username, list(caption ORDER BY post_id) FROM posts
                          WHERE caption IS NOT NULL AND caption <> ''
                          GROUP BY username ORDER BY username""").fetchall()
    yield from rows


def write_keywords(con, counts_by_user: dict[str, dict[str, int]]) -> None:
    """Store every influencer's keyword counts (most frequent first) in one insert."""
    rows = [(user, word, int(n)) for user, counts in counts_by_user.items()
            for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    df = pd.DataFrame(rows, columns=["username", "word", "count"])
    with _incoming(con, df):
        con.execute("INSERT INTO keywords SELECT username, word, count::INTEGER FROM _incoming")


def write_build_info(con, info: dict[str, object]) -> None:
    for key, value in sorted(info.items()):
        con.execute("INSERT OR REPLACE INTO build_info VALUES (?, ?)", [key, str(value)])


def build_info(con) -> dict[str, str]:
    try:
        return dict(con.execute("SELECT key, value FROM build_info ORDER BY key").fetchall())
    except duckdb.CatalogException:
        return {}


# ---------------------------------------------------------------- benchmarks

def fill_synthetic(con, *, influencers: int, posts: int, classes: list[str], at: datetime) -> None:
    """Fill an empty working database with a synthetic pool for load measurements: each
    influencer posts mostly one style, likes vary, 5 % hidden. Deterministic (hash-based)."""
    con.execute("""INSERT INTO influencers
        SELECT 'user' || lpad(i::VARCHAR, 6, '0'), NULL, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
               ['S', 'M', 'L'][(i % 3 + 1)::BIGINT], (1000 + hash(i) % 200000)::BIGINT, NULL, 'synthetic', ?
        FROM range(?) t(i)""", [at, influencers])
    con.execute("""INSERT INTO posts
        SELECT 'p' || i, 'user' || lpad((hash(i * 7) % ?)::VARCHAR, 6, '0'), ? - INTERVAL (i % 400) DAY, '',
               CASE WHEN i % 20 = 0 THEN NULL ELSE (hash(i) % 5000)::BIGINT END, 0, false, 'x.jpg', NULL, ?
        FROM range(?) t(i)""", [influencers, at, at, posts])
    con.execute("""INSERT INTO post_styles
        SELECT post_id, 'synthetic',
               (?::VARCHAR[])[(1 + (CASE WHEN hash(post_id) % 5 < 3 THEN hash(username) ELSE hash(post_id || 'x') END)
                                   % len(?::VARCHAR[]))::BIGINT], 0.5, NULL, NULL, NULL
        FROM posts""", [classes, classes])
    con.execute("INSERT INTO models VALUES ('synthetic', 'none', ?, '{}')", [classes])
