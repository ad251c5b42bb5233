"""How often the top 3 holds an influencer who really posts the query's style (demo ground truth).

    python -m bench.recommend_quality [--per-style 12] [--demo data/demo]

Queries are fresh pictures drawn for each of the 23 styles (another random stream than any
post, so the visual method cannot simply find the post itself). An influencer's dominant
true style is the style of most of their posts in `demo_truth`. A hit: one of the 3
recommended influencers has the query's true style as dominant style.
"""
from __future__ import annotations

import argparse
from math import comb
from pathlib import Path

import numpy as np

from influrec import ranking, store
from influrec.demo.draw import draw
from influrec.model import load_model
from influrec.settings import DEMO_DIR, get_settings
from influrec.styles import FASHION_IDS


def dominant_styles(con) -> dict[str, str]:
    rows = con.execute("""SELECT username, arg_max(style, n) FROM (
                            SELECT p.username, t.style, count(*) AS n FROM demo_truth t JOIN posts p USING (post_id)
                            GROUP BY ALL) GROUP BY username""").fetchall()
    return dict(rows)


def measure(demo: Path, per_style: int, k: int = 3) -> dict:
    con = store.connect(demo / "demo.duckdb", read_only=True)
    pool = ranking.Pool.from_db(con)
    model = load_model(get_settings().model_path)
    dominant = dominant_styles(con)
    queries = [(s, draw(s, np.random.default_rng([777, i, j]))) for i, s in enumerate(FASHION_IDS)
               for j in range(per_style)]
    probs, embs = model.predict_embed([im for _, im in queries])
    hits = {(m, r): 0 for m in ranking.METHODS for r in ranking.ROLES}
    for (style, _), p, e in zip(queries, probs, embs):
        for method in ranking.METHODS:
            for role in ranking.ROLES:
                res = ranking.recommend(p, role, k=k, method=method, pool=pool, con=con,
                                        classes=model.classes, embedding=e, matches=1)
                hits[(method, role)] += any(dominant[r.username] == style for r in res.results)
    n_inf = len(dominant)
    chance = np.mean([1 - comb(n_inf - sum(v == s for v in dominant.values()), k) / comb(n_inf, k)
                      for s, _ in queries])
    classifier_top1 = float(np.mean([model.classes[int(np.argmax(p))] == s for (s, _), p in zip(queries, probs)]))
    con.close()
    return {"queries": len(queries), "chance": float(chance), "classifier_top1": classifier_top1,
            "hit_rate": {f"{m}/{r}": hits[(m, r)] / len(queries) for (m, r) in hits}}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--demo", type=Path, default=DEMO_DIR, help="demo world folder (default data/demo)")
    p.add_argument("--per-style", type=int, default=12, help="query pictures per style (default %(default)s)")
    args = p.parse_args(argv)
    out = measure(args.demo, args.per_style)
    print(f"{out['queries']} fresh query pictures; classifier top-1 on them {out['classifier_top1']:.3f}")
    print(f"{'method/role':20s} {'top-3 hit rate':>15s}")
    print(f"{'random 3 (chance)':20s} {out['chance']:15.3f}")
    for key, rate in out["hit_rate"].items():
        print(f"{key:20s} {rate:15.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
