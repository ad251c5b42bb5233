"""ETL throughput on a generated source: ingest and build over 100,000 posts, classify on a sample.

    python -m bench.etl_throughput [--posts 100000] [--classify-sample 512]

The source is the demo world's generator scaled up (captions, likes, hidden likes); only
the classify sample has pictures (drawing 100,000 would measure the drawing).
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from etl.build import build
from etl.classify import classify
from etl.ingest import ingest
from influrec.demo import world as demo_world
from influrec.model import load_model
from influrec.settings import get_settings


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--posts", type=int, default=100_000)
    p.add_argument("--classify-sample", type=int, default=512)
    args = p.parse_args(argv)
    per_combo = max(1, args.posts // (6 * 50))
    world = demo_world.make_world(1, per_combo=per_combo, posts_range=(30, 70))
    posts = world.posts[: args.posts]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "posts.jsonl"
        sample = set(p.post_id for p in posts[: args.classify_sample])
        (tmp / "images").mkdir()
        for k, post in enumerate(posts[: args.classify_sample]):
            demo_world.draw(world.truth[post.post_id], np.random.default_rng([9, k])).save(tmp / "images" / f"{post.post_id}.jpg")
        with open(src, "w", encoding="utf-8") as fh:
            for post in posts:
                fh.write(json.dumps({"post_id": post.post_id, "username": post.username,
                                     "posted_at": post.posted_at.isoformat(), "caption": post.caption,
                                     "likes": post.likes, "comments": post.comments, "is_video": post.is_video,
                                     "image": f"images/{post.post_id}.jpg" if post.post_id in sample else None},
                                    ensure_ascii=False) + "\n")
        t = time.perf_counter()
        ingest([src], db=tmp / "w.duckdb", image_root=tmp)
        dt = time.perf_counter() - t
        rows.append(("ingest (JSONL -> DuckDB)", len(posts), dt))
        model = load_model(get_settings().model_path)
        t = time.perf_counter()
        out = classify(db=tmp / "w.duckdb", model=model, image_root=tmp, workers=2)
        dt = time.perf_counter() - t
        rows.append(("classify (pictures, incl. no_image rows)", out["classified"], dt))
        # the ceiling: the model's raw forward pass on prepared tensors, same batch size
        x = torch.randn(64, 3, model.card["input_size"], model.card["input_size"]).contiguous(
            memory_format=torch.channels_last)
        model.forward(x)
        t = time.perf_counter()
        for _ in range(4):
            model.forward(x)
        raw = 256 / (time.perf_counter() - t)
        t = time.perf_counter()
        build(tmp / "w.duckdb", tmp / "app.duckdb")
        dt = time.perf_counter() - t
        rows.append(("build (aggregates + keywords)", len(posts), dt))
    print(f"\n{'step':44s} {'records':>9s} {'seconds':>8s} {'per s':>9s}")
    for name, n, dt in rows:
        print(f"{name:44s} {n:9,d} {dt:8.1f} {n / dt:9,.0f}")
    print(f"{'raw forward pass (ceiling)':44s} {'':>9s} {'':>8s} {raw:9,.0f}")
    print(f"classify / raw forward: {rows[1][1] / rows[1][2] / raw:.2f} (budget: within 2x, i.e. >= 0.50)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
