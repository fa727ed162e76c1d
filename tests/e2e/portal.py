"""Start the real portal (`streamlit run asgi.py`, as the README says) and headless Chromium
for browser tests."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_portal(timeout: float = 60, **settings: str) -> Iterator[str]:
    """The portal served on a free port, with the current environment plus `settings` (and a
    session key of its own); its base URL. The server is killed on exit."""
    port = free_port()
    env = {"CMG_SESSION_SECRET": secrets.token_urlsafe(48), **os.environ, **settings}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "asgi.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(f"{url}/_stcore/health", server, timeout)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_healthy(health_url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the portal stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(health_url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the portal did not answer on {health_url} within {timeout} s")


@contextmanager
def chromium(executable_path: str) -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def open_nav(page, title: str) -> None:
    """Follow the navigation link to a page, opening the phone menu when it is folded.

    A new URL would start a new session, so tests move between pages as a person does.
    """
    page.get_by_test_id("stMain").get_by_role("heading").first.wait_for()
    wait_idle(page)
    link = page.locator("[data-testid=stSidebarNavLink], [data-testid=stTopNavLink]").filter(
        has_text=title
    )
    if not link.first.is_visible() or not _in_viewport(link.first):
        page.get_by_test_id("stExpandSidebarButton").click()
        link = page.get_by_test_id("stSidebarNavLink").filter(has_text=title)
    heading = page.get_by_test_id("stMain").get_by_role("heading", name=title).first
    for _ in range(3):  # a click landing just as a rerun starts can be dropped by Streamlit
        link.first.click()
        try:
            heading.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            wait_idle(page)
    heading.wait_for()
    collapse = page.get_by_test_id("stSidebarCollapseButton")
    if page.viewport_size["width"] < 640 and collapse.count() and collapse.first.is_visible():
        collapse.first.click()


def wait_idle(page) -> None:
    """Wait until the script run of the page is over (Streamlit marks it on its root)."""
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()


def _in_viewport(locator) -> bool:
    box = locator.bounding_box()
    width = locator.page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
