"""Recommendation latency: one uploaded image to 3 influencers on the demo database (warm),
and one query over a generated 1 M posts / 10 k influencers database, each beside the
seed's way (the deck's code re-read a table with pandas for every query).

    python -m bench.recommend_latency [--posts 1000000 --influencers 10000]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from influrec import ranking, store
from influrec.images import open_image
from influrec.model import load_model
from influrec.settings import DEMO_DIR, get_settings
from influrec.styles import STYLE_IDS


def timed(fn, repeat: int) -> float:
    """Median milliseconds of `repeat` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def seed_way(csv: Path, style: str, role: str) -> list[str]:
    """The deck's path: read the post table, aggregate, pick the top 3 (per query)."""
    df = pd.read_csv(csv)
    df["likes"] = df["likes"].fillna(df.groupby("username")["likes"].transform("mean"))
    agg = df.groupby(["username", "style"]).agg(n=("style", "size"), likes=("likes", "sum")).reset_index()
    key = "likes" if role == "brand" else "n"
    rep = agg.sort_values(key, ascending=False).groupby("username").head(1)
    return rep[rep["style"] == style].sort_values(key, ascending=False)["username"].head(3).tolist()


def demo_figures(demo: Path, repeat: int) -> list[tuple]:
    con = store.connect(demo / "demo.duckdb", read_only=True)
    pool = ranking.Pool.from_db(con)
    model = load_model(get_settings().model_path)
    image = next((demo / "images").rglob("*.jpg")).read_bytes()
    rows = []
    for method in ("soft", "seed", "visual"):
        ms = timed(lambda: ranking.recommend_image(image, "brand", "F", "any", 3, method,
                                                   model=model, pool=pool, con=con), repeat)
        rows.append((f"demo: image -> 3 recs ({method}), warm", ms, 150))
    probs = model.predict([open_image(image)])[0]
    rows.append(("demo: ranking only (soft), warm",
                 timed(lambda: ranking.recommend(probs, "brand", pool=pool, con=con), repeat), None))
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "posts.csv"
        con.execute("""SELECT p.username, p.likes, s.style FROM posts p JOIN post_styles s USING (post_id)""").df().to_csv(csv, index=False)
        style = model.classes[int(np.argmax(probs))]
        rows.append(("demo: seed's way (pandas re-reads the table)", timed(lambda: seed_way(csv, style, "brand"), repeat), None))
    con.close()
    return rows


def big_figures(n_posts: int, n_inf: int, repeat: int) -> list[tuple]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work, out = Path(tmp) / "work.duckdb", Path(tmp) / "big.duckdb"
        at = datetime(2026, 11, 1)
        t = time.perf_counter()
        con = store.connect(work, clock=at)
        store.fill_synthetic(con, influencers=n_inf, posts=n_posts, classes=list(STYLE_IDS), at=at)
        con.close()
        with store.build_into(out, clock=at) as bcon:
            store.copy_base_tables(bcon, work)
            store.derive(bcon)
        print(f"generated and built {n_posts:,} posts / {n_inf:,} influencers in {time.perf_counter() - t:.1f} s")
        con = store.connect(out, read_only=True)
        t = time.perf_counter()
        pool = ranking.Pool.from_db(con)
        rows.append((f"{n_posts // 1000}k posts: load the pool once (cold)", (time.perf_counter() - t) * 1000, None))
        rng = np.random.default_rng(0)
        probs = rng.dirichlet(np.ones(len(pool.classes)))
        for method in ("soft", "seed"):
            for role in ("brand", "consumer"):
                ms = timed(lambda: ranking.recommend(probs, role, "F", "M", 3, method, pool=pool, con=con), repeat)
                rows.append((f"{n_posts // 1000}k posts: query ({method}, {role})", ms, 50))
        csv = Path(tmp) / "posts.csv"
        con.execute("SELECT username, likes, style FROM post_facts").df().to_csv(csv, index=False)
        style = pool.classes[int(np.argmax(probs))]
        rows.append((f"{n_posts // 1000}k posts: seed's way (pandas re-reads the table)",
                     timed(lambda: seed_way(csv, style, "brand"), max(1, repeat // 10)), None))
        con.close()
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--demo", type=Path, default=DEMO_DIR)
    p.add_argument("--posts", type=int, default=1_000_000)
    p.add_argument("--influencers", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args(argv)
    rows = demo_figures(args.demo, args.repeat) + big_figures(args.posts, args.influencers, args.repeat)
    print(f"\n{'figure':58s} {'ms':>9s} {'budget':>7s}")
    for name, ms, budget in rows:
        print(f"{name:58s} {ms:9.1f} {'' if budget is None else budget:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
