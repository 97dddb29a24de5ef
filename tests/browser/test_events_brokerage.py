"""Flow: a company registers for a brokerage day, asks another participant for a meeting, which is
accepted; the organiser runs the scheduler and publishes the agenda; the company downloads its agenda
as an .ics file that a strict iCalendar reader accepts."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, Role
from events import services
from events.models import Event, Meeting, Registration
from events.tests.ics import events_of
from tests.browser.conftest import save_screenshot
from tests.browser.test_account_flows import log_in, log_out

pytestmark = pytest.mark.browser


def _company_person(make_user, name: str, country: str):
    organisation = Organisation.objects.create(
        name=f"{name} Systems", kind=Organisation.Kind.COMPANY, country=country
    )
    user = make_user(f"{name.lower()}@{name.lower()}-systems.example", full_name=f"{name} Example")
    OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    return user, organisation


def test_register_request_accept_schedule_and_download_agenda_ics(
    page, owner, park, make_user, tmp_path: Path
):
    # given a published brokerage day of the park, and a company already registered with an entry
    start = (timezone.now() + datetime.timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Tabriz B2B Day",
        kind=Event.Kind.BROKERAGE,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        venue="Tabriz Science Park, Hall B",
        meetings_start_at=start + datetime.timedelta(hours=1),
        slot_minutes=20,
        slot_count=6,
        table_count=3,
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    aibek, aibek_company = _company_person(make_user, "Aibek", "KG")
    dana, dana_company = _company_person(make_user, "Dana", "KZ")
    dana_entry = services.registration_create(actor=dana, event=event, organisation=dana_company).participant
    services.participant_update(
        actor=dana,
        participant=dana_entry,
        headline="Drip irrigation; sensors, controllers",
        offer="Hardware",
        seek="Distributors",
    )

    # when Aibek registers from the event's page
    log_in(page, aibek.email)
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("On behalf of").select_option(str(aibek_company.pk))
    with page.expect_navigation():
        page.locator("#registration-form").get_by_role("button", name="Register").click()
    expect(page.locator("#registration-status").get_by_text("Registered")).to_be_visible()
    assert Registration.objects.get(user=aibek).status == Registration.Status.COMPLETE

    # and asks Dana for a meeting from the participants' list
    page.get_by_role("link", name="Participants").click()
    page.get_by_role("link", name=re.compile("Dana Example")).click()
    page.get_by_label("Message").fill("We distribute irrigation hardware in Kyrgyzstan; shall we talk?")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#requests-sent").get_by_text("Waiting for an answer")).to_be_visible()
    log_out(page)

    # and Dana accepts it
    log_in(page, dana.email)
    page.goto(f"/events/{event.pk}/requests/")
    received = page.locator("#requests-received")
    expect(received.get_by_text("We distribute irrigation hardware")).to_be_visible()
    with page.expect_navigation():
        received.get_by_role("button", name="Accept").click()
    assert Meeting.objects.filter(event=event).count() == 1
    log_out(page)

    # and the organiser runs the scheduler, inspects the preliminary agenda and publishes it
    log_in(page, owner.email)
    page.goto(f"/events/{event.pk}/schedule/")
    with page.expect_navigation():
        page.get_by_role("button", name="Run the scheduler").click()
    expect(
        page.locator("#schedule-run").get_by_text("1 meeting scheduled (at most 1 possible)")
    ).to_be_visible()
    expect(page.locator("#schedule-grid").get_by_text("Aibek Example · Dana Example")).to_be_visible()
    save_screenshot(page, "events-schedule-preliminary")
    publish = page.locator("#agenda-publish")
    publish.locator("summary", has_text="Publish the final agenda…").click()  # the confirmation step
    with page.expect_navigation():
        publish.get_by_role("button", name="Yes, publish and notify 2 participants").click()
    log_out(page)

    # then Aibek downloads the agenda, and a strict iCalendar reader reads the meeting back
    log_in(page, aibek.email)
    page.goto(f"/events/{event.pk}/agenda/")
    expect(page.locator("#agenda").get_by_text("Dana Example")).to_be_visible()
    save_screenshot(page, "events-agenda")
    with page.expect_download() as download_info:
        page.locator("#agenda-ics").click()
    path = tmp_path / "agenda.ics"
    download_info.value.save_as(path)
    [entry] = events_of(path.read_bytes())
    meeting = Meeting.objects.get()
    assert meeting.slot is not None and meeting.table is not None
    assert entry["SUMMARY"] == "Meeting with Dana Example (Dana Systems)"
    assert entry["DTSTART"] == event.slot_starts_at(meeting.slot).astimezone(datetime.UTC).strftime(
        "%Y%m%dT%H%M%SZ"
    )
    assert entry["LOCATION"] == f"Table {meeting.table + 1}, Tabriz Science Park, Hall B"
    assert entry["DESCRIPTION"] == "Drip irrigation; sensors, controllers"
