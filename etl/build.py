"""etl build: derive per-influencer style tables and keywords into a new database, swapped in atomically.

    python -m etl.build --work data/work.duckdb --out data/influrec.duckdb
"""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from etl.common import fail_on_library_error, print_summary
from influrec import store, text
from influrec.settings import get_settings


def build(work: Path, out: Path | None = None, *, at: datetime | None = None) -> dict:
    """Copy the working database `work` into a fresh file, derive the app's tables there
    (post facts with imputed likes, influencer x style aggregates, representative styles
    and posts, keyword counts), then swap it in as `out`. `work` is only read.

    :returns: the summary (counts of the new database).
    """
    out = Path(out or get_settings().db_path)
    if not Path(work).exists():
        from influrec.errors import StoreError
        raise StoreError(f"Working database not found: {work}. Run `python -m etl.ingest` first.")
    with store.build_into(out, clock=at) as con:
        store.copy_base_tables(con, work)
        store.derive(con)
        users = list(store.captions_by_user(con))
        store.write_keywords(con, {username: text.keyword_counts(captions) for username, captions
                                   in tqdm(users, desc="keywords", unit="influencer")})
        counts = store.counts(con)
        store.write_build_info(con, {"built_at": (at or store.now()).isoformat(timespec="seconds"),
                                     "source": Path(work).name, **counts})
    return {"step": "build", "out": str(out), **counts}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m etl.build", description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, required=True, help="working database written by ingest and classify")
    p.add_argument("--out", type=Path, help="database the app reads (default: INFLUREC_DB)")
    args = p.parse_args(argv)
    with fail_on_library_error():
        print_summary(build(args.work, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
