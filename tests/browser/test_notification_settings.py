"""Issue 16 item 7: from the notifications page a person opens the notification settings, chooses how
to hear of one kind of news, saves, and finds the choice kept when the page comes back."""

import pytest
from playwright.sync_api import expect

from core.models import NotificationPreference
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser

KIND = "marketplace.eoi_received"


def test_a_member_changes_how_she_hears_of_expressions_of_interest(page, owner):
    log_in(page, owner.email)
    page.goto("/notifications/")
    page.get_by_role("link", name="Notification settings").click()
    expect(page.get_by_role("heading", name="Notification settings")).to_be_visible()

    row = page.locator("fieldset", has=page.get_by_text("An expression of interest arrives", exact=True))
    expect(row.get_by_label("Email me at once")).to_be_checked()
    row.get_by_label("In the daily digest email").check()
    page.get_by_role("button", name="Save settings").click()

    expect(page.get_by_text("Your notification settings have been saved.")).to_be_visible()
    row = page.locator("fieldset", has=page.get_by_text("An expression of interest arrives", exact=True))
    expect(row.get_by_label("In the daily digest email")).to_be_checked()
    expect(row.get_by_label("Email me at once")).not_to_be_checked()
    assert NotificationPreference.objects.get(user=owner, kind=KIND).channel == "digest"
