"""etl demo: generate the deterministic demo world and run it through the real ETL.

    python -m etl.demo                       # the shipped demo, into data/demo/
    python -m etl.demo --seed 7 --out /tmp/w # another world
    python -m etl.demo --training-set DIR    # labelled pictures for `etl.train`

The world is written as a CSV/JSONL source, then ingest -> classify (the demo model) ->
build, so the demo database is exactly what the pipeline makes of real data.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from etl.build import build
from etl.common import fail_on_library_error, print_summary
from etl.ingest import ingest
from influrec import store
from influrec.demo import world as demo_world
from influrec.settings import DEMO_DIR, get_settings

DEFAULT_SEED = 0


def demo(seed: int = DEFAULT_SEED, out: Path = DEMO_DIR, *, model: Path | None = None,
         per_combo: int = 11, posts_range: tuple[int, int] = (30, 70), workers: int = 2) -> dict:
    """Build the demo world into `out`: pictures, `source/`, `work.duckdb`, `demo.duckdb`
    and `contact_sheet.png`. Same seed and sizes, same database contents.

    :param model: the style model for classify (default: settings.model_path); when the
        file is absent the posts stay unclassified and a warning says so.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    world = demo_world.make_world(seed, per_combo=per_combo, posts_range=posts_range)
    src = demo_world.write_world(world, out, workers=workers)
    work = out / "work.duckdb"
    work.unlink(missing_ok=True)   # the working file is scratch: regenerate it whole
    summary = ingest([src / "posts.jsonl"], src / "roster.csv", db=work, image_root=out,
                     at=demo_world.END)
    con = store.connect(work, clock=demo_world.END)
    try:
        store.replace_demo_truth(con, world.truth)
    finally:
        con.close()
    model = Path(model or get_settings().model_path)
    if model.exists():
        from etl.classify import classify
        classify(db=work, model=model, image_root=out, workers=workers)
    else:
        print(f"WARNING: no model file at {model}; demo posts are left unclassified. "
              "Train one with `python -m etl.train` (see README).", file=sys.stderr)
    result = build(work, out / "demo.duckdb", at=demo_world.END)
    pictures = list(demo_world.iter_world_images(world, out))
    pick = np.random.default_rng([seed, 3]).choice(len(pictures), min(25, len(pictures)), replace=False)
    demo_world.contact_sheet([pictures[i] for i in sorted(pick)], out / "contact_sheet.png")
    return {"step": "demo", "seed": seed, "out": str(out), "ingest": summary["loaded"],
            "skipped": summary["skipped"], **{k: v for k, v in result.items() if k != "step"}}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m etl.demo", description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="world seed (default: %(default)s, the shipped demo)")
    p.add_argument("--out", type=Path, default=DEMO_DIR, help="output folder (default: data/demo)")
    p.add_argument("--model", type=Path, help="style model for classify (default: INFLUREC_MODEL)")
    p.add_argument("--per-combo", type=int, default=11,
                   help="influencers per gender x body size (6 combinations; default %(default)s)")
    p.add_argument("--workers", type=int, default=2, help="processes drawing pictures (default %(default)s)")
    p.add_argument("--training-set", type=Path, metavar="DIR",
                   help="instead: write labelled pictures DIR/<style>/<n>.jpg for etl.train")
    p.add_argument("--per-class", type=int, default=160, help="pictures per style with --training-set")
    args = p.parse_args(argv)
    with fail_on_library_error():
        if args.training_set:
            demo_world.training_set(args.training_set, per_class=args.per_class, workers=args.workers)
            print(f"wrote {args.per_class} pictures per style under {args.training_set}")
        else:
            print_summary(demo(args.seed, args.out, model=args.model, per_combo=args.per_combo,
                               workers=args.workers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
