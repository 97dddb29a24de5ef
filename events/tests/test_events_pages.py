"""Event pages: public list and detail, drafts for organisers only, creating and organising an event,
the event's calendar file."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from events.models import Event, Session
from events.tests.ics import events_of

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_published_forum_and_its_timetable(anonymous, forum):
    listing = anonymous.get(reverse("events:event_list"))
    assert forum.title in listing.content.decode()
    page = anonymous.get(reverse("events:event_detail", kwargs={"pk": forum.pk}))
    assert page.status_code == 200
    assert "Opening: parks, regions; and the Silk Road" in page.content.decode()


def test_draft_is_hidden_from_outsider_and_anonymous_but_shown_to_organiser(
    owner, outsider, anonymous, forum
):
    forum.status = Event.Status.DRAFT
    forum.save()
    url = reverse("events:event_detail", kwargs={"pk": forum.pk})
    assert anonymous.get(url).status_code == 404
    assert logged_in_client(outsider).get(url).status_code == 404
    assert forum.title not in logged_in_client(outsider).get(reverse("events:event_list")).content.decode()
    assert logged_in_client(owner).get(url).status_code == 200


def test_owner_creates_event_from_page_and_bad_dates_keep_what_was_typed(owner, park):
    client = logged_in_client(owner)
    data = {
        "title": "Lecture on technology transfer",
        "kind": "lecture",
        "organisers": [park.pk],
        "starts_at": "2031-05-01T10:00",
        "ends_at": "2031-05-01T09:00",
        "venue": "Room 4",
        "slot_minutes": 30,
        "slot_count": 8,
        "table_count": 10,
        "request_expiry_hours": 72,
        "max_requests_per_participant": 20,
        "max_meetings_per_participant": 8,
        "survey_delay_hours": 24,
        "meeting_format": "tables",
    }
    refused = client.post(reverse("events:event_create"), data)
    assert refused.status_code == 200
    assert "The end must be after the start." in refused.content.decode()
    assert "Lecture on technology transfer" in refused.content.decode()
    assert not Event.objects.exists()

    data["ends_at"] = "2031-05-01T12:00"
    created = client.post(reverse("events:event_create"), data)
    event = Event.objects.get()
    assert created.status_code == 302
    assert event.status == Event.Status.DRAFT
    assert list(event.organisers.all()) == [park]


def test_outsider_cannot_create_event_for_park(outsider, park, other_organisation):
    client = logged_in_client(outsider)
    response = client.post(
        reverse("events:event_create"),
        {
            "title": "Fake",
            "kind": "forum",
            "organisers": [park.pk],
            "starts_at": "2031-05-01T10:00",
            "ends_at": "2031-05-01T12:00",
            "venue": "x",
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
    assert response.status_code == 200  # the park is not among the choices offered to the outsider
    assert not Event.objects.exists()


def test_organiser_adds_session_and_overlapping_session_in_same_room_is_refused(owner, forum):
    client = logged_in_client(owner)
    room = forum.rooms.get()
    start = forum.starts_at + datetime.timedelta(hours=2)
    url = reverse("events:event_manage", kwargs={"pk": forum.pk})
    fields = {
        "action": "session",
        "session-title": "Panel: financing start-ups",
        "session-room": room.pk,
        "session-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "session-ends_at": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    assert client.post(url, fields).status_code == 302
    fields["session-title"] = "Clash"
    refused = client.post(url, fields)
    assert "The room is taken by another session at that time." in refused.content.decode()
    assert not Session.objects.filter(title="Clash").exists()


def test_event_calendar_file_is_strict_icalendar_with_escaped_text(anonymous, forum):
    response = anonymous.get(reverse("events:event_calendar", kwargs={"pk": forum.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    entries = events_of(response.content)
    assert [entry["SUMMARY"] for entry in entries] == [
        "Tabriz Innovation Forum",
        "Opening: parks, regions; and the Silk Road",
    ]
    assert "Opening: parks\\, regions\\; and the Silk Road" in response.content.decode()
    assert entries[0]["DESCRIPTION"] == "Parks, start-ups and investors; talks, a panel; coffee."


def test_list_page_query_count_does_not_grow_with_events(
    anonymous, forum, owner, park, django_assert_max_num_queries
):
    from events import services

    for number in range(10):
        event = services.event_create(
            actor=owner,
            organisers=[park],
            title=f"Training {number}",
            kind="training",
            starts_at=forum.starts_at,
            ends_at=forum.ends_at,
            venue="Lab",
        )
        services.event_set_status(actor=owner, event=event, status="published")
    with django_assert_max_num_queries(6):
        response = anonymous.get(reverse("events:event_list"))
    page = response.content.decode()
    assert all(f"Training {number}<" in page for number in range(10))


def test_co_organiser_edits_event_and_keeps_the_other_organiser(owner, park, forum, other_organisation):
    forum.organisers.add(other_organisation)
    client = logged_in_client(owner)
    url = reverse("events:event_edit", kwargs={"pk": forum.pk})
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        title="Tabriz Innovation Forum 2031",
        organisers=[organisation.pk for organisation in forum.organisers.all()],
        starts_at=forum.starts_at.strftime("%Y-%m-%dT%H:%M"),
        ends_at=forum.ends_at.strftime("%Y-%m-%dT%H:%M"),
        description=forum.description,
        moderated="",
    )
    data = {key: value for key, value in data.items() if value not in ("", None, False)}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    forum.refresh_from_db()
    assert forum.title == "Tabriz Innovation Forum 2031"
    assert set(forum.organisers.all()) == {park, other_organisation}
