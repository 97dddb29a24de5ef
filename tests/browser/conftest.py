"""Headless Debian chromium driven by Playwright against pytest-django's live server.

Every request a page makes is recorded; a test fails if any of them leaves 127.0.0.1, because
ParkLink's users are often on networks that cannot reach a CDN.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from core.services import taxonomy_rows_ensure

CHROMIUM = shutil.which("chromium")
# Screenshots go beside the repository unless a run names its own place (CI runs two suites at once).
ARTIFACTS = Path(
    os.environ.get("PARKLINK_TEST_ARTIFACTS") or Path(__file__).resolve().parents[2] / "test-artifacts"
)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
    # around it are still synchronous and safe. Only while the browser runs, so that no subprocess
    # started by another test inherits it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server, transactional_db) -> Iterator[object]:
    # Each transactional test ends by flushing the database, which also empties what the data
    # migrations seeded; put the sectors and keywords back for this test.
    taxonomy_rows_ensure()
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    requested_hosts: list[str] = []
    page.on("request", lambda request: requested_hosts.append(urlsplit(request.url).hostname or ""))
    # CI runs the SQLite and PostgreSQL suites side by side on two cores, so a busy live server can take
    # more than 15 s to answer one navigation. Slowness is measured in bench/, never failed on here.
    page.set_default_timeout(45_000)
    expect.set_options(timeout=45_000)
    yield page
    context.close()
    outside = sorted({host for host in requested_hosts if host not in LOCAL_HOSTS})
    assert not outside, f"pages requested hosts outside 127.0.0.1: {outside}"


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
