# ruff: noqa: RUF001  (Persian digits are meant)
"""Time zones (issue #15): a brokerage day in Tabriz (Asia/Tehran, UTC+03:30) is shown at the venue's
clock with its zone named, and a viewer in Seoul (UTC+09:00) also sees their own time; forms take the
venue's clock; the API and the .ics file carry the zone; certificates carry the venue's day."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from conftest import logged_in_client
from core.timezones import ZONE_COOKIE_NAME
from events import calendar, services
from events.models import AttendanceCertificate, Event, Meeting, MeetingOutcome
from events.selectors import sessions_of
from events.tests.ics import parse, starts_of

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
# Between two times, English CLDR (babel) writes an en dash between thin spaces: 08:00 - 17:00.
TO = "\u2009\u2013\u2009"
API = "/api/v1"
# 08:00-17:00 in Tabriz is 04:30-13:30 UTC and 13:30-22:30 in Seoul.
OPENS = datetime.datetime(2027, 5, 12, 8, 0, tzinfo=TEHRAN)


@pytest.fixture
def tabriz_day(owner, park):
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Tabriz B2B Day: parks, regions; and start-ups",
        kind=Event.Kind.BROKERAGE,
        starts_at=OPENS,
        ends_at=OPENS + datetime.timedelta(hours=9),
        venue="Tabriz Science Park",
        city="Tabriz",
        time_zone="Asia/Tehran",
        meetings_start_at=OPENS + datetime.timedelta(hours=1),
        slot_minutes=30,
        slot_count=4,
        table_count=2,
    )
    services.session_add(
        actor=owner,
        event=event,
        title="Opening",
        starts_at=OPENS,
        ends_at=OPENS + datetime.timedelta(hours=1),
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    return event


@pytest.fixture
def seoul_person(company_person):
    person = company_person("Minji", country="KR")
    person.time_zone = "Asia/Seoul"
    person.save()
    return person


@pytest.fixture
def tehran_person(company_person):
    person = company_person("Parisa", country="IR")
    person.time_zone = "Asia/Tehran"
    person.save()
    return person


@pytest.fixture
def published_meeting(owner, tabriz_day, seoul_person, tehran_person, participant_of):
    seoul, tehran = participant_of(tabriz_day, seoul_person), participant_of(tabriz_day, tehran_person)
    request = services.meeting_request_send(
        actor=seoul_person, requester=seoul, recipient=tehran, message="Let us meet"
    )
    services.meeting_request_accept(actor=tehran_person, request=request)
    services.schedule_run(actor=owner, event=tabriz_day)
    services.agenda_publish(actor=owner, event=tabriz_day)
    return Meeting.objects.get()


def test_tehran_viewer_sees_the_venue_time_with_its_zone_and_nothing_else(tabriz_day, tehran_person):
    page = logged_in_client(tehran_person).get(reverse("events:event_detail", kwargs={"pk": tabriz_day.pk}))

    text = page.content.decode()
    assert f"08:00{TO}17:00 Iran Time (UTC+03:30)" in text
    assert "your time" not in text
    assert "UTC</p>" not in text


def test_seoul_viewer_sees_the_venue_time_and_their_own(tabriz_day, seoul_person):
    page = logged_in_client(seoul_person).get(reverse("events:event_detail", kwargs={"pk": tabriz_day.pk}))

    text = page.content.decode()
    assert f"08:00{TO}17:00 Iran Time (UTC+03:30)" in text
    # The viewer's part names their day too: "(May 12, 2027, 13:30 - 22:30 your time, Seoul)".
    assert f"13:30{TO}22:30 your time, Seoul)" in text
    assert 'datetime="2027-05-12T08:00:00+03:30"' in text


def test_an_anonymous_visitor_gets_their_browsers_zone_from_the_cookie(anonymous, tabriz_day):
    anonymous.cookies[ZONE_COOKIE_NAME] = "Asia/Seoul"

    text = anonymous.get(reverse("events:event_detail", kwargs={"pk": tabriz_day.pk})).content.decode()

    assert f"13:30{TO}22:30 your time, Seoul)" in text


def test_an_unknown_cookie_zone_falls_back_to_utc(anonymous, tabriz_day):
    anonymous.cookies[ZONE_COOKIE_NAME] = "Nowhere/Atlantis"

    text = anonymous.get(reverse("events:event_detail", kwargs={"pk": tabriz_day.pk})).content.decode()

    assert f"04:30{TO}13:30 your time, UTC)" in text


def test_persian_page_writes_the_venue_day_in_the_solar_hijri_calendar(tabriz_day, tehran_person):
    tehran_person.preferred_language = "fa"
    tehran_person.save()

    text = (
        logged_in_client(tehran_person)
        .get(reverse("events:event_detail", kwargs={"pk": tabriz_day.pk}))
        .content.decode()
    )

    # 12 May 2027 is 22 Ordibehesht 1406; 08:00 in Persian digits.
    assert "۲۲ اردیبهشت ۱۴۰۶" in text
    assert "۸:۰۰" in text


def test_agenda_names_the_venue_zone_and_gives_the_seoul_participant_their_time(
    published_meeting, tabriz_day, seoul_person, tehran_person
):
    seoul_page = logged_in_client(seoul_person).get(reverse("events:agenda", kwargs={"pk": tabriz_day.pk}))
    tehran_page = logged_in_client(tehran_person).get(reverse("events:agenda", kwargs={"pk": tabriz_day.pk}))

    starts = tabriz_day.slot_starts_at(published_meeting.slot).astimezone(TEHRAN)
    seoul_text, tehran_text = seoul_page.content.decode(), tehran_page.content.decode()
    assert "Time (Iran Time (UTC+03:30))" in seoul_text
    assert "Time (UTC)" not in seoul_text
    assert f"{starts:%H:%M}{TO}" in seoul_text
    seoul_start = starts.astimezone(zoneinfo.ZoneInfo("Asia/Seoul"))
    assert f"{seoul_start:%H:%M}{TO}" in seoul_text and "your time, Seoul" in seoul_text
    assert f"{starts:%H:%M}{TO}" in tehran_text
    assert "your time" not in tehran_text


def test_slot_picker_names_the_zone_and_the_viewers_own_time(tabriz_day, seoul_person, participant_of):
    participant_of(tabriz_day, seoul_person)

    page = logged_in_client(seoul_person).get(reverse("events:my_entry", kwargs={"pk": tabriz_day.pk}))
    text = page.content.decode()

    assert "Slots in which I cannot meet (Iran Time (UTC+03:30))" in text
    assert f"09:00{TO}09:30 (14:30{TO}15:00 your time, Seoul)" in text


def test_meeting_request_deadline_says_whose_clock_it_is(
    tabriz_day, seoul_person, tehran_person, participant_of
):
    seoul, tehran = participant_of(tabriz_day, seoul_person), participant_of(tabriz_day, tehran_person)
    request = services.meeting_request_send(
        actor=seoul_person, requester=seoul, recipient=tehran, message="Hi"
    )

    text = logged_in_client(tehran_person).get(
        reverse("events:meeting_requests", kwargs={"pk": tabriz_day.pk})
    )

    deadline = request.expires_at.astimezone(TEHRAN)
    assert f"{deadline:%H:%M} Iran Time (UTC+03:30)" in text.content.decode()


def test_event_form_reads_times_at_the_venue_whatever_the_organisers_own_zone(owner, park):
    owner.time_zone = "Asia/Seoul"
    owner.save()
    client = logged_in_client(owner)
    form = client.get(reverse("events:event_create")).content.decode()
    assert 'name="time_zone"' in form
    assert "The venue&#x27;s clock" in form or "The venue's clock" in form

    response = client.post(
        reverse("events:event_create"),
        {
            "title": "Tabriz Forum",
            "kind": "forum",
            "organisers": [park.pk],
            "starts_at": "2027-05-12T08:00",
            "ends_at": "2027-05-12T17:00",
            "venue": "Tabriz Science Park",
            "time_zone": "Asia/Tehran",
            "meeting_format": "tables",
            "slot_minutes": 30,
            "slot_count": 8,
            "table_count": 10,
            "request_expiry_hours": 72,
            "max_requests_per_participant": 20,
            "max_meetings_per_participant": 8,
            "survey_delay_hours": 24,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Tabriz Forum")
    assert event.time_zone == "Asia/Tehran"
    assert event.starts_at == datetime.datetime(2027, 5, 12, 4, 30, tzinfo=datetime.UTC)
    edit = client.get(reverse("events:event_edit", kwargs={"pk": event.pk})).content.decode()
    assert 'value="2027-05-12T08:00"' in edit


def test_an_unknown_zone_is_refused_and_nothing_saved(owner, park):
    response = logged_in_client(owner).post(
        reverse("events:event_create"),
        {
            "title": "Nowhere Forum",
            "kind": "forum",
            "organisers": [park.pk],
            "starts_at": "2027-05-12T08:00",
            "ends_at": "2027-05-12T17:00",
            "venue": "Somewhere",
            "time_zone": "Mars/Olympus_Mons",
        },
    )

    assert response.status_code == 200
    assert "is not a time zone" in response.content.decode()
    assert not Event.objects.filter(title="Nowhere Forum").exists()


def test_a_new_event_takes_its_organisations_zone(owner, park):
    park.time_zone = "Asia/Tehran"
    park.save()

    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Park lecture",
        kind=Event.Kind.LECTURE,
        starts_at=OPENS,
        ends_at=OPENS + datetime.timedelta(hours=1),
        venue="Hall A",
    )

    assert event.time_zone == "Asia/Tehran"


def test_api_gives_iso_times_with_the_venues_offset_and_the_zone(anonymous, tabriz_day):
    data = anonymous.get(f"{API}/events/{tabriz_day.pk}").json()

    assert data["time_zone"] == "Asia/Tehran"
    assert data["starts_at"] == "2027-05-12T08:00:00+03:30"
    assert data["ends_at"] == "2027-05-12T17:00:00+03:30"
    assert data["meetings_start_at"] == "2027-05-12T09:00:00+03:30"
    assert data["sessions"][0]["starts_at"] == "2027-05-12T08:00:00+03:30"
    listed = anonymous.get(f"{API}/events").json()["items"]
    assert [item["time_zone"] for item in listed if item["id"] == tabriz_day.pk] == ["Asia/Tehran"]


def test_api_reads_a_time_without_offset_as_the_venues_clock(api_client, owner, park):
    response = api_client(owner).post(
        f"{API}/events",
        {
            "title": "Tabriz lecture",
            "kind": "lecture",
            "organiser_ids": [park.pk],
            "starts_at": "2027-05-12T08:00:00",
            "ends_at": "2027-05-12T09:00:00",
            "venue": "Hall A",
            "time_zone": "Asia/Tehran",
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["starts_at"] == "2027-05-12T08:00:00+03:30"
    assert Event.objects.get(title="Tabriz lecture").starts_at == datetime.datetime(
        2027, 5, 12, 4, 30, tzinfo=datetime.UTC
    )


def test_api_refuses_an_unknown_zone(api_client, owner, park):
    response = api_client(owner).post(
        f"{API}/events",
        {
            "title": "Nowhere lecture",
            "kind": "lecture",
            "organiser_ids": [park.pk],
            "starts_at": "2027-05-12T08:00:00+03:30",
            "ends_at": "2027-05-12T09:00:00+03:30",
            "venue": "Hall A",
            "time_zone": "Mars/Olympus_Mons",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "time_zone" in response.content.decode()
    assert not Event.objects.filter(title="Nowhere lecture").exists()


def test_outsider_cannot_change_a_venues_zone_through_the_api(api_client, outsider, tabriz_day):
    response = api_client(outsider).put(
        f"{API}/events/{tabriz_day.pk}",
        {
            "title": tabriz_day.title,
            "kind": tabriz_day.kind,
            "organiser_ids": [],
            "starts_at": "2027-05-12T08:00:00+09:00",
            "ends_at": "2027-05-12T17:00:00+09:00",
            "venue": "Elsewhere",
            "time_zone": "Asia/Seoul",
        },
        content_type="application/json",
    )

    assert response.status_code in (403, 404)
    tabriz_day.refresh_from_db()
    assert tabriz_day.time_zone == "Asia/Tehran"


def test_calendar_file_has_tzid_vtimezone_and_the_right_instant(anonymous, tabriz_day):
    response = anonymous.get(reverse("events:event_calendar", kwargs={"pk": tabriz_day.pk}))
    data = response.content

    parsed = parse(data)  # strict: CRLF, 75 octets, UID and DTSTAMP, a VTIMEZONE for each TZID
    text = data.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "\r\nVERSION:2.0\r\n" in text and "\r\nPRODID:-//ParkLink//Events//EN\r\n" in text
    assert "\r\nMETHOD:PUBLISH\r\n" in text
    assert "DTSTART;TZID=Asia/Tehran:20270512T080000\r\n" in text
    assert [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")] == ["Asia/Tehran"]
    assert starts_of(data)[0] == tabriz_day.starts_at
    assert starts_of(data)[0].astimezone(datetime.UTC).hour == 4
    assert "SUMMARY:Tabriz B2B Day: parks\\, regions\\; and start-ups" in text
    assert all(event["UID"] and event["DTSTAMP"] for event in parsed.walk("VEVENT"))


def test_calendar_file_folds_long_unicode_lines_within_75_octets(tabriz_day):
    Event.objects.filter(pk=tabriz_day.pk).update(description="روز ملاقات‌های تجاری تبریز، " * 10)
    tabriz_day.refresh_from_db()

    data = calendar.event_calendar(tabriz_day, sessions_of(tabriz_day))

    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))
    assert b"\r\n " in data  # a continuation line
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert str(parse(data).walk("VEVENT")[0]["DESCRIPTION"]) == tabriz_day.description


def test_agenda_calendar_has_the_meeting_at_the_venues_clock(published_meeting, tabriz_day, seoul_person):
    response = logged_in_client(seoul_person).get(
        reverse("events:agenda_calendar", kwargs={"pk": tabriz_day.pk})
    )

    [start] = starts_of(response.content)
    assert start == tabriz_day.slot_starts_at(published_meeting.slot)
    assert str(start.tzinfo) == "Asia/Tehran"


def test_certificate_carries_the_venues_day_not_the_utc_one(owner, park, colleague):
    # 00:30 on 12 May in Tabriz is still 11 May in UTC.
    midnight_start = datetime.datetime(2027, 5, 12, 0, 30, tzinfo=TEHRAN)
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Night of science",
        kind=Event.Kind.FESTIVAL,
        starts_at=midnight_start,
        ends_at=midnight_start + datetime.timedelta(hours=3),
        venue="Tabriz",
        time_zone="Asia/Tehran",
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    registration = services.registration_create(actor=colleague, event=event)
    services.registration_check_in(actor=owner, registration=registration)

    logged_in_client(colleague).get(reverse("events:certificate_download", kwargs={"pk": registration.pk}))

    payload = AttendanceCertificate.objects.get().payload
    assert payload["starts_on"] == "2027-05-12"


def test_outcome_form_has_no_answer_chosen_and_requires_one(published_meeting, tabriz_day, seoul_person):
    Event.objects.filter(pk=tabriz_day.pk).update(survey_sent_at=OPENS)
    client = logged_in_client(seoul_person)

    page = client.get(reverse("events:agenda", kwargs={"pk": tabriz_day.pk})).content.decode()
    assert 'name="outcome" id="outcome-' in page and " required>" in page
    assert '<option value="">Choose what came of it</option>' in page
    assert " selected>" not in page.split('name="outcome"')[1].split("</select>")[0]

    response = client.post(
        reverse("events:meeting_outcome", kwargs={"pk": published_meeting.pk}), {"outcome": ""}
    )

    assert response.status_code == 302
    assert not MeetingOutcome.objects.exists()


def test_organisation_admin_sets_its_zone_through_the_api_and_an_outsider_cannot(
    api_client, owner, outsider, park
):
    url = f"{API}/organisations/{park.pk}"

    refused = api_client(outsider).patch(url, {"time_zone": "Asia/Seoul"}, content_type="application/json")
    response = api_client(owner).patch(url, {"time_zone": "Asia/Tehran"}, content_type="application/json")

    assert refused.status_code in (403, 404)
    assert response.status_code == 200
    assert response.json()["time_zone"] == "Asia/Tehran"
    park.refresh_from_db()
    assert park.time_zone == "Asia/Tehran"
