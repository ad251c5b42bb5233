from pathlib import Path

import pytest

from influrec.settings import ROOT, Settings, from_env


def test_defaults_point_at_the_demo():
    s = from_env({})
    assert s.db_path == ROOT / "data" / "demo" / "demo.duckdb"
    assert s.model_path == ROOT / "artifacts" / "demo_model.safetensors"
    assert s.device == "auto" and s.threads == 0
    assert s.max_image_bytes == 20 * 1024 * 1024 and s.max_image_pixels == 50_000_000


def test_environment_overrides():
    s = from_env({"INFLUREC_DB": "/x/y.duckdb", "INFLUREC_THREADS": "3", "INFLUREC_DEVICE": "cpu",
                  "INFLUREC_MAX_IMAGE_PIXELS": "1000"})
    assert s.db_path == Path("/x/y.duckdb") and s.threads == 3 and s.device == "cpu"
    assert s.max_image_pixels == 1000


def test_bad_number_names_the_variable():
    with pytest.raises(ValueError, match="INFLUREC_THREADS must be a whole number, not 'two'"):
        from_env({"INFLUREC_THREADS": "two"})


def test_frozen():
    with pytest.raises(Exception):
        Settings().threads = 4
