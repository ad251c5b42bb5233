"""etl all: ingest -> classify -> build, in order, for one data folder.

    python -m etl.all --posts posts.jsonl --roster roster.csv --work data/work.duckdb \
        --out data/influrec.duckdb --image-root data/images [--model FILE]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from etl.build import build
from etl.classify import classify
from etl.common import fail_on_library_error, print_summary
from etl.ingest import ingest


def run_all(posts: list[Path], roster: Path | None, *, work: Path, out: Path, image_root: Path,
            model: Path | None = None, workers: int = 2) -> dict:
    """Each step in turn; every step is idempotent, so re-running after a failure is safe."""
    return {"ingest": ingest(posts, roster, db=work, image_root=image_root),
            "classify": classify(db=work, model=model, image_root=image_root, workers=workers),
            "build": build(work, out)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m etl.all", description=__doc__.splitlines()[0])
    p.add_argument("--posts", type=Path, action="append", default=[], help="posts file (.csv/.jsonl); repeatable")
    p.add_argument("--roster", type=Path, help="roster CSV: username, gender, body_size")
    p.add_argument("--work", type=Path, required=True, help="working database (ingest and classify write it)")
    p.add_argument("--out", type=Path, required=True, help="database the app reads (build swaps it in)")
    p.add_argument("--image-root", type=Path, required=True, help="folder for the posts' pictures")
    p.add_argument("--model", type=Path, help="model file (default: INFLUREC_MODEL)")
    p.add_argument("--workers", type=int, default=2, help="DataLoader workers for classify")
    args = p.parse_args(argv)
    with fail_on_library_error():
        print_summary(run_all(args.posts, args.roster, work=args.work, out=args.out,
                              image_root=args.image_root, model=args.model, workers=args.workers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
