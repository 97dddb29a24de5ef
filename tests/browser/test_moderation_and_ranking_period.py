"""Issue 16 items 8 and 10 as their personas walk them: the admin of an organisation in no network
submits a profile and is told ParkLink's operators review it; they have no moderation queue; an operator
finds it in theirs and publishes it. A park person reads the ranking over all time and over a custom
period, and a period that ends in the future is refused beside its field."""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Sector
from hubs import services as hub_services
from marketplace import services
from marketplace.models import Profile
from tests.authenticator import totp_code
from tests.browser.test_account_flows import log_in, log_out

pytestmark = pytest.mark.browser


def test_profile_of_an_organisation_in_no_network_reaches_the_operators(
    page, outsider, other_organisation, operator
):
    # given the admin of Almaty Robotics LLP, in no network, with a draft profile
    profile = services.profile_create(
        actor=outsider,
        owner=other_organisation,
        kind=Profile.Kind.TECHNOLOGY_OFFER,
        title="Warehouse picking robot arm",
        summary="A low-cost robot arm that picks parcels from shelves.",
        description="Built and tested in our Almaty workshop for small logistics companies.",
        sectors=[Sector.objects.get(code="agriculture-food")],
        partnership_types=["licence"],
    )
    log_in(page, outsider.email)

    # when they submit it
    page.goto(f"/marketplace/profiles/{profile.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for moderation").click()

    # then they are told who reviews it, and they have no moderation queue of their own
    expect(
        page.get_by_text(
            "Your profile was sent to ParkLink's operators for review, since your organisation belongs "
            "to no network."
        )
    ).to_be_visible()
    page.goto("/marketplace/")
    expect(page.get_by_role("link", name="Moderation queue")).to_have_count(0)
    log_out(page)

    # and an operator finds it in their queue, marked as theirs alone, and publishes it
    secret = generate_totp_secret()
    TOTP.activate(operator, secret)
    log_in(page, operator.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", totp_code(secret))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.goto("/marketplace/")
    page.get_by_role("link", name="Moderation queue").click()
    row = page.locator("#moderation-queue tr", has_text=profile.reference)
    expect(row.get_by_text("This organisation belongs to no network")).to_be_visible()
    with page.expect_navigation():
        row.get_by_role("button", name="Publish").click()
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED


def test_ranking_over_all_time_and_a_custom_period(page, owner, park):
    # given a park whose only activity is older than a year
    hub = hub_services.hub_create(
        actor=owner,
        host=park,
        partner_country="TR",
        mandate="Set up a technology and innovation desk for Turkey with the other parks.",
        designated_by="Ministry of Science, Research and Technology",
        designated_on=datetime.date(2023, 1, 15),
    )
    visited_on = timezone.localdate() - datetime.timedelta(days=500)
    hub_services.interaction_log(
        actor=owner, hub=hub, kind="visit", title="Visit", occurred_on=visited_on, our_organisations=[park]
    )
    log_in(page, owner.email)

    # when they open the ranking, it shows the last year, without the park
    page.goto("/hubs/ranking/")
    expect(page.locator("#ranking-period-shown")).to_contain_text("Activity from")
    expect(page.locator("#ranking")).not_to_contain_text("Tabriz Science Park")

    # then over all time the park is there, and the page says so
    page.get_by_label("Period", exact=True).select_option("all")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.locator("#ranking-period-shown")).to_have_text("Activity of all time.")
    expect(page.locator("#ranking")).to_contain_text("Tabriz Science Park")

    # and a custom period that ends in the future is refused beside its field
    page.get_by_label("Period", exact=True).select_option("custom")
    page.get_by_label("From", exact=True).fill(visited_on.isoformat())
    page.get_by_label("To", exact=True).fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.locator("#to-errors")).to_have_text("The last day of the period cannot be in the future.")

    # and a custom period around the visit shows the park
    page.get_by_label("To", exact=True).fill(visited_on.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.locator("#ranking")).to_contain_text("Tabriz Science Park")
