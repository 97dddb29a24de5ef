"""The interactive API docs are served from ParkLink's own static files, like every other page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_interactive_api_docs_render_from_local_assets(page):
    page.goto("/api/v1/docs")

    operation = page.locator(".opblock-summary-path", has_text="/api/v1/me").first
    operation.wait_for(timeout=20_000)

    expect(operation).to_be_visible()
    # the page fixture fails the test if Swagger UI fetched anything from outside 127.0.0.1
