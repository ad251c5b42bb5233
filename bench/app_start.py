"""Dashboard start: a fresh `streamlit run` process until the first page is served with its
content, and its resident memory after one recommendation (headless Chromium)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time

from bench.load import rss_mb
from influrec.settings import ROOT


def run() -> dict:
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if "URL:" in line:
                break
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                  "--disable-background-networking", "--no-first-run", "--disable-component-update",
                                  "--disable-sync"])
            page = b.new_page()
            page.goto(f"http://127.0.0.1:{port}", wait_until="domcontentloaded")
            page.get_by_text("이미지로 인플루언서 추천").wait_for(timeout=120_000)
            first_page_s = time.perf_counter() - t0
            pic = sorted((ROOT / "data" / "demo" / "images").rglob("*.jpg"))[0]
            page.locator("input[type=file]").set_input_files(str(pic))
            page.wait_for_function("() => ![...document.querySelectorAll('button')].find("
                                   "b => b.innerText.includes('추천 받기')).disabled", timeout=30_000)
            page.get_by_role("button", name="추천 받기").click()
            page.get_by_text("3. @").wait_for(timeout=120_000)
            rss = rss_mb(proc.pid)
            b.close()
    finally:
        proc.terminate()
        proc.wait(20)
    return {"first_page_s": first_page_s, "rss_mb_after_recommend": rss}


if __name__ == "__main__":
    print(run())
