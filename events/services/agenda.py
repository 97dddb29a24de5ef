"""The brokerage agenda: running the scheduler, organisers' locks and moves, publishing the agenda."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from directory.services import field_error
from events import scheduling
from events.models import Event, Meeting, Participant, ScheduleRun
from events.services._shared import Status, _deny_unless_organiser, _notify, _record
from events.services.locks import event_lock, meeting_lock_with_event, rows_lock

SCHEDULE_TIME_LIMIT_SECONDS = 20.0


def scheduling_instance(event: Event, meetings: list[Meeting]) -> scheduling.Instance:
    """The event's accepted meetings as a solver instance; locked meetings stay where they are."""
    participants = {}
    for meeting in meetings:
        for person in (meeting.a, meeting.b):
            participants[person.pk] = scheduling.Participant(
                id=str(person.pk),
                unavailable=frozenset(s for s in person.unavailable_slots if 0 <= s < event.slot_count),
                max_meetings=event.max_meetings_per_participant,
            )
    locked = [
        {"meeting": str(m.pk), "slot": m.slot, "table": m.table}
        for m in meetings
        if m.locked and m.slot is not None and m.table is not None
    ]
    data = {
        "slots": event.slot_count,
        "tables": event.table_count,
        "participants": [
            {"id": p.id, "unavailable": sorted(p.unavailable), "max_meetings": p.max_meetings}
            for p in participants.values()
        ],
        "meetings": [
            {"id": str(m.pk), "a": str(m.a_id), "b": str(m.b_id), "mutual": m.mutual} for m in meetings
        ],
        "locked": locked,
    }
    try:
        return scheduling.parse_instance(data)
    except scheduling.InstanceError as error:  # locks contradicting availability changed since
        raise field_error(
            "__all__",
            _("The locked meetings conflict: %(detail)s"),
            code="bad_locks",
            params={"detail": str(error)},
        ) from error


@transaction.atomic
def schedule_run(
    *, actor: Any, event: Event, time_limit_seconds: float = SCHEDULE_TIME_LIMIT_SECONDS
) -> ScheduleRun:
    """Run the solver over the accepted meetings; locked meetings keep their slot and table."""
    _deny_unless_organiser(actor, event)
    event = event_lock(event.pk)
    if not event.is_brokerage:
        raise field_error(
            "__all__", _("Only a brokerage event has meetings to schedule."), code="not_brokerage"
        )
    meetings = rows_lock(event.meetings.select_related("a__registration", "b__registration"))
    # Someone who withdrew (or was rejected) since accepting keeps no meeting.
    current = [
        meeting
        for meeting in meetings
        if meeting.a.registration.status == Status.COMPLETE
        and meeting.b.registration.status == Status.COMPLETE
    ]
    result = scheduling.schedule(scheduling_instance(event, current), time_limit_seconds=time_limit_seconds)
    placed = {meeting_id: (slot, table) for meeting_id, slot, table in result.assignments}
    for meeting in meetings:
        slot, table = placed.get(str(meeting.pk), (None, None))
        if (meeting.slot, meeting.table) != (slot, table) or (meeting.locked and slot is None):
            meeting.slot, meeting.table = slot, table
            meeting.locked = meeting.locked and slot is not None
            meeting.save(update_fields=["slot", "table", "locked", "updated_at"])
    run = ScheduleRun.objects.create(
        event=event,
        run_by=actor if actor.is_authenticated else None,
        scheduled=len(result.assignments),
        unscheduled=len(result.unscheduled),
        upper_bound=result.upper_bound,
        idle_gaps=result.idle_gaps,
        seconds=result.seconds,
    )
    _record(
        actor=actor,
        event=event,
        action="schedule_run",
        target=run,
        changes={"scheduled": run.scheduled, "unscheduled": run.unscheduled, "upper_bound": run.upper_bound},
    )
    return run


@transaction.atomic
def meeting_lock(*, actor: Any, meeting: Meeting, locked: bool) -> Meeting:
    _deny_unless_organiser(actor, meeting.event)
    _event, meeting = meeting_lock_with_event(meeting.pk)
    if locked and meeting.slot is None:
        raise field_error(
            "__all__",
            _("Only a scheduled meeting can be locked; move it into a slot first."),
            code="unscheduled",
        )
    meeting.locked = locked
    meeting.save(update_fields=["locked", "updated_at"])
    _record(
        actor=actor,
        event=meeting.event,
        action="meeting_locked" if locked else "meeting_unlocked",
        target=meeting,
        changes={},
    )
    return meeting


@transaction.atomic
def meeting_move(*, actor: Any, meeting: Meeting, slot: int, table: int) -> Meeting:
    """Put a meeting in a slot at a table by hand; it is locked there so that re-runs keep it."""
    _deny_unless_organiser(actor, meeting.event)
    event, meeting = meeting_lock_with_event(meeting.pk, related=("a", "b"))
    if not 0 <= slot < event.slot_count:
        raise field_error("slot", _("Choose a slot of this event."), code="invalid_slot")
    if not 0 <= table < event.table_count:
        raise field_error("table", _("Choose a table of this event."), code="invalid_table")
    for person in (meeting.a, meeting.b):
        if slot in person.unavailable_slots:
            raise field_error(
                "slot",
                format_lazy(_("{name} is not available in that slot."), name=str(person)),
                code="unavailable",
            )
    others = event.meetings.exclude(pk=meeting.pk).filter(slot=slot)
    if others.filter(table=table).exists():
        raise field_error("table", _("Another meeting has that table in that slot."), code="table_taken")
    if others.filter(Q(a__in=[meeting.a, meeting.b]) | Q(b__in=[meeting.a, meeting.b])).exists():
        raise field_error("slot", _("One of the two already has a meeting in that slot."), code="person_busy")
    before = [meeting.slot, meeting.table]
    meeting.slot, meeting.table, meeting.locked = slot, table, True
    meeting.save(update_fields=["slot", "table", "locked", "updated_at"])
    _record(
        actor=actor,
        event=event,
        action="meeting_moved",
        target=meeting,
        changes={"slot_table": [before, [slot, table]]},
    )
    return meeting


@transaction.atomic
def agenda_publish(*, actor: Any, event: Event, now: datetime.datetime | None = None) -> Event:
    """Publish the final agenda: every participant with a scheduled meeting is notified."""
    from django.urls import reverse

    _deny_unless_organiser(actor, event)
    event = event_lock(event.pk)
    if not event.meetings.filter(slot__isnull=False).exists():
        raise field_error(
            "__all__", _("Run the scheduler before publishing the agenda."), code="nothing_scheduled"
        )
    event.agenda_published_at = now or timezone.now()
    event.save(update_fields=["agenda_published_at", "updated_at"])
    people = {
        participant.registration.user
        for participant in Participant.objects.filter(event=event)
        .filter(Q(meetings_as_a__slot__isnull=False) | Q(meetings_as_b__slot__isnull=False))
        .select_related("registration__user")
        .distinct()
    }
    _record(
        actor=actor,
        event=event,
        action="agenda_published",
        target=event,
        changes={"participants": len(people)},
    )
    _notify(
        sorted(people, key=lambda user: user.pk),
        "events.agenda_final",
        format_lazy(_("Your meeting agenda for {event} is final"), event=event.title),
        reverse("events:agenda", kwargs={"pk": event.pk}),
    )
    return event
