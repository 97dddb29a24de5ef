"""Flow (issue #15): the agenda of a brokerage day in Tabriz (Asia/Tehran) read in Persian by a
participant in Tehran and in Korean by one in Seoul. Both see the venue's clock with its zone named;
the Seoul participant also sees their own time. The browser reports its own zone to the server."""

import datetime
import zoneinfo
from pathlib import Path

import pytest
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, Role
from events import services
from events.models import Event
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


def _person(make_user, name: str, country: str, language: str, zone: str):
    organisation = Organisation.objects.create(
        name=f"{name} Systems", kind=Organisation.Kind.COMPANY, country=country
    )
    user = make_user(
        f"{name.lower()}@{name.lower()}-systems.example",
        full_name=f"{name} Example",
        preferred_language=language,
        time_zone=zone,
    )
    OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    return user, organisation


def _screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def test_agenda_in_persian_and_korean_names_the_venue_zone(page, owner, park, make_user, tmp_path: Path):
    # given a published brokerage day in Tabriz, 08:00-17:00 at the venue, with one scheduled meeting
    opens = datetime.datetime(2027, 5, 12, 8, 0, tzinfo=TEHRAN)
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Tabriz B2B Day",
        kind=Event.Kind.BROKERAGE,
        starts_at=opens,
        ends_at=opens + datetime.timedelta(hours=9),
        venue="Tabriz Science Park",
        time_zone="Asia/Tehran",
        meetings_start_at=opens + datetime.timedelta(hours=1),
        slot_minutes=30,
        slot_count=4,
        table_count=2,
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    parisa, parisa_company = _person(make_user, "Parisa", "IR", "fa", "Asia/Tehran")
    minji, minji_company = _person(make_user, "Minji", "KR", "ko", "Asia/Seoul")
    tehran = services.registration_create(actor=parisa, event=event, organisation=parisa_company).participant
    seoul = services.registration_create(actor=minji, event=event, organisation=minji_company).participant
    request = services.meeting_request_send(actor=minji, requester=seoul, recipient=tehran, message="Hello")
    services.meeting_request_accept(actor=parisa, request=request)
    services.schedule_run(actor=owner, event=event)
    services.agenda_publish(actor=owner, event=event)

    # when the Tehran participant opens her agenda in Persian
    log_in(page, parisa.email)
    page.goto(f"/events/{event.pk}/agenda/")

    # then the column names Iran's time, in Persian digits, and no second time is shown
    agenda = page.locator("#agenda")
    expect(agenda.get_by_role("columnheader").first).to_contain_text("وقت ایران")
    expect(agenda.get_by_role("columnheader").first).to_contain_text("UTC+۰۳:۳۰")
    expect(agenda.get_by_text("Minji Example")).to_be_visible()
    expect(agenda.locator("tbody tr").first).not_to_contain_text("Seoul")
    _screenshot(page, tmp_path, "agenda-fa-tehran")
    page.context.clear_cookies()

    # when the Seoul participant opens hers in Korean
    log_in(page, minji.email)
    page.goto(f"/events/{event.pk}/agenda/")

    # then the column names Iran's time in Korean, and each meeting also shows Seoul's time
    agenda = page.locator("#agenda")
    expect(agenda.get_by_role("columnheader").first).to_contain_text("이란 시간")
    expect(agenda.get_by_text("Parisa Example")).to_be_visible()
    expect(agenda.locator("tbody tr").first).to_contain_text("서울")
    _screenshot(page, tmp_path, "agenda-ko-seoul")


def test_the_browser_reports_its_zone_for_visitors_and_at_sign_up(page):
    # given a visitor's browser
    page.goto("/accounts/signup/")
    browser_zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")

    # then the sign-up form carries the zone, and a cookie keeps it for the next pages
    expect(page.locator("input[name=time_zone]")).to_have_value(browser_zone)
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert cookies["parklink_tz"] == browser_zone
