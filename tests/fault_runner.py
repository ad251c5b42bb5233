"""Run an ETL step in this process and kill it hard (os._exit) after N calls of a store function.

    python tests/fault_runner.py classify N DB MODEL IMAGE_ROOT
    python tests/fault_runner.py build N WORK OUT
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from influrec import store  # noqa: E402


def die_after(name: str, n: int) -> None:
    real = getattr(store, name)
    calls = [0]

    def wrapper(*a, **kw):
        calls[0] += 1
        if calls[0] > n:
            os._exit(9)          # no cleanup, no flush: like a kill -9 or a power cut
        return real(*a, **kw)
    setattr(store, name, wrapper)


if __name__ == "__main__":
    step, n = sys.argv[1], int(sys.argv[2])
    if step == "classify":
        die_after("upsert_post_styles", n)
        from etl.classify import classify
        classify(db=Path(sys.argv[3]), model=Path(sys.argv[4]), image_root=Path(sys.argv[5]),
                 batch_size=16, workers=0)
    else:
        die_after("write_keywords", n)
        from etl.build import build
        build(Path(sys.argv[3]), Path(sys.argv[4]))
