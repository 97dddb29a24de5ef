"""Flow: at the door, the organiser opens the check-in page; where the browser cannot read QR codes
from the camera the page says so, and the organiser checks people in by the code printed on the badge
or by finding their name."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events import services
from events.models import Event, Registration
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_organiser_checks_in_by_badge_code_and_by_name(page, owner, park, colleague, make_user):
    start = timezone.now() + datetime.timedelta(days=2)
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Training on licensing",
        kind=Event.Kind.TRAINING,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        venue="Room 4",
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    by_badge = services.registration_create(actor=colleague, event=event)
    by_name = services.registration_create(
        actor=make_user("leyla@example.org", full_name="Leyla Rahimova"), event=event
    )

    log_in(page, owner.email)
    page.goto(f"/events/{event.pk}/check-in/")
    page.get_by_role("button", name="Start the camera").click()
    status = page.locator("#scanner-result")
    status.wait_for()
    page.wait_for_function("document.getElementById('scanner-result').textContent.length > 0")
    assert re.search("cannot read QR codes|could not be opened", status.inner_text())

    page.get_by_label("Or type the code printed under the QR code").fill(by_badge.badge_code)
    with page.expect_navigation():
        page.locator("#code-form").get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Colleague Kaveh is checked in.")).to_be_visible()

    page.get_by_label("Name, email or organisation").fill("Leyla")
    with page.expect_navigation():
        page.locator("#check-in-search").get_by_role("button", name="Search").click()
    with page.expect_navigation():
        page.locator("#check-in-found").get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Leyla Rahimova is checked in.")).to_be_visible()
    assert (
        Registration.objects.filter(pk__in=[by_badge.pk, by_name.pk], checked_in_at__isnull=False).count()
        == 2
    )
