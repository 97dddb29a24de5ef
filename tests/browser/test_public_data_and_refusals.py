"""A newcomer's path (issue 16), items 2 and 11, walked in the browser:

- an anonymous visitor reads the directory, a network's page with its categories and fees, and the
  same data through the API without a token, and nothing that is members-only;
- a logged-in outsider who opens a brokerage participant list gets a styled page in her own language
  that says why and what to do next, not a bare "403 Forbidden"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events import services as event_services
from events.models import Event
from networks.models import MembershipCategory
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_an_anonymous_visitor_reads_public_pages_and_the_same_data_through_the_api(page, network, park):
    # given a network with a public category and fee, and a member park
    MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200"), currency="EUR", term_months=12
    )

    # when an anonymous visitor searches the directory
    page.goto("/organisations/?q=Tabriz")
    expect(page.get_by_role("link", name="Tabriz Science Park")).to_be_visible()

    # and opens the network's page
    page.goto(f"/networks/{network.pk}/")
    expect(page.get_by_text("Full member")).to_be_visible()
    expect(page.get_by_text("1200.00 EUR")).to_be_visible()

    # then the API, asked without a token, answers with the same records
    organisations = page.request.get("/api/v1/organisations?q=Tabriz")
    assert organisations.status == 200
    assert "Tabriz Science Park" in [item["name"] for item in organisations.json()["items"]]
    categories = page.request.get(f"/api/v1/networks/{network.pk}/categories")
    assert categories.status == 200
    assert [item["name"] for item in categories.json()] == ["Full member"]
    # while a members-only read still asks for a token, on the API as on the page
    assert page.request.get(f"/api/v1/networks/{network.pk}/settings").status == 401


def test_an_outsider_opening_a_participant_list_reads_why_in_her_language(page, owner, park, outsider):
    # given the park's brokerage day, which the outsider has not joined, and her interface in Persian
    starts_at = timezone.now() + datetime.timedelta(days=20)
    event = event_services.event_create(
        actor=owner,
        organisers=[park],
        title="Silk Road B2B Day",
        kind=Event.Kind.BROKERAGE,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        venue="Tabriz Science Park",
        meetings_start_at=starts_at + datetime.timedelta(hours=1),
        slot_minutes=30,
        slot_count=4,
        table_count=2,
    )
    event_services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    outsider.preferred_language = "fa"
    outsider.save(update_fields=["preferred_language"])

    # when she opens its participant list
    log_in(page, outsider.email)
    response = page.goto(f"/events/{event.pk}/participants/")

    # then the refusal is a styled page in Persian that says what to do next
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="مجاز نیست")).to_be_visible()
    expect(page.locator("#refusal-reason")).to_be_visible()
    expect(page.get_by_role("link", name="رفتن به صفحه اصلی")).to_be_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("nav").first).to_be_visible()  # the site's own frame, not a bare error
