"""Row locks of the events services, always taken in one order so that two writes can never wait on
each other (issue 14 item 15: locking and moving a meeting at once deadlocked).

The order: the event first, then its rows (meetings, meeting requests, registrations), several of them
by ascending id. Every lock names its own table only (`of=("self",)`), so a `select_related` never
locks a joined row behind the order's back. Every events service that locks goes through here."""

from collections.abc import Iterable

from django.db.models import Model, QuerySet

from events.models import Event, Meeting, MeetingRequest, Registration


def event_lock(event_id: int) -> Event:
    """Lock the event's row: the first lock any events write takes."""
    return Event.objects.select_for_update().get(pk=event_id)


def events_lock(events: QuerySet[Event]) -> list[Event]:
    """Lock several events, by ascending id (a sweep over many events)."""
    return list(events.select_for_update().order_by("pk"))


def _with_related[Row: Model](rows: QuerySet[Row], related: Iterable[str]) -> QuerySet[Row]:
    """`rows` with the relations named (none named: as they are; a bare select_related() is deprecated)."""
    fields = tuple(related)
    return rows.select_related(*fields) if fields else rows


def rows_lock[Row: Model](rows: QuerySet[Row]) -> list[Row]:
    """Lock rows that belong to events already locked, by ascending id, each of its own table only."""
    return list(rows.select_for_update(of=("self",)).order_by("pk"))


def first_row_lock[Row: Model](rows: QuerySet[Row]) -> Row | None:
    """Lock the first of `rows` in their own order (the event is locked already), or None."""
    return rows.select_for_update(of=("self",)).first()


def meeting_lock_with_event(meeting_id: int, *, related: Iterable[str] = ()) -> tuple[Event, Meeting]:
    meeting_event_id = Meeting.objects.values_list("event_id", flat=True).get(pk=meeting_id)
    event = event_lock(meeting_event_id)
    meeting = rows_lock(_with_related(Meeting.objects.filter(pk=meeting_id), related))[0]
    meeting.event = event
    return event, meeting


def request_lock_with_event(request_id: int, *, related: Iterable[str] = ()) -> MeetingRequest:
    request_event_id = MeetingRequest.objects.values_list("event_id", flat=True).get(pk=request_id)
    event = event_lock(request_event_id)
    request = rows_lock(_with_related(MeetingRequest.objects.filter(pk=request_id), related))[0]
    request.event = event
    return request


def registration_lock_with_event(registration_id: int) -> Registration:
    registration_event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    event = event_lock(registration_event_id)
    registration = rows_lock(Registration.objects.filter(pk=registration_id))[0]
    registration.event = event
    return registration
