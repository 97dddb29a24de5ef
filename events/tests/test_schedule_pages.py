"""Organisers run the scheduler, inspect the preliminary agenda, lock and move meetings, re-run without
disturbing locked ones, and publish the final agenda; participants are notified and see their agenda."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse

from conftest import logged_in_client
from core.models import Notification
from events import services
from events.models import Meeting, ScheduleRun
from events.tests.ics import events_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_meetings(brokerage, company_person, participant_of):
    """Four participants, three accepted meetings (one mutual) among them."""
    people = [company_person(name) for name in ("Asel", "Bolot", "Chyngyz", "Dinara")]
    entries = [participant_of(brokerage, person) for person in people]
    for i, j in ((0, 1), (0, 2), (2, 3)):
        request = services.meeting_request_send(
            actor=people[i], requester=entries[i], recipient=entries[j], message="Hi"
        )
        services.meeting_request_accept(actor=people[j], request=request)
    services.meeting_request_send(actor=people[3], requester=entries[3], recipient=entries[0], message="Hi")
    services.meeting_request_send(actor=people[0], requester=entries[0], recipient=entries[3], message="Hi")
    return people, entries


def _assert_valid_schedule(event):
    placed = list(Meeting.objects.filter(event=event, slot__isnull=False).select_related("a", "b"))
    seen_people, seen_tables = set(), set()
    for meeting in placed:
        assert meeting.slot is not None and meeting.table is not None
        assert 0 <= meeting.slot < event.slot_count and 0 <= meeting.table < event.table_count
        assert (meeting.slot, meeting.table) not in seen_tables
        seen_tables.add((meeting.slot, meeting.table))
        for person in (meeting.a, meeting.b):
            assert meeting.slot not in person.unavailable_slots
            assert (person.pk, meeting.slot) not in seen_people
            seen_people.add((person.pk, meeting.slot))
    return placed


def test_organiser_runs_scheduler_locks_moves_reruns_and_publishes(owner, brokerage, accepted_meetings):
    people, entries = accepted_meetings
    services.availability_set(actor=people[0], participant=entries[0], unavailable_slots=[0])
    client = logged_in_client(owner)
    client.post(reverse("events:schedule_run", kwargs={"pk": brokerage.pk}))
    run = ScheduleRun.objects.get()
    assert (run.scheduled, run.unscheduled, run.upper_bound) == (4, 0, 4)
    placed = _assert_valid_schedule(brokerage)
    assert len(placed) == 4
    page = client.get(reverse("events:schedule", kwargs={"pk": brokerage.pk}))
    assert "4 meetings scheduled (at most 4 possible)" in page.content.decode()

    # when the organiser moves one meeting by hand (it is locked there) and re-runs the scheduler
    moved = Meeting.objects.get(a=entries[2], b=entries[3])  # each of the two has one other meeting
    busy = set(
        Meeting.objects.filter(Q(a__in=entries[2:]) | Q(b__in=entries[2:])).values_list("slot", flat=True)
    )
    free_slot = next(s for s in range(brokerage.slot_count) if s not in busy)
    table = 1 if Meeting.objects.filter(slot=free_slot, table=0).exists() else 0
    client.post(
        reverse("events:meeting_move", kwargs={"pk": moved.pk}), {"slot": free_slot, "table": table + 1}
    )
    moved.refresh_from_db()
    assert (moved.slot, moved.table, moved.locked) == (free_slot, table, True)
    client.post(reverse("events:schedule_run", kwargs={"pk": brokerage.pk}))
    moved.refresh_from_db()
    assert (moved.slot, moved.table) == (free_slot, table)
    assert len(_assert_valid_schedule(brokerage)) == 4

    client.post(reverse("events:agenda_publish", kwargs={"pk": brokerage.pk}))
    brokerage.refresh_from_db()
    assert brokerage.agenda_published_at is not None
    assert Notification.objects.filter(topic="events.agenda_final").count() == 4

    agenda = logged_in_client(people[0]).get(reverse("events:agenda_calendar", kwargs={"pk": brokerage.pk}))
    entries_in_file = events_of(agenda.content)
    assert len(entries_in_file) == Meeting.objects.filter(slot__isnull=False).filter(a=entries[0]).count() + (
        Meeting.objects.filter(slot__isnull=False, b=entries[0]).count()
    )
    assert all(entry["SUMMARY"].startswith("Meeting with ") for entry in entries_in_file)


def test_moving_a_meeting_onto_a_busy_table_or_unavailable_slot_is_refused(
    owner, brokerage, accepted_meetings
):
    people, entries = accepted_meetings
    services.schedule_run(actor=owner, event=brokerage)
    first, second = Meeting.objects.filter(slot__isnull=False)[:2]
    assert second.slot is not None and second.table is not None
    with pytest.raises(ValidationError):
        services.meeting_move(actor=owner, meeting=first, slot=second.slot, table=second.table)
    services.availability_set(actor=people[3], participant=entries[3], unavailable_slots=[3])
    meeting = (
        Meeting.objects.filter(b=entries[3]).exclude(a=entries[0]).first()
        or Meeting.objects.filter(a=entries[3]).first()
    )
    assert meeting is not None
    with pytest.raises(ValidationError, match="not available"):
        services.meeting_move(actor=owner, meeting=meeting, slot=3, table=1)


def test_participant_sees_no_agenda_before_publication(brokerage, accepted_meetings, owner):
    people, _entries = accepted_meetings
    services.schedule_run(actor=owner, event=brokerage)
    page = logged_in_client(people[0]).get(reverse("events:agenda", kwargs={"pk": brokerage.pk}))
    assert "have not published the final agenda" in page.content.decode()


def test_participant_and_outsider_cannot_run_lock_move_or_publish(
    brokerage, accepted_meetings, outsider, owner
):
    people, _entries = accepted_meetings
    services.schedule_run(actor=owner, event=brokerage)
    meeting = Meeting.objects.filter(slot__isnull=False).order_by("pk")[0]
    for person in (people[0], outsider):
        client = logged_in_client(person)
        assert client.get(reverse("events:schedule", kwargs={"pk": brokerage.pk})).status_code == 403
        assert client.post(reverse("events:schedule_run", kwargs={"pk": brokerage.pk})).status_code == 403
        assert client.post(reverse("events:agenda_publish", kwargs={"pk": brokerage.pk})).status_code == 403
    assert (
        logged_in_client(outsider)
        .post(reverse("events:meeting_lock", kwargs={"pk": meeting.pk}), {"locked": "1"})
        .status_code
        == 404
    )
    assert (
        logged_in_client(outsider)
        .post(reverse("events:meeting_move", kwargs={"pk": meeting.pk}), {"slot": 0, "table": 1})
        .status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.meeting_lock(actor=people[0], meeting=meeting, locked=True)
    assert ScheduleRun.objects.count() == 1
    assert not Meeting.objects.filter(locked=True).exists()


def test_meetings_of_someone_who_withdrew_are_left_out_of_the_next_run(owner, brokerage, accepted_meetings):
    people, entries = accepted_meetings
    services.schedule_run(actor=owner, event=brokerage)
    services.registration_withdraw(actor=people[3], registration=entries[3].registration)
    run = services.schedule_run(actor=owner, event=brokerage)
    assert run.scheduled == 2
    assert not Meeting.objects.filter(Q(a=entries[3]) | Q(b=entries[3]), slot__isnull=False).exists()
