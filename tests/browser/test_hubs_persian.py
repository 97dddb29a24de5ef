"""A Persian-speaking park manager reads the hub and its briefing report in Persian: right to left,
with every date in the Solar Hijri calendar (the China hub of seed 001 opened on 1 Tir 1401)."""

import datetime

import pytest
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, Role
from hubs import services
from tests.browser.conftest import save_screenshot
from tests.browser.test_account_flows import log_in
from tests.browser.test_languages import choose_language

pytestmark = pytest.mark.browser


def test_persian_interface_shows_solar_hijri_dates_on_hub_and_report(page, make_user):
    eastaz = Organisation.objects.create(
        name="East Azerbaijan Science and Technology Park", kind=Organisation.Kind.SCIENCE_PARK, country="IR"
    )
    manager = make_user("manager@eastaz-park.example", full_name="Reza Manager")
    OrganisationMembership.objects.create(user=manager, organisation=eastaz, role=Role.ADMIN)
    hub = services.hub_create(
        actor=manager,
        host=eastaz,
        partner_country="CN",
        mandate="Technological interaction with China.",
        designated_by="Ministry of Science, Research and Technology",
        designated_on=datetime.date(2022, 6, 22),
    )
    services.interaction_log(
        actor=manager,
        hub=hub,
        kind="delegation",
        title="Delegation to Qingdao",
        occurred_on=datetime.date(2023, 3, 21),
    )

    log_in(page, manager.email)
    choose_language(page, "fa")
    page.goto(f"/hubs/{hub.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.get_by_text("۱ تیر ۱۴۰۱").first).to_be_visible()  # noqa: RUF001
    save_screenshot(page, "hubs-hub-fa")

    page.goto(f"/hubs/{hub.pk}/interactions/")
    expect(page.get_by_text("۱ فروردین ۱۴۰۲").first).to_be_visible()  # noqa: RUF001 (Nowruz 1402)

    page.goto(f"/hubs/{hub.pk}/")
    with page.expect_navigation():
        page.locator("#report-request button[type=submit]").click()
    page.locator("#report-pdf").wait_for()
    assert page.locator("svg.hubs-chart").count() >= 3
    expect(page.get_by_text("Delegation to Qingdao")).to_be_visible()
    expect(page.get_by_text("۱ فروردین ۱۴۰۲").first).to_be_visible()  # noqa: RUF001
    save_screenshot(page, "hubs-report-fa")
