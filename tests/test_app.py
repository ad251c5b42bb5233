"""AppTest: the dashboard on the shipped demo world."""
import pytest
from streamlit.testing.v1 import AppTest

from influrec import settings
from influrec.settings import ROOT

APP = ROOT / "app.py"


@pytest.fixture
def app(demo_env):
    return AppTest.from_file(str(APP), default_timeout=60)


def test_home_shows_demo_counts(app):
    app.run()
    assert not app.exception
    assert [m.label for m in app.metric][:3] == ["인플루언서 Influencers", "게시물 Posts", "스타일 Styles"]
    assert app.metric[0].value == "66"
    assert "데모 월드" in app.warning[0].value


def test_missing_database_says_how_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("INFLUREC_DB", str(tmp_path / "none.duckdb"))
    settings.get_settings.cache_clear()
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    settings.get_settings.cache_clear()
    assert not at.exception
    assert at.error[0].value.startswith(f"Database not found: {tmp_path / 'none.duckdb'}")
