"""Classifier speed: warm single-image latency and batch throughput of `predict`, against the
seed's way (re-loading the model file for every image), and the raw forward pass ceiling.

    python -m bench.model_speed
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.recommend_latency import timed
from influrec.demo.draw import draw
from influrec.model import load_model
from influrec.settings import get_settings


def figures(model_path: Path | None = None, repeat: int = 20) -> list[tuple]:
    path = model_path or get_settings().model_path
    model = load_model(path)
    images = [draw("street", np.random.default_rng([5, i])) for i in range(64)]
    single = timed(lambda: model.predict(images[:1]), repeat)
    seed_single = timed(lambda: load_model(path).predict(images[:1]), max(3, repeat // 4))
    # medians of 5 warm calls each, as for the single image
    batch_ips = 64 / (timed(lambda: model.predict(images), 5) / 1000)
    x = model.tensor(images)
    raw_ips = 64 / (timed(lambda: model.forward(x), 5) / 1000)
    return [("predict: one image, warm (ms)", single, 150, seed_single, "seed: reload per image"),
            ("predict: batch of 64 (images/s)", batch_ips, None, raw_ips, "raw forward ceiling")]


def main() -> int:
    for name, value, budget, base, base_name in figures():
        print(f"{name:40s} {value:9.1f}  budget {budget or '-':>5}  {base_name}: {base:9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
