"""The DuckDB store: schema and migrations, idempotent upserts, the app's queries.

Every SQL statement of the project lives in this module. Values always travel as bound
parameters or as registered DataFrames, never spliced into SQL text.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from influrec.errors import StoreError
from influrec.records import Influencer, Post, PostStyle, as_dict

SCHEMA_VERSION = 1

# Base tables (filled by ingest and classify) in dependency order.
_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS influencers (
        username VARCHAR PRIMARY KEY,
        display_name VARCHAR,
        gender VARCHAR CHECK (gender IN ('F', 'M')),
        body_size VARCHAR CHECK (body_size IN ('S', 'M', 'L')),
        followers BIGINT CHECK (followers >= 0),
        bio VARCHAR,
        source VARCHAR,
        updated_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS posts (
        post_id VARCHAR PRIMARY KEY,
        username VARCHAR NOT NULL REFERENCES influencers (username),
        posted_at TIMESTAMP,
        caption VARCHAR,
        likes BIGINT CHECK (likes >= 0),
        comments BIGINT,
        is_video BOOLEAN NOT NULL DEFAULT FALSE,
        image_path VARCHAR,
        permalink VARCHAR,
        ingested_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS post_styles (
        post_id VARCHAR PRIMARY KEY REFERENCES posts (post_id),
        model_id VARCHAR NOT NULL,
        style VARCHAR NOT NULL,
        confidence FLOAT,
        probs FLOAT[],
        embedding FLOAT[],
        error VARCHAR)""",
    # The models that classified posts: their class ids give the order of post_styles.probs.
    """CREATE TABLE IF NOT EXISTS models (
        model_id VARCHAR PRIMARY KEY, arch VARCHAR, classes VARCHAR[] NOT NULL, card VARCHAR)""",
    # The demo world's ground truth; empty for real data.
    """CREATE TABLE IF NOT EXISTS demo_truth (
        post_id VARCHAR PRIMARY KEY, style VARCHAR NOT NULL)""",
    # What a step skipped and why, so the Data page can show it.
    """CREATE TABLE IF NOT EXISTS skipped (
        step VARCHAR, source VARCHAR, reason VARCHAR, count BIGINT, recorded_at TIMESTAMP)""",
]

BASE_TABLES = ("influencers", "posts", "models", "post_styles", "demo_truth", "skipped")


def now() -> datetime:
    """UTC now, naive (DuckDB TIMESTAMP has no zone; the store is UTC throughout)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def connect(path: str | os.PathLike, *, read_only: bool = False,
            clock: datetime | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database file.

    Writable: creates the file and brings its schema to SCHEMA_VERSION.
    Read-only (the app): the file must exist and carry SCHEMA_VERSION.
    `clock` fixes the time recorded by a migration (the demo world is reproducible).

    :raises StoreError: the file is missing (read-only), unreadable, or of another version.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"Database not found: {path}. Build it with `python -m etl.demo` "
                         "(demo world) or `python -m etl.all` (your data).")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(f"Cannot open database {path}: {exc}") from None
    # Never let a table name resolve to a Python variable of the caller (replacement scans).
    con.execute("SET python_enable_replacements = false")
    if read_only:
        version = schema_version(con)
        if version != SCHEMA_VERSION:
            con.close()
            raise StoreError(f"Database {path} has schema version {version}; this influrec "
                             f"reads version {SCHEMA_VERSION}. Rebuild it with `python -m etl.build`.")
    else:
        migrate(con, clock=clock)
    return con


def schema_version(con) -> int | None:
    try:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def migrate(con, *, clock: datetime | None = None) -> None:
    """Create missing tables and record the schema version (idempotent)."""
    version = schema_version(con)
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(f"Database schema version {version} is newer than this influrec "
                         f"({SCHEMA_VERSION}); upgrade influrec.")
    for ddl in _SCHEMA:
        con.execute(ddl)
    if version != SCHEMA_VERSION:
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION, clock or now()])


@contextlib.contextmanager
def _incoming(con, data):
    """Expose `data` (a DataFrame or Arrow table) to SQL as the view `_incoming`."""
    con.register("_incoming", data)
    try:
        yield
    finally:
        con.unregister("_incoming")


def _frame(records: Iterable, columns: list[str]) -> pd.DataFrame:
    rows = [as_dict(r) if not isinstance(r, dict) else r for r in records]
    return pd.DataFrame(rows, columns=columns)


_INFLUENCER_COLS = ["username", "display_name", "gender", "body_size", "followers", "bio", "source"]
_POST_COLS = ["post_id", "username", "posted_at", "caption", "likes", "comments", "is_video",
              "image_path", "permalink"]


def upsert_influencers(con, records: Iterable[Influencer], *, at: datetime | None = None) -> int:
    """Insert or update influencers by username. A field the record leaves None keeps the
    stored value (a post source knows followers, the roster knows gender and size).

    :returns: the number of records given.
    """
    df = _frame(records, _INFLUENCER_COLS)
    if df.empty:
        return 0
    df["updated_at"] = at or now()
    df = df.astype({"followers": "Int64"})
    with _incoming(con, df):
        con.execute("""
            INSERT INTO influencers BY NAME SELECT * FROM _incoming
            ON CONFLICT (username) DO UPDATE SET
                display_name = COALESCE(excluded.display_name, influencers.display_name),
                gender = COALESCE(excluded.gender, influencers.gender),
                body_size = COALESCE(excluded.body_size, influencers.body_size),
                followers = COALESCE(excluded.followers, influencers.followers),
                bio = COALESCE(excluded.bio, influencers.bio),
                source = COALESCE(excluded.source, influencers.source),
                updated_at = CASE WHEN
                    excluded.display_name IS DISTINCT FROM influencers.display_name
                    OR excluded.gender IS DISTINCT FROM influencers.gender
                    OR excluded.body_size IS DISTINCT FROM influencers.body_size
                    OR excluded.followers IS DISTINCT FROM influencers.followers
                    OR excluded.bio IS DISTINCT FROM influencers.bio
                    THEN excluded.updated_at ELSE influencers.updated_at END""")
    return len(df)


def upsert_posts(con, records: Iterable[Post], *, at: datetime | None = None) -> int:
    """Insert or update posts by post_id; `ingested_at` keeps the first ingestion time, so
    loading the same records twice leaves identical rows. Unknown usernames get a bare
    influencer row first (flagged by a NULL gender: not in the roster).
    """
    df = _frame(records, _POST_COLS)
    if df.empty:
        return 0
    df["ingested_at"] = at or now()
    df = df.astype({"likes": "Int64", "comments": "Int64", "is_video": bool})
    df["posted_at"] = pd.to_datetime(df["posted_at"])
    with _incoming(con, df):
        con.execute("""
            INSERT INTO influencers (username, updated_at)
            SELECT DISTINCT username, ingested_at FROM _incoming
            ON CONFLICT (username) DO NOTHING""")
        con.execute("""
            INSERT INTO posts BY NAME SELECT * FROM _incoming
            ON CONFLICT (post_id) DO UPDATE SET
                username = excluded.username, posted_at = excluded.posted_at,
                caption = excluded.caption, likes = excluded.likes,
                comments = excluded.comments, is_video = excluded.is_video,
                image_path = excluded.image_path, permalink = excluded.permalink""")
    return len(df)


def _vectors(values: list) -> pa.Array:
    """A list of float vectors (or None) as an Arrow list array without a Python float per
    element: classify hands over thousands of 1,280-d embeddings per minute."""
    import numpy as np
    present = [v for v in values if v is not None]
    if present and len(present) == len(values) and len({len(v) for v in present}) == 1:
        flat = np.asarray(present, dtype=np.float32).reshape(-1)
        return pa.FixedSizeListArray.from_arrays(pa.array(flat), len(present[0]))
    return pa.array([None if v is None else np.asarray(v, dtype=np.float32) for v in values],
                    type=pa.list_(pa.float32()))


def upsert_post_styles(con, records: Iterable[PostStyle]) -> int:
    """Insert or replace the classification of posts (one row per post)."""
    records = list(records)
    if not records:
        return 0
    df = pa.table({
        "post_id": [r.post_id for r in records], "model_id": [r.model_id for r in records],
        "style": [r.style for r in records], "confidence": pa.array([r.confidence for r in records], pa.float32()),
        "probs": _vectors([r.probs for r in records]), "embedding": _vectors([r.embedding for r in records]),
        "error": pa.array([r.error for r in records], pa.string())})
    with _incoming(con, df):
        con.execute("""
            INSERT INTO post_styles
            SELECT post_id, model_id, style, confidence::FLOAT, probs::FLOAT[],
                   embedding::FLOAT[], error FROM _incoming
            ON CONFLICT (post_id) DO UPDATE SET
                model_id = excluded.model_id, style = excluded.style,
                confidence = excluded.confidence, probs = excluded.probs,
                embedding = excluded.embedding, error = excluded.error""")
    return len(records)


def register_model(con, model_id: str, arch: str, classes: list[str], card: dict) -> None:
    import json
    con.execute("INSERT OR REPLACE INTO models VALUES (?, ?, ?, ?)",
                [model_id, arch, list(classes), json.dumps(card, ensure_ascii=False, sort_keys=True)])


def posts_to_classify(con, model_id: str, limit: int | None = None) -> list[tuple[str, str | None]]:
    """(post_id, image_path) of posts with no style from `model_id`, in post_id order."""
    sql = """SELECT p.post_id, p.image_path FROM posts p
             LEFT JOIN post_styles s ON s.post_id = p.post_id AND s.model_id = ?
             WHERE s.post_id IS NULL ORDER BY p.post_id"""
    if limit is not None:
        return con.execute(sql + " LIMIT ?", [model_id, int(limit)]).fetchall()
    return con.execute(sql, [model_id]).fetchall()


def replace_demo_truth(con, truth: dict[str, str]) -> None:
    con.execute("DELETE FROM demo_truth")
    df = pd.DataFrame(sorted(truth.items()), columns=["post_id", "style"])
    with _incoming(con, df):
        con.execute("INSERT INTO demo_truth SELECT * FROM _incoming")


def record_skipped(con, step: str, source: str, reasons: dict[str, int], *, at=None) -> None:
    """Replace what `step` skipped from `source` with these reason counts."""
    con.execute("DELETE FROM skipped WHERE step = ? AND source = ?", [step, source])
    for reason, count in sorted(reasons.items()):
        con.execute("INSERT INTO skipped VALUES (?, ?, ?, ?, ?)",
                    [step, source, reason, count, at or now()])


@contextlib.contextmanager
def build_into(target: str | os.PathLike, *, clock: datetime | None = None
               ) -> Iterator[duckdb.DuckDBPyConnection]:
    """Build a database in a temporary file beside `target`, then swap it in atomically.

    A reader holding the old file keeps reading the old file; a new reader gets the new
    one; nobody ever sees a half-built database. If the body raises, the target is
    untouched and the temporary file is removed.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp*"):   # left by a killed build
        stale.unlink(missing_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    con = connect(tmp, clock=clock)
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, target)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    finally:
        Path(f"{tmp}.wal").unlink(missing_ok=True)


# ---------------------------------------------------------------- queries the app needs

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


# ---------------------------------------------------------------- etl build

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


# ---------------------------------------------------------------- ranking reads

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


def post_embeddings(con) -> tuple[list[str], list[str], "np.ndarray"]:
    """(post_ids, usernames, float32 matrix) of every post with an embedding, in post_id order."""
    import numpy as np
    rows = con.execute("""SELECT s.post_id, p.username, s.embedding FROM post_styles s JOIN posts p USING (post_id)
                          WHERE s.embedding IS NOT NULL ORDER BY s.post_id""").fetchnumpy()
    if len(rows["post_id"]) == 0:
        return [], [], np.zeros((0, 0), np.float32)
    matrix = np.stack([np.asarray(e, dtype=np.float32) for e in rows["embedding"]])
    return list(rows["post_id"]), list(rows["username"]), matrix


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


# ---------------------------------------------------------------- dashboard reads

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
