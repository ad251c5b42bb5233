"""Store core: the schema and its migrations, connections, idempotent upserts, atomic builds."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from influrec.errors import StoreError
from influrec.records import Influencer, Post, PostStyle

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
    return pd.DataFrame([dataclasses.asdict(r) for r in records], columns=columns)


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


