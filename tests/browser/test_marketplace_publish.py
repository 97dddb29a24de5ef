"""An owner writes a profile and submits it; the network secretariat publishes it from the moderation
queue; it appears in the marketplace."""

import pytest
from playwright.sync_api import expect

from marketplace.models import Profile
from tests.browser.test_account_flows import log_in, log_out

pytestmark = pytest.mark.browser


def test_owner_creates_and_submits_secretariat_publishes_from_queue(page, owner, secretariat):
    # given the owner on the marketplace
    log_in(page, owner.email)
    page.get_by_role("link", name="Marketplace").first.click()
    page.get_by_role("link", name="New profile").click()

    # when they write a technology offer and submit it
    form = page.locator("#profile-form")
    form.locator("select[name=kind]").select_option("TO")
    form.locator("input[name=title]").fill("Solar drip irrigation controller")
    form.locator("textarea[name=summary]").fill("A controller that cuts orchard water use by a third.")
    form.locator("textarea[name=description]").fill(
        "Developed and tested on pistachio orchards by the park's agricultural laboratory."
    )
    form.get_by_label("Agriculture and food").check()
    form.get_by_label("Licence agreement").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Save").click()
    reference = page.locator("#profile-reference").inner_text()
    assert reference.startswith("TO-IR-")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for moderation").click()
    assert Profile.objects.get(reference=reference).status == Profile.Status.SUBMITTED
    log_out(page)

    # then the secretariat publishes it from the moderation queue
    log_in(page, secretariat.email)
    page.goto("/marketplace/moderation/")
    row = page.locator("#moderation-queue tr", has_text=reference)
    with page.expect_navigation():
        row.get_by_role("button", name="Publish").click()
    expect(page.locator("#queue-empty")).to_be_visible()

    # and it is in the marketplace for everyone
    log_out(page)
    page.goto("/marketplace/")
    expect(page.locator("#profile-results").get_by_text("Solar drip irrigation controller")).to_be_visible()
    assert Profile.objects.get(reference=reference).status == Profile.Status.PUBLISHED
