"""Every write to events: checked, atomic and in the audit trail (under the event's first organiser).

Registration:   (capacity left, not moderated) -> complete
                (capacity left, moderated)      -> pending -> complete | rejected
                (event full)                    -> waitlisted -> complete when a place frees up
                any of them                     -> withdrawn (by the person)

Meeting request: pending -> accepted (a Meeting is created) | declined | expired (after the
event's `request_expiry_hours`). A request to someone who already asked you is accepted at once
and the meeting is marked mutual, which the scheduler places first.
"""

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless, is_platform_operator
from directory.models import Organisation
from directory.services import field_error
from events import scheduling
from events.models import (
    ATTENDANCE_NUMBER_PREFIX,
    ATTENDANCE_PAYLOAD_TYPE,
    AttendanceCertificate,
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Registration,
    RegistrationQuestion,
    Room,
    ScheduleRun,
    Session,
)
from events.selectors import (
    admin_organisation_ids,
    is_organiser,
    member_organisations_of,
    participants_visible_to,
)
from marketplace.models import Profile
from marketplace.selectors import profiles_visible_to

Status = Registration.Status
RequestStatus = MeetingRequest.Status
MESSAGE_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 2000
SCHEDULE_TIME_LIMIT_SECONDS = 20.0


def _record(*, actor: Any, event: Event, action: str, target: Any, changes: dict[str, Any]) -> None:
    first_organiser = event.organisers.order_by("pk").values_list("pk", flat=True).first()
    audit_record(
        actor=actor,
        action=f"events.{action}",
        target=target,
        changes=changes,
        organisation_id=first_organiser,
    )


def _deny_unless_organiser(actor: Any, event: Event) -> None:
    deny_unless(is_organiser(actor, event), _("Only the event's organisers may do this."))


def _email(registration: Registration, message: str) -> None:
    from events.tasks import registration_email_send

    registration_id = registration.pk
    transaction.on_commit(
        lambda: registration_email_send.enqueue(registration_id=registration_id, message=message)
    )


def _notify(recipients: list[Any], topic: str, subject: Any, url: str) -> None:
    from core.notifications import notification_send

    # Stored in the same transaction as the write it announces.
    notification_send(recipients=recipients, topic=topic, subject=subject, url=url)


# --- events ------------------------------------------------------------------------------------


EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "city",
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


def _check_event(event: Event) -> None:
    event.title = (event.title or "").strip()
    if not event.title:
        raise field_error("title", _("This field is required."), code="required")
    if event.kind not in Event.Kind.values:
        raise field_error("kind", _("Choose one of the offered kinds."), code="invalid")
    if event.ends_at <= event.starts_at:
        raise field_error("ends_at", _("The end must be after the start."), code="ends_before_start")
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
    event = Event(created_by=actor, **fields)
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
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = {name: str(getattr(event, name)) for name in fields}
    for name, value in fields.items():
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


# --- registrations -----------------------------------------------------------------------------


def _clean_answers(event: Event, answers: dict[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for question in event.questions.all():
        value = str(answers.get(str(question.pk), "") or "").strip()
        field = f"question_{question.pk}"
        if question.required and not value:
            raise field_error(field, _("This field is required."), code="required")
        if len(value) > ANSWER_MAX_LENGTH:
            raise field_error(
                field,
                _("Keep this under %(limit)d characters."),
                code="max_length",
                params={"limit": ANSWER_MAX_LENGTH},
            )
        if value and question.kind == RegistrationQuestion.Kind.CHOICE and value not in question.choice_list:
            raise field_error(field, _("Choose one of the offered answers."), code="invalid_choice")
        if value:
            cleaned[str(question.pk)] = value
    return cleaned


def _places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=[Status.COMPLETE, Status.PENDING]).count()


def _participant_ensure(registration: Registration) -> None:
    if registration.event.is_brokerage and registration.status == Status.COMPLETE:
        Participant.objects.get_or_create(event=registration.event, registration=registration)


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    event: Event,
    organisation: Organisation | None = None,
    answers: dict[str, Any] | None = None,
) -> Registration:
    """Register `actor`: complete at once, pending the organisers' approval, or on the waitlist when
    the event is full. A confirmation email follows."""
    deny_unless(actor.is_authenticated, _("Log in to register."))
    event = Event.objects.select_for_update().get(pk=event.pk)  # one place, one person at a time
    if event.status != Event.Status.PUBLISHED:
        raise field_error("__all__", _("This event is not open for registration."), code="not_open")
    if event.ends_at <= timezone.now():
        raise field_error("__all__", _("This event is over."), code="over")
    if organisation is not None and not member_organisations_of(actor).filter(pk=organisation.pk).exists():
        raise field_error("organisation", _("Choose an organisation you belong to."), code="not_member")
    cleaned = _clean_answers(event, answers or {})
    existing = Registration.objects.filter(event=event, user=actor).first()
    if existing is not None and existing.status != Status.WITHDRAWN:
        raise field_error("__all__", _("You are already registered for this event."), code="duplicate")
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        status = Status.WAITLISTED
    elif event.moderated:
        status = Status.PENDING
    else:
        status = Status.COMPLETE
    registration = existing or Registration(event=event, user=actor)
    before = registration.status or None
    registration.status = status
    registration.organisation = organisation
    registration.answers = cleaned
    registration.decided_by = None
    registration.decided_at = None
    registration.rejection_reason = ""
    registration.save()
    _participant_ensure(registration)
    _record(
        actor=actor,
        event=event,
        action="registration_created",
        target=registration,
        changes={"status": [before, status]},
    )
    _email(registration, status)
    return registration


def _set_status(registration: Registration, status: str, *, actor: Any, reason: str = "") -> None:
    before = registration.status
    registration.status = status
    registration.decided_by = actor if actor is not None and actor.is_authenticated else None
    registration.decided_at = timezone.now()
    registration.rejection_reason = reason
    registration.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason", "updated_at"])
    _participant_ensure(registration)
    _record(
        actor=actor,
        event=registration.event,
        action=f"registration_{status}",
        target=registration,
        changes={"status": [before, status]},
    )
    _email(registration, status)


def _locked_registration(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)


@transaction.atomic
def registration_approve(*, actor: Any, registration: Registration) -> Registration:
    registration = _locked_registration(registration)
    _deny_unless_organiser(actor, registration.event)
    if registration.status not in (Status.PENDING, Status.WAITLISTED, Status.REJECTED):
        raise field_error(
            "__all__", _("This registration is not waiting for a decision."), code="not_pending"
        )
    _set_status(registration, Status.COMPLETE, actor=actor)
    return registration


@transaction.atomic
def registration_reject(*, actor: Any, registration: Registration, reason: str = "") -> Registration:
    registration = _locked_registration(registration)
    _deny_unless_organiser(actor, registration.event)
    if registration.status not in (Status.PENDING, Status.WAITLISTED, Status.COMPLETE):
        raise field_error("__all__", _("This registration cannot be rejected."), code="not_rejectable")
    was_holding_a_place = registration.status in (Status.PENDING, Status.COMPLETE)
    _set_status(registration, Status.REJECTED, actor=actor, reason=(reason or "").strip()[:500])
    if was_holding_a_place:
        _waitlist_promote(registration.event)
    return registration


@transaction.atomic
def registration_withdraw(*, actor: Any, registration: Registration) -> Registration:
    registration = _locked_registration(registration)
    deny_unless(registration.user_id == actor.pk, _("Only the registered person may withdraw."))
    if registration.status in (Status.WITHDRAWN, Status.REJECTED):
        raise field_error("__all__", _("This registration is no longer active."), code="not_active")
    was_holding_a_place = registration.status in (Status.PENDING, Status.COMPLETE)
    _set_status(registration, Status.WITHDRAWN, actor=actor)
    if was_holding_a_place:
        _waitlist_promote(registration.event)
    return registration


def _waitlist_promote(event: Event) -> None:
    """Give a freed place to the first person on the waitlist (pending if the event is moderated)."""
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        return
    first = (
        event.registrations.select_for_update()
        .filter(status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is not None:
        _set_status(first, Status.PENDING if event.moderated else Status.COMPLETE, actor=None)


@transaction.atomic
def registration_check_in(*, actor: Any, registration: Registration) -> Registration:
    """Mark a registered person as arrived (scanning their badge or finding their name)."""
    registration = _locked_registration(registration)
    _deny_unless_organiser(actor, registration.event)
    if registration.status != Status.COMPLETE:
        raise field_error(
            "__all__",
            _("Only a complete registration can check in (this one is: %(status)s)."),
            code="not_complete",
            params={"status": registration.get_status_display()},
        )
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
        _record(actor=actor, event=registration.event, action="checked_in", target=registration, changes={})
    return registration


# --- brokerage participants --------------------------------------------------------------------


def _deny_unless_self(actor: Any, participant: Participant) -> None:
    deny_unless(
        actor.is_authenticated
        and participant.registration.user_id == actor.pk
        and participant.registration.status == Status.COMPLETE,
        _("Only a registered participant may do this for themselves."),
    )


@transaction.atomic
def participant_update(
    *,
    actor: Any,
    participant: Participant,
    headline: str,
    offer: str,
    seek: str,
    video_url: str = "",
    profiles: Iterable[Profile] = (),
) -> Participant:
    """The participant's short entry, and the marketplace profiles they link (visible ones only)."""
    _deny_unless_self(actor, participant)
    profiles = list(profiles)
    visible = set(
        profiles_visible_to(actor).filter(pk__in=[p.pk for p in profiles]).values_list("pk", flat=True)
    )
    if any(profile.pk not in visible for profile in profiles):
        raise field_error("profiles", _("Choose published marketplace profiles."), code="invalid")
    for field, value, limit in (("headline", headline, 200), ("offer", offer, 4000), ("seek", seek, 4000)):
        if len((value or "").strip()) > limit:
            raise field_error(
                field, _("Keep this under %(limit)d characters."), code="max_length", params={"limit": limit}
            )
    participant.headline = (headline or "").strip()
    participant.offer = (offer or "").strip()
    participant.seek = (seek or "").strip()
    participant.video_url = (video_url or "").strip()
    participant.save(update_fields=["headline", "offer", "seek", "video_url", "updated_at"])
    participant.profiles.set(profiles)
    _record(
        actor=actor, event=participant.event, action="participant_updated", target=participant, changes={}
    )
    _matching_changed(participant)
    return participant


def _matching_changed(participant: Participant) -> None:
    from matching.services import record_changed

    record_changed(kind="events.participant", object_id=participant.pk)


@transaction.atomic
def availability_set(
    *, actor: Any, participant: Participant, unavailable_slots: Iterable[int]
) -> Participant:
    """The slots in which the participant cannot meet; locked meetings in those slots are refused."""
    _deny_unless_self(actor, participant)
    event = participant.event
    slots = sorted(set(unavailable_slots))
    if any(not 0 <= slot < event.slot_count for slot in slots):
        raise field_error("unavailable_slots", _("Choose slots of this event."), code="invalid_slot")
    clash = Meeting.objects.filter(Q(a=participant) | Q(b=participant), locked=True, slot__in=slots).exists()
    if clash:
        raise field_error(
            "unavailable_slots",
            _("An organiser fixed a meeting of yours in one of these slots; ask them to move it first."),
            code="locked_meeting",
        )
    before = participant.unavailable_slots
    participant.unavailable_slots = slots
    participant.save(update_fields=["unavailable_slots", "updated_at"])
    _record(
        actor=actor,
        event=event,
        action="availability_set",
        target=participant,
        changes={"unavailable_slots": [before, slots]},
    )
    return participant


# --- meeting requests --------------------------------------------------------------------------


def _meeting_count(participant: Participant) -> int:
    return Meeting.objects.filter(Q(a=participant) | Q(b=participant)).count()


def _check_meeting_caps(event: Event, *people: Participant) -> None:
    for person in people:
        if _meeting_count(person) >= event.max_meetings_per_participant:
            raise field_error(
                "__all__",
                format_lazy(
                    _("{name} already has the most meetings this event allows ({limit})."),
                    name=str(person),
                    limit=event.max_meetings_per_participant,
                ),
                code="meeting_cap",
            )


def _meeting_create(request: MeetingRequest, *, mutual: bool) -> Meeting:
    return Meeting.objects.create(
        event=request.event, request=request, a=request.requester, b=request.recipient, mutual=mutual
    )


@transaction.atomic
def meeting_request_send(
    *,
    actor: Any,
    requester: Participant,
    recipient: Participant,
    message: str,
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    now = now or timezone.now()
    _deny_unless_self(actor, requester)
    event = Event.objects.select_for_update().get(pk=requester.event_id)
    deny_unless(
        participants_visible_to(actor).filter(pk=recipient.pk, event=event).exists(),
        _("You can only ask participants of the same event."),
    )
    if recipient.pk == requester.pk:
        raise field_error("recipient", _("You cannot ask yourself for a meeting."), code="self")
    if event.agenda_published_at is not None:
        raise field_error("__all__", _("The final agenda is published; requests are closed."), code="closed")
    message = (message or "").strip()
    if not message:
        raise field_error("message", _("This field is required."), code="required")
    if len(message) > MESSAGE_MAX_LENGTH:
        raise field_error(
            "message",
            _("Keep this under %(limit)d characters."),
            code="max_length",
            params={"limit": MESSAGE_MAX_LENGTH},
        )
    if MeetingRequest.objects.filter(requester=requester, recipient=recipient).exists():
        raise field_error("recipient", _("You have already asked this participant."), code="duplicate")
    if requester.requests_sent.count() >= event.max_requests_per_participant:
        raise field_error(
            "__all__",
            _("You have sent the most meeting requests this event allows (%(limit)d)."),
            code="request_cap",
            params={"limit": event.max_requests_per_participant},
        )
    reverse = (
        MeetingRequest.objects.select_for_update().filter(requester=recipient, recipient=requester).first()
    )
    if reverse is not None and reverse.status == RequestStatus.ACCEPTED:
        raise field_error(
            "recipient", _("You already have a meeting with this participant."), code="duplicate"
        )
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        message=message,
        expires_at=now + datetime.timedelta(hours=event.request_expiry_hours),
    )
    _record(
        actor=actor,
        event=event,
        action="meeting_requested",
        target=request,
        changes={"recipient": recipient.pk},
    )
    if reverse is not None and reverse.status == RequestStatus.PENDING and reverse.expires_at > now:
        # Both asked: the earlier request is accepted on the spot and the meeting is mutual.
        _check_meeting_caps(event, requester, recipient)
        request.status = RequestStatus.ACCEPTED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at", "updated_at"])
        reverse.status = RequestStatus.ACCEPTED
        reverse.answered_at = now
        reverse.save(update_fields=["status", "answered_at", "updated_at"])
        _meeting_create(reverse, mutual=True)
        _notify(
            [recipient.registration.user],
            "events.meeting_accepted",
            format_lazy(_("{name} accepted your meeting request"), name=str(requester)),
            _request_url(reverse),
        )
        return request
    _notify(
        [recipient.registration.user],
        "events.meeting_requested",
        format_lazy(_("{name} asks you for a meeting at {event}"), name=str(requester), event=event.title),
        _request_url(request),
    )
    return request


def _request_url(request: MeetingRequest) -> str:
    from django.urls import reverse

    return reverse("events:meeting_requests", kwargs={"pk": request.event_id})


def _locked_request(request: MeetingRequest) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("event", "requester__registration__user", "recipient__registration__user")
        .get(pk=request.pk)
    )


def _check_pending(request: MeetingRequest, now: datetime.datetime) -> None:
    if request.status != RequestStatus.PENDING or request.expires_at <= now:
        raise field_error(
            "__all__", _("This request is no longer waiting for an answer."), code="not_pending"
        )


@transaction.atomic
def meeting_request_accept(
    *, actor: Any, request: MeetingRequest, now: datetime.datetime | None = None
) -> Meeting:
    now = now or timezone.now()
    request = _locked_request(request)
    deny_unless(
        request.recipient.registration.user_id == actor.pk
        and request.recipient.registration.status == Status.COMPLETE,
        _("Only the person asked may answer this request."),
    )
    _check_pending(request, now)
    if request.requester.registration.status != Status.COMPLETE:
        raise field_error("__all__", _("The person who asked is no longer registered."), code="withdrawn")
    _check_meeting_caps(request.event, request.requester, request.recipient)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at", "updated_at"])
    mutual = MeetingRequest.objects.filter(requester=request.recipient, recipient=request.requester).exists()
    meeting = _meeting_create(request, mutual=mutual)
    _record(
        actor=actor,
        event=request.event,
        action="meeting_accepted",
        target=request,
        changes={"meeting": meeting.pk},
    )
    _notify(
        [request.requester.registration.user],
        "events.meeting_accepted",
        format_lazy(_("{name} accepted your meeting request"), name=str(request.recipient)),
        _request_url(request),
    )
    return meeting


@transaction.atomic
def meeting_request_decline(
    *, actor: Any, request: MeetingRequest, now: datetime.datetime | None = None
) -> MeetingRequest:
    now = now or timezone.now()
    request = _locked_request(request)
    deny_unless(
        request.recipient.registration.user_id == actor.pk
        and request.recipient.registration.status == Status.COMPLETE,
        _("Only the person asked may answer this request."),
    )
    _check_pending(request, now)
    request.status = RequestStatus.DECLINED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at", "updated_at"])
    _record(actor=actor, event=request.event, action="meeting_declined", target=request, changes={})
    _notify(
        [request.requester.registration.user],
        "events.meeting_declined",
        format_lazy(_("{name} declined your meeting request"), name=str(request.recipient)),
        _request_url(request),
    )
    return request


@transaction.atomic
def meeting_requests_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire every request left unanswered past its time (`manage.py events_daily`)."""
    now = now or timezone.now()
    overdue = MeetingRequest.objects.select_for_update().filter(
        status=RequestStatus.PENDING, expires_at__lte=now
    )
    expired = 0
    for request in overdue:
        request.status = RequestStatus.EXPIRED
        request.save(update_fields=["status", "updated_at"])
        _record(actor=None, event=request.event, action="meeting_request_expired", target=request, changes={})
        expired += 1
    return expired


# --- scheduling --------------------------------------------------------------------------------


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
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.is_brokerage:
        raise field_error(
            "__all__", _("Only a brokerage event has meetings to schedule."), code="not_brokerage"
        )
    meetings = list(
        event.meetings.select_for_update(of=("self",)).select_related("a__registration", "b__registration")
    )
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
    meeting = Meeting.objects.select_for_update().select_related("event").get(pk=meeting.pk)
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
    event = Event.objects.select_for_update().get(pk=meeting.event_id)
    meeting = Meeting.objects.select_for_update().select_related("a", "b").get(pk=meeting.pk)
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
    event = Event.objects.select_for_update().get(pk=event.pk)
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


# --- after the event ---------------------------------------------------------------------------


@transaction.atomic
def meeting_outcome_record(
    *, actor: Any, meeting: Meeting, outcome: str, comment: str = ""
) -> MeetingOutcome:
    participant = next((p for p in (meeting.a, meeting.b) if p.registration.user_id == actor.pk), None)
    deny_unless(participant is not None, _("Only the two participants record a meeting's outcome."))
    assert participant is not None
    if meeting.slot is None:
        raise field_error("__all__", _("This meeting did not take place."), code="unscheduled")
    if outcome not in MeetingOutcome.Outcome.values:
        raise field_error("outcome", _("Choose one of the offered outcomes."), code="invalid")
    record, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={"outcome": outcome, "comment": (comment or "").strip()[:2000]},
    )
    _record(
        actor=actor,
        event=meeting.event,
        action="meeting_outcome",
        target=meeting,
        changes={"outcome": outcome},
    )
    return record


@transaction.atomic
def outcome_surveys_send(*, now: datetime.datetime | None = None) -> int:
    """Ask every participant of each brokerage that ended `survey_delay_hours` ago what came of their
    meetings (once per event). Returns how many events were surveyed."""
    from django.urls import reverse

    now = now or timezone.now()
    surveyed = 0
    due = Event.objects.select_for_update().filter(
        kind=Event.Kind.BROKERAGE, survey_sent_at__isnull=True, status=Event.Status.PUBLISHED, ends_at__lt=now
    )
    for event in due:
        if event.ends_at + datetime.timedelta(hours=event.survey_delay_hours) > now:
            continue
        people = sorted(
            {
                p.registration.user
                for p in Participant.objects.filter(event=event)
                .filter(Q(meetings_as_a__slot__isnull=False) | Q(meetings_as_b__slot__isnull=False))
                .select_related("registration__user")
            },
            key=lambda user: user.pk,
        )
        event.survey_sent_at = now
        event.save(update_fields=["survey_sent_at", "updated_at"])
        _record(
            actor=None, event=event, action="survey_sent", target=event, changes={"participants": len(people)}
        )
        _notify(
            people,
            "events.outcome_survey",
            format_lazy(_("What came of your meetings at {event}?"), event=event.title),
            reverse("events:agenda", kwargs={"pk": event.pk}),
        )
        surveyed += 1
    return surveyed


@transaction.atomic
def certificate_issue(
    *, actor: Any, registration: Registration, now: datetime.datetime | None = None
) -> AttendanceCertificate:
    """A signed attendance certificate for a person who checked in (issued once; later calls return it)."""
    from networks import signing

    registration = _locked_registration(registration)
    event = registration.event
    is_self = actor.is_authenticated and registration.user_id == actor.pk
    if not (is_self or is_organiser(actor, event)):
        raise PermissionDenied(str(_("Only the attendee or the organisers may issue this certificate.")))
    existing = AttendanceCertificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    if registration.status != Status.COMPLETE or registration.checked_in_at is None:
        raise field_error(
            "__all__",
            _("A certificate is issued to people who checked in at the event."),
            code="not_attended",
        )
    now = now or timezone.now()
    number = f"{ATTENDANCE_NUMBER_PREFIX}{now:%Y}-{secrets.token_hex(4).upper()}"
    payload = {
        "type": ATTENDANCE_PAYLOAD_TYPE,
        "number": number,
        "attendee": registration.user.get_full_name(),
        "organisation": registration.organisation.name if registration.organisation else "",
        "event": event.title,
        "event_kind": event.kind,
        "organisers": [organisation.name for organisation in event.organisers.order_by("name")],
        "starts_on": event.starts_at.date().isoformat(),
        "ends_on": event.ends_at.date().isoformat(),
        "issued_at": now.isoformat(),
    }
    certificate = AttendanceCertificate.objects.create(
        registration=registration,
        number=number,
        payload=payload,
        signature=signing.sign(payload),
        issued_at=now,
        issued_by=actor if actor.is_authenticated else None,
    )
    _record(
        actor=actor, event=event, action="certificate_issued", target=certificate, changes={"number": number}
    )
    return certificate


def validation_messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)
