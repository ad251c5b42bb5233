"""AppTest: every page on the shipped demo world; the recommend flow with widgets set."""
import io

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from influrec import settings
from influrec.settings import ROOT
from tests.conftest import demo_picture

APP = ROOT / "app.py"
PAGES = ["pages/explore.py", "pages/influencer.py", "pages/model.py", "pages/data.py"]


@pytest.fixture
def app(demo_env):
    return AppTest.from_file(str(APP), default_timeout=120)


def test_recommend_page_is_default_with_banner(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == "이미지로 인플루언서 추천"
    assert app.warning[0].value == "데모 월드입니다: 생성된 인플루언서와 그림이며 실제 데이터가 아닙니다."
    assert app.button(key="predict").disabled            # nothing uploaded yet


@pytest.mark.parametrize("page,title", zip(PAGES, ["스타일 분포 탐색", "인플루언서 상세", "스타일 모델", "데이터 현황"]))
def test_every_page_renders(app, page, title):
    app.run()
    app.switch_page(page).run()
    assert not app.exception and not app.error
    assert app.title[0].value == title


def test_english_switch_changes_the_labels(app):
    app.run()
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Find influencers from a photo"
    assert app.warning[0].value.startswith("This is the demo world")
    assert app.radio(key="role").options == ["Brand / manufacturer (most likes)", "Consumer (posts it most often)"]


def test_upload_and_recommend_shows_three_cards(app, demo_env):
    app.run()
    app.radio(key="role").set_value("consumer")
    app.selectbox(key="gender").set_value("F")
    app.file_uploader(key="upload").set_value(("look.jpg", demo_picture(demo_env).read_bytes(), "image/jpeg"))
    app.run()
    assert not app.button(key="predict").disabled
    app.button(key="predict").click().run()
    assert not app.exception and not app.error
    cards = [m.value for m in app.markdown if m.value.startswith("### ")]
    assert len(cards) == 3 and cards[0].startswith("### 1. @")
    assert any(m.value.startswith("**이유:**") for m in app.markdown)
    predicted = [p for p in app.get("progress")]
    assert len(predicted) == 3
    assert app.get("download_button")[0].proto.label == "추천 목록 CSV 다운로드"


def test_broken_upload_shows_the_library_message(app):
    app.run()
    app.file_uploader(key="upload").set_value(("x.jpg", b"\xff\xd8\xff\xe0 this is not a jpeg", "image/jpeg"))
    app.run()
    app.button(key="predict").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == ["The image file is incomplete (truncated); please upload it again."]
    assert not [m for m in app.markdown if m.value.startswith("### ")]


def test_non_image_upload_exact_message(app):
    app.run()
    app.file_uploader(key="upload").set_value(("notes.png", b"hello, not a picture", "image/png"))
    app.run()
    app.button(key="predict").click().run()
    assert [e.value for e in app.error] == [
        "This file is not an image we can read; please upload a JPEG, PNG, WebP or GIF."]


def test_seed_method_with_narrow_filters_says_why_fewer(app, demo_env):
    app.run()
    app.selectbox(key="gender").set_value("M")
    app.selectbox(key="size").set_value("S")
    app.radio(key="method").set_value("seed")
    app.file_uploader(key="upload").set_value(("a.png", _png(demo_picture(demo_env, "romantic").read_bytes()), "image/png"))
    app.run()
    app.button(key="predict").click().run()
    assert not app.exception
    cards = [m.value for m in app.markdown if m.value.startswith("### ")]
    assert len(cards) < 3          # few men of size S post romantic most: the seed method finds fewer
    assert app.warning[-1].value.startswith(f"조건에 맞는 인플루언서가 {len(cards)}명뿐입니다. "
                                                f"Only {len(cards)} influencer(s) match")


def _png(jpeg_bytes):
    buf = io.BytesIO()
    Image.open(io.BytesIO(jpeg_bytes)).save(buf, "PNG")
    return buf.getvalue()


def test_missing_database_says_how_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("INFLUREC_DB", str(tmp_path / "none.duckdb"))
    settings.get_settings.cache_clear()
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    settings.get_settings.cache_clear()
    assert not at.exception
    assert at.error[0].value.startswith(f"Database not found: {tmp_path / 'none.duckdb'}")
