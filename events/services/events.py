"""Events themselves: creating, editing, publishing or cancelling them, their rooms, timetable and
registration questions."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless, is_platform_operator
from core.timezones import is_time_zone, zone_info
from core.validators import validate_web_url
from directory.models import Organisation
from directory.services import field_error
from events.models import Event, RegistrationQuestion, Room, Session
from events.selectors import admin_organisation_ids
from events.services._shared import _deny_unless_organiser, _record
from events.services.locks import event_lock

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "city",
    "time_zone",
    "online_url",
    "capacity",
    "moderated",
    "meeting_format",
    "meetings_start_at",
    "slot_minutes",
    "slot_count",
    "table_count",
    "request_expiry_hours",
    "max_requests_per_participant",
    "max_meetings_per_participant",
    "survey_delay_hours",
)


def _venue_zone(event: Event, organisers: Iterable[Organisation]) -> str:
    """The zone given, else the first organiser's (an event created by an organisation takes its
    zone), else UTC."""
    zone = (event.time_zone or "").strip()
    if zone:
        return zone
    return next((o.time_zone for o in organisers if o.time_zone and is_time_zone(o.time_zone)), "UTC")


def _read_times_at_venue(event: Event) -> None:
    """A time given without an offset (an API client's "2026-05-12T08:00") is the venue's clock."""
    zone = zone_info(event.time_zone)
    for name in ("starts_at", "ends_at", "meetings_start_at"):
        value = getattr(event, name)
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            setattr(event, name, value.replace(tzinfo=zone))


def _check_event(event: Event) -> None:
    event.title = (event.title or "").strip()
    if not event.title:
        raise field_error("title", _("This field is required."), code="required")
    if not is_time_zone(event.time_zone):
        raise field_error(
            "time_zone",
            _("Choose a time zone from the list, such as Asia/Tehran."),
            code="invalid_time_zone",
        )
    _read_times_at_venue(event)
    if event.kind not in Event.Kind.values:
        raise field_error("kind", _("Choose one of the offered kinds."), code="invalid")
    if event.ends_at <= event.starts_at:
        raise field_error("ends_at", _("The end must be after the start."), code="ends_before_start")
    event.online_url = validate_web_url("online_url", event.online_url)
    if not event.venue and not event.online_url:
        raise field_error("venue", _("Give a venue, an online link, or both."), code="no_place")
    if event.is_brokerage:
        if event.slot_count < 1 or event.table_count < 1 or event.slot_minutes < 5:
            raise field_error(
                "slot_count",
                _("A brokerage needs at least one slot of five minutes and one table."),
                code="slots",
            )
        start = event.meetings_start_at or event.starts_at
        if start < event.starts_at or event.slot_ends_at(event.slot_count - 1) > event.ends_at:
            raise field_error(
                "meetings_start_at", _("The meeting slots must fall within the event."), code="slots_outside"
            )


def _check_organisers(actor: Any, organisers: Iterable[Organisation]) -> list[Organisation]:
    organisers = list(organisers)
    if not organisers:
        raise field_error("organisers", _("Name at least one organising organisation."), code="required")
    if not is_platform_operator(actor):
        mine = admin_organisation_ids(actor)
        deny_unless(
            bool(mine) and any(organisation.pk in mine for organisation in organisers),
            _("You can only organise events for an organisation you administer."),
        )
    return organisers


@transaction.atomic
def event_create(*, actor: Any, organisers: Iterable[Organisation], **fields: Any) -> Event:
    """A draft event organised by `organisers` (the actor administers at least one of them)."""
    deny_unless(actor.is_authenticated, _("Log in to organise an event."))
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    organisers = _check_organisers(actor, organisers)
    # Left out or empty, the zone is the organisers' (not the model's default, UTC).
    fields["time_zone"] = fields.get("time_zone") or ""
    event = Event(created_by=actor, **fields)
    event.time_zone = _venue_zone(event, organisers)
    _check_event(event)
    event.save()
    event.organisers.set(organisers)
    _record(actor=actor, event=event, action="event_created", target=event, changes={"title": event.title})
    return event


@transaction.atomic
def event_update(
    *, actor: Any, event: Event, organisers: Iterable[Organisation] | None = None, **fields: Any
) -> Event:
    _deny_unless_organiser(actor, event)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = event_lock(event.pk)
    before = {name: str(getattr(event, name)) for name in fields}
    for name, value in fields.items():
        if name == "time_zone" and not value:
            continue  # left empty, the venue keeps its zone
        setattr(event, name, value)
    _check_event(event)
    event.save()
    if organisers is not None:
        event.organisers.set(_check_organisers(actor, organisers))
    changes = {
        name: [before[name], str(getattr(event, name))]
        for name in fields
        if before[name] != str(getattr(event, name))
    }
    _record(actor=actor, event=event, action="event_updated", target=event, changes=changes)
    return event


@transaction.atomic
def event_set_status(*, actor: Any, event: Event, status: str) -> Event:
    """Publish (open registration) or cancel an event."""
    _deny_unless_organiser(actor, event)
    if status not in (Event.Status.PUBLISHED, Event.Status.CANCELLED):
        raise field_error("status", _("An event can only be published or cancelled."), code="invalid")
    before = event.status
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    _record(
        actor=actor, event=event, action="event_status", target=event, changes={"status": [before, status]}
    )
    return event


@transaction.atomic
def room_add(*, actor: Any, event: Event, name: str, capacity: int | None = None) -> Room:
    _deny_unless_organiser(actor, event)
    name = (name or "").strip()
    if not name:
        raise field_error("name", _("This field is required."), code="required")
    if event.rooms.filter(name=name).exists():
        raise field_error("name", _("This event already has a room of that name."), code="duplicate")
    room = Room.objects.create(event=event, name=name, capacity=capacity)
    _record(actor=actor, event=event, action="room_added", target=room, changes={"name": name})
    return room


@transaction.atomic
def session_add(
    *,
    actor: Any,
    event: Event,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: Room | None = None,
    speakers: str = "",
    description: str = "",
) -> Session:
    """A session of the timetable; two sessions never share a room at the same time."""
    _deny_unless_organiser(actor, event)
    title = (title or "").strip()
    if not title:
        raise field_error("title", _("This field is required."), code="required")
    if ends_at <= starts_at:
        raise field_error("ends_at", _("The end must be after the start."), code="ends_before_start")
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise field_error("starts_at", _("A session must fall within the event."), code="outside_event")
    if room is not None:
        if room.event_id != event.pk:
            raise field_error("room", _("Choose one of this event's rooms."), code="invalid")
        if event.sessions.filter(room=room, starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
            raise field_error(
                "room", _("The room is taken by another session at that time."), code="room_taken"
            )
    session = Session.objects.create(
        event=event,
        room=room,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        speakers=speakers.strip(),
        description=description.strip(),
    )
    _record(actor=actor, event=event, action="session_added", target=session, changes={"title": title})
    return session


@transaction.atomic
def session_delete(*, actor: Any, session: Session) -> None:
    _deny_unless_organiser(actor, session.event)
    _record(actor=actor, event=session.event, action="session_deleted", target=session, changes={})
    session.delete()


@transaction.atomic
def question_add(
    *, actor: Any, event: Event, label: str, kind: str = "text", choices: str = "", required: bool = False
) -> RegistrationQuestion:
    _deny_unless_organiser(actor, event)
    label = (label or "").strip()
    if not label:
        raise field_error("label", _("This field is required."), code="required")
    if kind not in RegistrationQuestion.Kind.values:
        raise field_error("kind", _("Choose one of the offered kinds."), code="invalid")
    question = RegistrationQuestion(event=event, label=label, kind=kind, choices=choices, required=required)
    if kind == RegistrationQuestion.Kind.CHOICE and len(question.choice_list) < 2:
        raise field_error("choices", _("Give at least two choices, one a line."), code="choices")
    question.position = event.questions.count()
    question.save()
    _record(actor=actor, event=event, action="question_added", target=question, changes={"label": label})
    return question
