"""Every benchmark in one run: `python -m bench [--quick] [--with-kfashion]`.

Prints one table: each figure, its budget from DESIGN.md, and the seed-style baseline
measured in the same run with the ratio between them. Needs the demo world (`python -m
etl.demo`). Figures are for this machine only; the README carries the latest table.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from datetime import date

os.environ.setdefault("TQDM_DISABLE", "1")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smaller sizes (100 k posts, 10 s load)")
    p.add_argument("--with-kfashion", action="store_true", help="also the K-Fashion few-shot run (~5 min)")
    args = p.parse_args(argv)
    from bench import app_start, load, model_speed, recommend_latency, recommend_quality
    rows = []   # (figure, value, unit, budget, baseline, baseline name)
    speed = model_speed.figures()
    seed_reload_ms = speed[0][3]
    rows += speed
    posts = 100_000 if args.quick else 1_000_000
    infl = 1_000 if args.quick else 10_000
    lat = recommend_latency.demo_figures(recommend_latency.DEMO_DIR, 20)
    seed_demo = next(ms for n, ms, _ in lat if "seed's way" in n)
    for name, ms, budget in lat:
        if "image ->" in name:     # the seed re-loaded the model and re-read the table per query
            rows.append((name + " (ms)", ms, budget, seed_reload_ms + seed_demo, "seed: reload model + pandas"))
        elif "seed's way" not in name:
            rows.append((name + " (ms)", ms, budget, seed_demo, "seed: pandas re-read per query"))
    big = recommend_latency.big_figures(posts, infl, 10)
    seed_big = next(ms for n, ms, _ in big if "seed's way" in n)
    for name, ms, budget in big:
        if "load the pool" in name:     # once per process, not per query: no per-query baseline
            rows.append((name + " (ms)", ms, budget, None, "once per process"))
        elif "seed's way" not in name:
            rows.append((name + " (ms)", ms, budget, seed_big, "seed: pandas re-read per query"))
    q = recommend_quality.measure(recommend_quality.DEMO_DIR, 6 if args.quick else 12)
    for key, rate in q["hit_rate"].items():
        rows.append((f"top-3 hit rate, {key}", rate, None, q["chance"], "random 3 influencers"))
    ld = load.run(threads=8, seconds=10 if args.quick else 60)
    rows.append(("load: 8 threads, requests/s", ld["throughput_rps"], None, None, ""))
    rows.append(("load: p50 latency (ms)", ld["p50_ms"], None, None, ""))
    rows.append(("load: p95 latency (ms)", ld["p95_ms"], None, None, ""))
    rows.append(("load: errors", ld["errors"], 0, None, ""))
    rows.append(("load: RSS growth (MB)", ld["rss_end_mb"] - ld["rss_start_mb"], None, ld["rss_start_mb"], "RSS at start"))
    st = app_start.run()
    rows.append(("app: first page, fresh process (s)", st["first_page_s"], 10, None, ""))
    rows.append(("app: resident memory after a recommendation (MB)", st["rss_mb_after_recommend"], 1536, None, ""))
    print(f"\ninflurec bench · {date.today()} · {platform.machine()} · {os.cpu_count()} CPUs · "
          f"python {platform.python_version()}")
    print(f"{'figure':58s} {'value':>10s} {'budget':>7s} {'baseline':>10s} {'ratio':>7s}  baseline is")
    for name, value, budget, base, base_name in rows:
        # times: how many times faster than the baseline; rates: the share of the baseline
        ratio = "" if not (base and value) else (
            f"{base / value:7.1f}x" if name.endswith("(ms)") else f"{value / base:7.2f}")
        print(f"{name:58s} {value:10.3f} {'' if budget is None else budget:>7} "
              f"{'' if base is None else f'{base:10.2f}':>10s} {ratio:>7s}  {base_name}")
    if args.with_kfashion:
        subprocess.run([sys.executable, "-m", "bench.kfashion_fewshot"], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
