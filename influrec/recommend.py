"""Command line: recommend influencers for an image without the app.

    python -m influrec.recommend --image PATH --role brand --gender F --size any --method soft --json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from influrec import ranking, store, styles
from influrec.errors import InflurecError
from influrec.model import load_model
from influrec.settings import get_settings


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m influrec.recommend", description=__doc__.splitlines()[0])
    p.add_argument("--image", type=Path, required=True, help="the product, concept or outfit photo")
    p.add_argument("--role", choices=ranking.ROLES, default="brand",
                   help="brand: most likes in the style; consumer: posts the style most often")
    p.add_argument("--gender", choices=ranking.GENDERS, default="any", help="influencer gender")
    p.add_argument("--size", choices=ranking.SIZES, default="any", help="influencer body size")
    p.add_argument("--method", choices=ranking.METHODS, default="soft", help="ranking method (default soft)")
    p.add_argument("--k", type=int, default=3, help="how many influencers (default 3)")
    p.add_argument("--db", type=Path, help="database (default: INFLUREC_DB)")
    p.add_argument("--model", type=Path, help="model file (default: INFLUREC_MODEL)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = p.parse_args(argv)
    settings = get_settings()
    try:
        con = store.connect(args.db or settings.db_path, read_only=True)
        model = load_model(args.model or settings.model_path, device=settings.device, threads=settings.threads)
        pool = ranking.Pool.from_db(con)
        result = ranking.recommend_image(args.image, args.role, args.gender, args.size, args.k, args.method,
                                         model=model, pool=pool, con=con)
    except InflurecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
        return 0
    top3 = sorted(result.probs.items(), key=lambda kv: -kv[1])[:3]
    print("predicted: " + ", ".join(f"{styles.label(s)} {p:.0%}" for s, p in top3))
    print(f"{'rank':>4}  {'username':24s} {'score':>12s} {'followers':>10s}  reason")
    for r in result.results:
        reason = ", ".join(f"{s['style']} {s['weight']:.0%}" for s in r.explanation.get("styles", [])[:2])
        print(f"{r.rank:>4}  {r.username:24s} {r.score:12.4f} {r.followers or 0:>10,}  {reason}")
    if result.note:
        print(result.note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
