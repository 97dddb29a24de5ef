"""Every page of the events app, visited by the outsider (a member of another organisation who did not
register) and by an anonymous visitor: public pages open, everything else is refused and nothing changes."""

import pytest
from django.urls import reverse

from conftest import logged_in_client
from events import services
from events.models import Event, Meeting, MeetingRequest, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(owner, forum, brokerage, company_person, participant_of):
    asel, bolot = company_person("Asel"), company_person("Bolot")
    a, b = participant_of(brokerage, asel), participant_of(brokerage, bolot)
    request = services.meeting_request_send(actor=asel, requester=a, recipient=b, message="Hi")
    meeting = services.meeting_request_accept(actor=bolot, request=request)
    services.schedule_run(actor=owner, event=brokerage)
    draft = services.event_create(
        actor=owner,
        organisers=[forum.organisers.get()],
        title="Draft",
        kind="forum",
        starts_at=forum.starts_at,
        ends_at=forum.ends_at,
        venue="Hall",
    )
    return {
        "forum": forum,
        "brokerage": brokerage,
        "draft": draft,
        "registration": a.registration,
        "participant": b,
        "request": request,
        "meeting": meeting,
    }


def _pages(world):
    forum, brokerage, draft = world["forum"].pk, world["brokerage"].pk, world["draft"].pk
    registration, request, meeting = world["registration"].pk, world["request"].pk, world["meeting"].pk
    participant = world["participant"].pk
    # (method, url name, kwargs, outsider status, anonymous status)
    return [
        ("get", "event_list", {}, 200, 200),
        ("get", "event_detail", {"pk": forum}, 200, 200),
        ("get", "event_detail", {"pk": draft}, 404, 404),
        ("get", "event_calendar", {"pk": forum}, 200, 200),
        ("get", "event_calendar", {"pk": draft}, 404, 404),
        ("get", "event_create", {}, 200, 302),  # the outsider administers its own organisation
        ("get", "event_edit", {"pk": forum}, 403, 302),
        ("post", "event_manage", {"pk": forum}, 403, 302),
        ("get", "register", {"pk": draft}, 404, 302),
        ("post", "registration_withdraw", {"pk": forum}, 404, 302),
        ("get", "registration_list", {"pk": forum}, 403, 302),
        ("get", "check_in", {"pk": forum}, 403, 302),
        ("post", "check_in_scan", {"pk": forum}, 403, 302),
        ("get", "participant_list", {"pk": brokerage}, 403, 302),
        ("get", "participant_detail", {"pk": brokerage, "participant_pk": participant}, 403, 302),
        ("get", "my_entry", {"pk": brokerage}, 403, 302),
        ("get", "meeting_requests", {"pk": brokerage}, 403, 302),
        ("get", "agenda", {"pk": brokerage}, 403, 302),
        ("get", "agenda_calendar", {"pk": brokerage}, 403, 302),
        ("get", "schedule", {"pk": brokerage}, 403, 302),
        ("post", "schedule_run", {"pk": brokerage}, 403, 302),
        ("post", "agenda_publish", {"pk": brokerage}, 403, 302),
        ("get", "statistics", {"pk": brokerage}, 403, 302),
        ("post", "registration_approve", {"pk": registration}, 404, 302),
        ("post", "registration_reject", {"pk": registration}, 404, 302),
        ("get", "badge_download", {"pk": registration}, 404, 302),
        ("get", "certificate_download", {"pk": registration}, 404, 302),
        ("post", "meeting_request_accept", {"pk": request}, 404, 302),
        ("post", "meeting_request_decline", {"pk": request}, 404, 302),
        ("post", "meeting_lock", {"pk": meeting}, 404, 302),
        ("post", "meeting_move", {"pk": meeting}, 404, 302),
        ("post", "meeting_outcome", {"pk": meeting}, 404, 302),
        ("get", "certificate_verify_upload", {}, 200, 200),
    ]


def test_outsider_and_anonymous_get_only_public_pages(world, outsider, anonymous):
    outsider_client = logged_in_client(outsider)
    for method, name, kwargs, outsider_status, anonymous_status in _pages(world):
        url = reverse(f"events:{name}", kwargs=kwargs)
        assert getattr(outsider_client, method)(url).status_code == outsider_status, ("outsider", name)
        assert getattr(anonymous, method)(url).status_code == anonymous_status, ("anonymous", name)
    assert Event.objects.get(pk=world["forum"].pk).status == Event.Status.PUBLISHED
    assert not Registration.objects.filter(user=outsider).exists()
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.ACCEPTED
    assert not Meeting.objects.filter(locked=True).exists()
    assert world["brokerage"].schedule_runs.count() == 1


def test_organiser_and_participant_open_their_pages(world, owner):
    organiser = logged_in_client(owner)
    forum, brokerage = world["forum"].pk, world["brokerage"].pk
    for name, kwargs in (
        ("event_create", {}),
        ("event_edit", {"pk": forum}),
        ("event_manage", {"pk": forum}),
        ("registration_list", {"pk": brokerage}),
        ("check_in", {"pk": brokerage}),
        ("participant_list", {"pk": brokerage}),
        ("schedule", {"pk": brokerage}),
        ("statistics", {"pk": brokerage}),
        ("event_detail", {"pk": world["draft"].pk}),
    ):
        assert organiser.get(reverse(f"events:{name}", kwargs=kwargs)).status_code == 200, name
    participant = logged_in_client(world["registration"].user)
    for name, kwargs in (
        ("event_detail", {"pk": brokerage}),
        ("participant_list", {"pk": brokerage}),
        ("participant_detail", {"pk": brokerage, "participant_pk": world["participant"].pk}),
        ("my_entry", {"pk": brokerage}),
        ("meeting_requests", {"pk": brokerage}),
        ("agenda", {"pk": brokerage}),
        ("agenda_calendar", {"pk": brokerage}),
        ("badge_download", {"pk": world["registration"].pk}),
    ):
        assert participant.get(reverse(f"events:{name}", kwargs=kwargs)).status_code == 200, name
