"""What every etl command shares: library errors become a non-zero exit with the same text."""
from __future__ import annotations

import contextlib
import json
import sys

from influrec.errors import InflurecError


@contextlib.contextmanager
def fail_on_library_error():
    """Turn a library error into `error: <message>` on stderr and exit status 1."""
    try:
        yield
    except InflurecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


def print_summary(summary: dict) -> None:
    print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
