"""The events API: the same permissions as the pages, read-only tokens refused on writes."""

import datetime

import pytest

from events import services
from events.models import Event, Meeting, MeetingRequest, Registration
from events.tests.ics import events_of

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_anonymous_lists_published_events_and_reads_one_with_its_calendar(anonymous, forum):
    listing = anonymous.get(f"{API}/events").json()
    assert listing["count"] == 1 and listing["items"][0]["title"] == forum.title
    detail = anonymous.get(f"{API}/events/{forum.pk}").json()
    assert detail["sessions"][0]["title"] == "Opening: parks, regions; and the Silk Road"
    assert detail["can_manage"] is False
    calendar = anonymous.get(f"{API}/events/{forum.pk}/calendar.ics")
    assert len(events_of(calendar.content)) == 2


def test_organiser_creates_event_adds_room_session_question_and_publishes(api_client, owner, park):
    client = api_client(owner)
    start = datetime.datetime(2031, 6, 1, 9, tzinfo=datetime.UTC)
    body = {
        "title": "Almaty Tech Festival",
        "kind": "festival",
        "organiser_ids": [park.pk],
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=8)).isoformat(),
        "venue": "Expo hall",
    }
    created = client.post(f"{API}/events", body, content_type="application/json")
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    room = client.post(
        f"{API}/events/{event_id}/rooms", {"name": "Main stage"}, content_type="application/json"
    )
    session = client.post(
        f"{API}/events/{event_id}/sessions",
        {
            "title": "Robots",
            "room_id": room.json()["id"],
            "starts_at": body["starts_at"],
            "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert session.status_code == 201
    question = client.post(
        f"{API}/events/{event_id}/questions",
        {"label": "T-shirt size", "kind": "choice", "choices": ["S", "M"]},
        content_type="application/json",
    )
    assert question.json()["choices"] == ["S", "M"]
    published = client.post(
        f"{API}/events/{event_id}/status", {"status": "published"}, content_type="application/json"
    )
    assert published.json()["status"] == "published"


def test_bad_event_input_names_the_field_and_saves_nothing(api_client, owner, park):
    body = {
        "title": "X",
        "kind": "forum",
        "organiser_ids": [park.pk],
        "starts_at": "2031-06-01T10:00:00Z",
        "ends_at": "2031-06-01T09:00:00Z",
        "venue": "Hall",
    }
    response = api_client(owner).post(f"{API}/events", body, content_type="application/json")
    assert response.status_code == 422
    assert "ends_at" in response.json()["errors"]
    assert not Event.objects.exists()


def test_read_only_token_cannot_register(api_client, colleague, forum):
    response = api_client(colleague, scope="read").post(
        f"{API}/events/{forum.pk}/registrations", {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_full_brokerage_flow_through_the_api(api_client, owner, brokerage, company_person):
    asel, bolot = company_person("Asel"), company_person("Bolot")
    asel_api, bolot_api, owner_api = api_client(asel), api_client(bolot), api_client(owner)
    for client in (asel_api, bolot_api):
        assert (
            client.post(
                f"{API}/events/{brokerage.pk}/registrations", {}, content_type="application/json"
            ).status_code
            == 201
        )
    me = asel_api.put(
        f"{API}/events/{brokerage.pk}/participants/me",
        {"headline": "Sensors for greenhouses", "offer": "IoT sensors", "seek": "Farms"},
        content_type="application/json",
    ).json()
    assert me["headline"] == "Sensors for greenhouses"
    availability = bolot_api.put(
        f"{API}/events/{brokerage.pk}/availability",
        {"unavailable_slots": [0]},
        content_type="application/json",
    )
    assert availability.json()["unavailable_slots"] == [0]
    participants = bolot_api.get(f"{API}/events/{brokerage.pk}/participants", {"q": "greenhouses"}).json()
    assert [p["name"] for p in participants["items"]] == ["Asel"]

    sent = bolot_api.post(
        f"{API}/events/{brokerage.pk}/meeting-requests",
        {"recipient_id": me["id"], "message": "Let us meet"},
        content_type="application/json",
    )
    assert sent.status_code == 201
    request_id = sent.json()["id"]
    assert bolot_api.post(f"{API}/meeting-requests/{request_id}/accept").status_code == 403
    accepted = asel_api.post(f"{API}/meeting-requests/{request_id}/accept")
    assert accepted.json()["status"] == "accepted"

    run = owner_api.post(f"{API}/events/{brokerage.pk}/schedule/run").json()
    assert run["run"]["scheduled"] == 1
    meeting = run["meetings"][0]
    assert meeting["slot"] != 0
    moved = owner_api.post(
        f"{API}/meetings/{meeting['id']}/move", {"slot": 3, "table": 1}, content_type="application/json"
    )
    assert (moved.json()["slot"], moved.json()["table"], moved.json()["locked"]) == (3, 1, True)
    unlocked = owner_api.post(
        f"{API}/meetings/{meeting['id']}/lock", {"locked": False}, content_type="application/json"
    )
    assert unlocked.json()["locked"] is False
    assert owner_api.post(f"{API}/events/{brokerage.pk}/schedule/publish").json()["published"] is True

    agenda = asel_api.get(f"{API}/events/{brokerage.pk}/agenda").json()
    assert agenda["final"] is True and agenda["meetings"][0]["with_participant"]["name"] == "Bolot"
    ics = asel_api.get(f"{API}/events/{brokerage.pk}/agenda.ics")
    assert events_of(ics.content)[0]["SUMMARY"].startswith("Meeting with Bolot")


def test_decline_through_the_api(api_client, brokerage, company_person, participant_of):
    asel, bolot = company_person("Asel"), company_person("Bolot")
    a, b = participant_of(brokerage, asel), participant_of(brokerage, bolot)
    request = services.meeting_request_send(actor=asel, requester=a, recipient=b, message="Hi")
    response = api_client(bolot).post(f"{API}/meeting-requests/{request.pk}/decline")
    assert response.json()["status"] == "declined"


def test_organiser_moderates_registrations_through_the_api(api_client, owner, forum, colleague):
    forum.moderated = True
    forum.save()
    registration = services.registration_create(actor=colleague, event=forum)
    client = api_client(owner)
    listing = client.get(f"{API}/events/{forum.pk}/registrations").json()
    assert listing["items"][0]["status"] == "pending"
    approved = client.post(f"{API}/registrations/{registration.pk}/approve").json()
    assert approved["status"] == "complete"
    checked = client.post(f"{API}/registrations/{registration.pk}/check-in").json()
    assert checked["checked_in_at"] is not None
    withdrawn = api_client(colleague).post(f"{API}/registrations/{registration.pk}/withdraw").json()
    assert withdrawn["status"] == "withdrawn"


def test_outsider_is_refused_by_every_endpoint(
    api_client, owner, outsider, brokerage, forum, company_person, participant_of
):
    asel, bolot = company_person("Asel"), company_person("Bolot")
    a, b = participant_of(brokerage, asel), participant_of(brokerage, bolot)
    request = services.meeting_request_send(actor=asel, requester=a, recipient=b, message="Hi")
    meeting = services.meeting_request_accept(actor=bolot, request=request)
    services.schedule_run(actor=owner, event=brokerage)
    registration = a.registration
    draft = services.event_create(
        actor=owner,
        organisers=[forum.organisers.get()],
        title="Draft",
        kind="forum",
        starts_at=forum.starts_at,
        ends_at=forum.ends_at,
        venue="Hall",
    )
    client = api_client(outsider)
    json_body = {"content_type": "application/json"}
    cases: list[tuple[str, str, dict | None, int]] = [
        ("get", f"/events/{draft.pk}", None, 404),
        ("get", f"/events/{draft.pk}/calendar.ics", None, 404),
        (
            "put",
            f"/events/{forum.pk}",
            {
                "title": "x",
                "kind": "forum",
                "organiser_ids": [],
                "starts_at": "2031-01-01T00:00:00Z",
                "ends_at": "2031-01-02T00:00:00Z",
            },
            403,
        ),
        ("post", f"/events/{forum.pk}/status", {"status": "cancelled"}, 403),
        ("post", f"/events/{forum.pk}/rooms", {"name": "x"}, 403),
        (
            "post",
            f"/events/{forum.pk}/sessions",
            {"title": "x", "starts_at": "2031-01-01T00:00:00Z", "ends_at": "2031-01-01T01:00:00Z"},
            403,
        ),
        ("post", f"/events/{forum.pk}/questions", {"label": "x"}, 403),
        ("post", f"/events/{draft.pk}/registrations", {}, 404),
        ("get", f"/events/{brokerage.pk}/registrations", None, 403),
        ("get", f"/registrations/{registration.pk}", None, 404),
        ("post", f"/registrations/{registration.pk}/approve", None, 404),
        ("post", f"/registrations/{registration.pk}/reject", {}, 404),
        ("post", f"/registrations/{registration.pk}/withdraw", None, 404),
        ("post", f"/registrations/{registration.pk}/check-in", None, 404),
        ("get", f"/events/{brokerage.pk}/participants", None, 403),
        ("get", f"/events/{brokerage.pk}/participants/me", None, 403),
        ("put", f"/events/{brokerage.pk}/participants/me", {}, 403),
        ("put", f"/events/{brokerage.pk}/availability", {"unavailable_slots": []}, 403),
        ("get", f"/events/{brokerage.pk}/meeting-requests", None, 403),
        ("post", f"/events/{brokerage.pk}/meeting-requests", {"recipient_id": a.pk, "message": "x"}, 403),
        ("post", f"/meeting-requests/{request.pk}/accept", None, 404),
        ("post", f"/meeting-requests/{request.pk}/decline", None, 404),
        ("get", f"/events/{brokerage.pk}/agenda", None, 403),
        ("get", f"/events/{brokerage.pk}/agenda.ics", None, 403),
        ("get", f"/events/{brokerage.pk}/schedule", None, 403),
        ("post", f"/events/{brokerage.pk}/schedule/run", None, 403),
        ("post", f"/events/{brokerage.pk}/schedule/publish", None, 403),
        ("post", f"/meetings/{meeting.pk}/lock", {"locked": True}, 404),
        ("post", f"/meetings/{meeting.pk}/move", {"slot": 0, "table": 0}, 404),
    ]
    for method, path, body, expected in cases:
        kwargs = {"data": body, **json_body} if body is not None else {}
        response = getattr(client, method)(f"{API}{path}", **kwargs)
        assert response.status_code == expected, (method, path, response.status_code, response.content[:200])
    assert client.get(f"{API}/registrations").json()["count"] == 0
    meeting.refresh_from_db()
    assert not meeting.locked
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.ACCEPTED
    assert Meeting.objects.count() == 1


def test_anonymous_without_token_is_refused_on_private_endpoints(anonymous, brokerage):
    assert anonymous.get(f"{API}/events/{brokerage.pk}/participants").status_code == 401
    assert (
        anonymous.post(
            f"{API}/events/{brokerage.pk}/registrations", {}, content_type="application/json"
        ).status_code
        == 401
    )


def test_event_list_endpoint_query_count_is_flat(
    anonymous, forum, owner, park, django_assert_max_num_queries
):
    for number in range(10):
        event = services.event_create(
            actor=owner,
            organisers=[park],
            title=f"Lecture {number}",
            kind="lecture",
            starts_at=forum.starts_at,
            ends_at=forum.ends_at,
            venue="Room",
        )
        services.event_set_status(actor=owner, event=event, status="published")
    with django_assert_max_num_queries(3):
        assert anonymous.get(f"{API}/events").json()["count"] == 11
