"""Issue 16 item 1 as the demo's secretariat walks it: they log in, the dashboard lists the profile that
waits for their moderation, they follow the link and publish it, and the dashboard then says nothing
waits in the queue. A visitor who is not logged in gets the public front page instead."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from demo.services import demo_load
from marketplace.models import Profile
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_secretariat_goes_from_the_dashboard_to_a_profile_waiting_for_moderation_and_publishes_it(page):
    demo_load(password=settings.PARKLINK_DEMO_PASSWORD)
    waiting = Profile.objects.get(status=Profile.Status.SUBMITTED, owner__name="AST Technology Center")

    # given a visitor who is not logged in: the front page says what ParkLink is, with a search box
    page.goto("/")
    expect(page.locator("#about")).to_contain_text("cooperate across borders and languages")
    expect(page.get_by_role("button", name="Search the marketplace")).to_be_visible()

    # when the IASP secretariat logs in, the dashboard lists the profile waiting for them
    log_in(page, "secretariat@demo.parklink.org", settings.PARKLINK_DEMO_PASSWORD)
    page.goto("/")
    tasks = page.locator("#my-tasks")
    expect(tasks.get_by_role("heading", name="Profiles awaiting moderation")).to_be_visible()
    task = tasks.get_by_role("link", name=waiting.title)
    expect(task).to_be_visible()

    # and they follow it to the profile and publish it there
    with page.expect_navigation():
        task.click()
    expect(page.get_by_role("heading", name=waiting.title)).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()

    # then back on the dashboard the queue is empty and says so
    page.goto("/")
    expect(page.locator("#section-moderation")).to_contain_text("No profile waits for moderation.")
    expect(page.locator("#my-tasks").get_by_role("link", name=waiting.title)).to_have_count(0)
    waiting.refresh_from_db()
    assert waiting.status == Profile.Status.PUBLISHED
