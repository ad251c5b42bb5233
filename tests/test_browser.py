"""End to end in headless Chromium: `streamlit run` on loopback, upload, predict, 3 cards.

Screenshots of every page land in test-output/screenshots/ (the README shows them).
"""
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from influrec.settings import ROOT
from tests.conftest import demo_picture

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--disable-quic"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian chromium not installed (apt-get install chromium fonts-nanum)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(shipped_demo):
    port = free_port()
    env = dict(os.environ, INFLUREC_DB=str(shipped_demo / "demo.duckdb"), INFLUREC_IMAGE_ROOT=str(shipped_demo))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:            # blocks until streamlit says it serves (no sleeping)
        if "URL:" in line:
            break
    else:
        pytest.fail("streamlit exited before serving")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def test_upload_predict_three_cards(server, browser, shipped_demo):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 2100})
    page.goto(server, wait_until="domcontentloaded")
    page.get_by_text("이미지로 인플루언서 추천").wait_for(timeout=60_000)
    button = page.get_by_role("button", name="추천 받기")
    assert button.is_disabled()
    picture = demo_picture(shipped_demo, "street")
    page.locator("input[type=file]").set_input_files(str(picture))
    page.wait_for_function("() => ![...document.querySelectorAll('button')].find("
                           "b => b.innerText.includes('추천 받기')).disabled", timeout=30_000)
    page.get_by_role("button", name="추천 받기").click()
    page.get_by_text("추천 목록 CSV 다운로드").wait_for(timeout=120_000)     # the last element: the run is done
    cards = page.locator("h3").filter(has_text="@")
    assert cards.count() == 3
    imgs = page.locator("[data-testid='stImage'] img")
    page.wait_for_function("() => [...document.querySelectorAll(\"[data-testid='stImage'] img\")]"
                           ".filter(i => i.complete && i.naturalWidth > 0).length >= 7", timeout=30_000)
    captions = page.locator("[data-testid='stImageCaption'], [data-testid='caption']").all_inner_texts()
    assert sum("캡션 워드클라우드" in c for c in captions) == 3
    assert imgs.count() >= 7          # the upload, 3 representative posts, 3 word clouds
    page.screenshot(path=str(SHOTS / "recommend.png"), full_page=True)


@pytest.mark.parametrize("path,title", [("explore", "스타일 분포 탐색"), ("influencer", "인플루언서 상세"),
                                        ("model", "스타일 모델"), ("data", "데이터 현황")])
def test_other_pages_render(server, browser, path, title):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=title).wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SHOTS / f"{path}.png"), full_page=True)


def test_five_simultaneous_sessions(server, browser, shipped_demo):
    """Five browser sessions upload, press predict at once, and all get their 3 cards."""
    styles = ["street", "classic", "sporty", "romantic", "military"]
    pages = []
    for style in styles:
        page = browser.new_context(viewport={"width": 1300, "height": 1600}).new_page()
        page.goto(server, wait_until="domcontentloaded")
        page.get_by_text("이미지로 인플루언서 추천").wait_for(timeout=60_000)
        page.locator("input[type=file]").set_input_files(str(demo_picture(shipped_demo, style)))
        pages.append(page)
    for page in pages:
        page.wait_for_function("() => ![...document.querySelectorAll('button')].find("
                               "b => b.innerText.includes('추천 받기')).disabled", timeout=30_000)
    for page in pages:                       # all five requests in flight together
        page.get_by_role("button", name="추천 받기").click()
    for page in pages:
        page.get_by_text("추천 목록 CSV 다운로드").wait_for(timeout=180_000)
        assert page.locator("h3").filter(has_text="@").count() == 3
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("[data-testid='stAlertContentError']").count() == 0
