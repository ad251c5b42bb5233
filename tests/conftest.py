"""Shared fixtures: a fresh store, the K-Fashion sample (skipped when absent), demo worlds."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from influrec import store
from influrec.settings import ROOT

KFASHION = (ROOT.parent / "shared" / "kfashion-sample").resolve()
DEMO_MODEL = ROOT / "artifacts" / "demo_model.safetensors"


@pytest.fixture
def fresh_store(tmp_path):
    con = store.connect(tmp_path / "test.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="session")
def kfashion_root() -> Path:
    if not (KFASHION / "labels").is_dir():
        pytest.skip(f"K-Fashion sample not found at {KFASHION} (it sits in ../shared beside the repo)")
    return KFASHION


@pytest.fixture(scope="session")
def demo_model_path() -> Path:
    if not DEMO_MODEL.exists():
        pytest.fail(f"the committed demo model is missing: {DEMO_MODEL}")
    return DEMO_MODEL


@pytest.fixture(scope="session")
def shipped_demo(tmp_path_factory, demo_model_path) -> Path:
    """The shipped demo world (seed 0), built once per test session with the real pipeline."""
    from etl.demo import demo
    out = tmp_path_factory.mktemp("demo")
    demo(0, out, model=demo_model_path)
    return out


@pytest.fixture
def demo_env(shipped_demo, monkeypatch):
    """Point settings at the shipped demo (for app and engine tests)."""
    from influrec import settings
    monkeypatch.setenv("INFLUREC_DB", str(shipped_demo / "demo.duckdb"))
    monkeypatch.setenv("INFLUREC_IMAGE_ROOT", str(shipped_demo))
    settings.get_settings.cache_clear()
    yield shipped_demo
    settings.get_settings.cache_clear()


def pytest_configure(config):
    os.environ.setdefault("TQDM_DISABLE", "1")


def demo_picture(demo_dir: Path, style: str = "street") -> Path:
    """The first demo post picture (by name) whose true style is `style`."""
    import csv
    with open(demo_dir / "source" / "truth.csv", encoding="utf-8") as fh:
        truth = dict(csv.reader(fh))
    for pic in sorted((demo_dir / "images").rglob("*.jpg")):
        if truth.get(pic.stem) == style:
            return pic
    raise LookupError(f"no demo picture of style {style}")
