"""Runtime settings: one frozen dataclass, read once from INFLUREC_* environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "data" / "demo"


@dataclass(frozen=True)
class Settings:
    # The app's database. Default: the demo world, built on first use by `python -m etl.demo`
    # (not committed: it is regenerated deterministically in well under a minute).
    db_path: Path = DEMO_DIR / "demo.duckdb"
    # The style model file. Default: the committed demo model (fp16, a few MB).
    model_path: Path = ROOT / "artifacts" / "demo_model.safetensors"
    # Where posts' relative image_path values are resolved. Default: the demo world's folder.
    image_root: Path = DEMO_DIR
    # "auto" picks CUDA, then MPS, then CPU; "cpu" forces the CPU.
    device: str = "auto"
    # Torch intra-op threads; 0 keeps torch's default (one per core).
    threads: int = 0
    # Largest image file accepted, in bytes: a phone photo is 2-12 MB; 20 MB leaves room
    # for a PNG export and is what .streamlit/config.toml's upload limit allows too.
    max_image_bytes: int = 20 * 1024 * 1024
    # Largest image accepted, in pixels: 50 MP covers any phone camera (a 48 MP sensor),
    # yet stops a 1 KB decompression bomb from allocating gigabytes.
    max_image_pixels: int = 50_000_000


_ENV = {
    "db_path": "INFLUREC_DB",
    "model_path": "INFLUREC_MODEL",
    "image_root": "INFLUREC_IMAGE_ROOT",
    "device": "INFLUREC_DEVICE",
    "threads": "INFLUREC_THREADS",
    "max_image_bytes": "INFLUREC_MAX_IMAGE_BYTES",
    "max_image_pixels": "INFLUREC_MAX_IMAGE_PIXELS",
}


def from_env(env: dict[str, str] | None = None) -> Settings:
    """Build settings from `env` (default: os.environ); unset variables keep the defaults.

    :raises ValueError: naming the variable whose value has the wrong type.
    """
    env = os.environ if env is None else env
    values = {}
    for f in fields(Settings):
        raw = env.get(_ENV[f.name])
        if raw is None or raw == "":
            continue
        if f.type == "Path":
            values[f.name] = Path(raw).expanduser()
        elif f.type == "int":
            try:
                values[f.name] = int(raw)
            except ValueError:
                raise ValueError(f"{_ENV[f.name]} must be a whole number, not {raw!r}") from None
        else:
            values[f.name] = raw
    return Settings(**values)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return from_env()
