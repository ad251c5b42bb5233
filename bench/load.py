"""Load: `recommend` from 8 threads for 60 s on the demo database (throughput, p50/p95,
errors, memory growth).

    python -m bench.load [--threads 8 --seconds 60]
"""
from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

import numpy as np

from influrec import ranking, store
from influrec.demo.draw import draw
from influrec.model import load_model
from influrec.settings import DEMO_DIR, get_settings


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process and its direct children, in MB (Linux /proc)."""
    pid = pid or os.getpid()
    children = Path(f"/proc/{pid}/task/{pid}/children")
    total = 0.0
    for p in [pid] + ([int(c) for c in children.read_text().split()] if children.exists() else []):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except FileNotFoundError:
            pass     # a child that ended meanwhile
    return total


def run(demo: Path = DEMO_DIR, threads: int = 8, seconds: float = 60.0) -> dict:
    con = store.connect(demo / "demo.duckdb", read_only=True)
    pool = ranking.Pool.from_db(con)
    ranking.visual_index(pool, con)
    model = load_model(get_settings().model_path)
    images = [draw(s, np.random.default_rng([6, i])) for i, s in enumerate(["street", "classic", "sporty", "romantic"])]
    lock = threading.Lock()          # the model is one torch module: one forward pass at a time
    latencies, errors = [], []
    stop = time.perf_counter() + seconds
    ranking.recommend_image(images[0], model=model, pool=pool, con=con.cursor())
    rss0 = rss_mb()

    def worker(i):
        cur = con.cursor()
        k = 0
        while time.perf_counter() < stop:
            t = time.perf_counter()
            try:
                with lock:
                    probs, emb = model.predict_embed([images[(i + k) % 4]])
                ranking.recommend(probs[0], ranking.ROLES[k % 2], ["F", "M", "any"][k % 3], "any", 3,
                                  ranking.METHODS[k % 3], pool=pool, con=cur, classes=model.classes, embedding=emb[0])
            except Exception as exc:     # counted, not raised: the figure is the error count
                errors.append(repr(exc))
            latencies.append((time.perf_counter() - t) * 1000)
            k += 1

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - t0
    con.close()
    lat = np.array(latencies)
    return {"requests": len(lat), "throughput_rps": len(lat) / wall, "p50_ms": float(np.percentile(lat, 50)),
            "p95_ms": float(np.percentile(lat, 95)), "errors": len(errors), "rss_start_mb": rss0,
            "rss_end_mb": rss_mb(), "first_errors": errors[:3]}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--seconds", type=float, default=60.0)
    args = p.parse_args(argv)
    for k, v in run(threads=args.threads, seconds=args.seconds).items():
        print(f"{k:16s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
