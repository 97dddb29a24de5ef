"""Events in the API: the same selectors and services as the pages, so the same permissions.

Published events and their calendar files are public (no token); everything else needs one, and
read-only tokens are refused on writes (`core.api_auth`)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import ApiTokenAuth, api_user
from core.timezones import zone_info
from directory.models import Organisation
from events import calendar, services
from events.api.schemas import (
    AgendaOut,
    AvailabilityIn,
    EventIn,
    EventKind,
    EventOut,
    EventStatusIn,
    EventSummaryOut,
    LockIn,
    MeetingOut,
    MeetingRequestIn,
    MeetingRequestOut,
    MoveIn,
    MyParticipantOut,
    ParticipantIn,
    ParticipantOut,
    QuestionIn,
    QuestionOut,
    RegistrationIn,
    RegistrationOut,
    RegistrationRejectIn,
    RegistrationStatus,
    RoomIn,
    RoomOut,
    ScheduleOut,
    SessionIn,
    SessionOut,
    SuggestionOut,
)
from events.matches import suggested_participants
from events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Participant,
    Registration,
)
from events.selectors import (
    agenda_of,
    events_visible_to,
    get_event_for_user,
    get_managed_event,
    get_meeting_for_user,
    get_meeting_request_for_user,
    get_registration_for_user,
    last_schedule_run,
    meeting_requests_of,
    meetings_of_event,
    member_organisations_of,
    organising_organisations_for,
    participants_search,
    registrations_of_event,
    registrations_visible_to,
    sessions_of,
)
from marketplace.selectors import profiles_visible_to

router = Router(tags=["events"])

# Public endpoints still identify a caller who sends a token (an organiser sees drafts).
OPTIONAL_TOKEN = [ApiTokenAuth(), lambda request: True]


def _caller(request: HttpRequest) -> Any:
    from django.contrib.auth.models import AnonymousUser

    auth = getattr(request, "auth", None)
    return auth if auth is not None and auth is not True else AnonymousUser()


# --- events ------------------------------------------------------------------------------------


def _event_out(request: HttpRequest, event_id: int) -> dict[str, Any]:
    user = _caller(request)
    event, permissions = get_event_for_user(user, event_id)
    zone = zone_info(event.time_zone)
    fields = {name: getattr(event, name) for name in EventOut.model_fields if hasattr(event, name)}
    return {
        # Every moment with the venue's offset.
        **{
            name: value.astimezone(zone) if isinstance(value, datetime.datetime) else value
            for name, value in fields.items()
        },
        "organisers": list(event.organisers.all()),
        "sessions": list(sessions_of(event)),
        "questions": list(event.questions.all()),
        "can_manage": permissions.can_manage,
        "can_register": permissions.can_register,
        "my_registration_id": permissions.registration.pk if permissions.registration else None,
    }


@router.get("/events", response=list[EventSummaryOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def event_list(request: HttpRequest, kind: EventKind | None = None) -> QuerySet[Event]:
    """Published events (and the caller's drafts), latest first; public."""
    events = events_visible_to(_caller(request)).order_by("-starts_at", "pk")
    return events.filter(kind=kind) if kind else events


@router.get("/events/{event_id}", response=EventOut, auth=OPTIONAL_TOKEN)
def event_detail(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return _event_out(request, event_id)


@router.get("/events/{event_id}/calendar.ics", auth=OPTIONAL_TOKEN)
def event_calendar(request: HttpRequest, event_id: int) -> HttpResponse:
    event, _permissions = get_event_for_user(_caller(request), event_id)
    return HttpResponse(
        calendar.event_calendar(event, sessions_of(event)), content_type="text/calendar; charset=utf-8"
    )


def _organisers(user: Any, ids: list[int], event: Event | None = None) -> list[Organisation]:
    choosable = organising_organisations_for(user)
    if event is not None:  # co-organisers the caller does not administer may stay
        choosable = (choosable | event.organisers.all()).distinct()
    organisers = list(choosable.filter(pk__in=ids))
    if len(organisers) != len(set(ids)):
        raise ValidationError({"organiser_ids": [_("Choose organisations you administer.")]})
    return organisers


@router.post("/events", response={201: EventOut})
def event_create(request: HttpRequest, payload: EventIn) -> Status[dict[str, Any]]:
    user = api_user(request)
    fields = payload.dict(exclude={"organiser_ids"})
    event = services.event_create(actor=user, organisers=_organisers(user, payload.organiser_ids), **fields)
    return Status(201, _event_out(request, event.pk))


@router.put("/events/{event_id}", response=EventOut)
def event_update(request: HttpRequest, event_id: int, payload: EventIn) -> dict[str, Any]:
    user = api_user(request)
    event = get_managed_event(user, event_id)
    fields = payload.dict(exclude={"organiser_ids"})
    services.event_update(
        actor=user, event=event, organisers=_organisers(user, payload.organiser_ids, event), **fields
    )
    return _event_out(request, event_id)


@router.post("/events/{event_id}/status", response=EventOut)
def event_set_status(request: HttpRequest, event_id: int, payload: EventStatusIn) -> dict[str, Any]:
    user = api_user(request)
    event = get_managed_event(user, event_id)
    services.event_set_status(actor=user, event=event, status=payload.status)
    return _event_out(request, event_id)


@router.post("/events/{event_id}/rooms", response={201: RoomOut})
def room_add(request: HttpRequest, event_id: int, payload: RoomIn) -> Status[Any]:
    user = api_user(request)
    event = get_managed_event(user, event_id)
    return Status(
        201, services.room_add(actor=user, event=event, name=payload.name, capacity=payload.capacity)
    )


@router.post("/events/{event_id}/sessions", response={201: SessionOut})
def session_add(request: HttpRequest, event_id: int, payload: SessionIn) -> Status[Any]:
    user = api_user(request)
    event = get_managed_event(user, event_id)
    room = None
    if payload.room_id is not None:
        room = event.rooms.filter(pk=payload.room_id).first()
        if room is None:
            raise ValidationError({"room_id": [_("Choose one of this event's rooms.")]})
    session = services.session_add(
        actor=user,
        event=event,
        title=payload.title,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        room=room,
        speakers=payload.speakers,
        description=payload.description,
    )
    return Status(201, session)


@router.post("/events/{event_id}/questions", response={201: QuestionOut})
def question_add(request: HttpRequest, event_id: int, payload: QuestionIn) -> Status[Any]:
    user = api_user(request)
    event = get_managed_event(user, event_id)
    question = services.question_add(
        actor=user,
        event=event,
        label=payload.label,
        kind=payload.kind,
        choices="\n".join(payload.choices),
        required=payload.required,
    )
    return Status(201, question)


# --- registrations -----------------------------------------------------------------------------


@router.post("/events/{event_id}/registrations", response={201: RegistrationOut})
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Status[Registration]:
    user = api_user(request)
    event, _permissions = get_event_for_user(user, event_id)
    organisation = None
    if payload.organisation_id is not None:
        organisation = member_organisations_of(user).filter(pk=payload.organisation_id).first()
        if organisation is None:
            raise ValidationError({"organisation_id": [_("Choose an organisation you belong to.")]})
    registration = services.registration_create(
        actor=user, event=event, organisation=organisation, answers=payload.answers
    )
    return Status(201, registrations_visible_to(user).get(pk=registration.pk))


@router.get("/events/{event_id}/registrations", response=list[RegistrationOut])
@paginate(LimitOffsetPagination)
def registration_list(
    request: HttpRequest,
    event_id: int,
    status: RegistrationStatus | None = None,
    q: str = Query("", max_length=200),
) -> QuerySet[Registration]:
    """Organisers: every registration of the event."""
    user = api_user(request)
    event = get_managed_event(user, event_id)
    return registrations_of_event(user, event, q=q, status=status or "")


@router.get("/registrations", response=list[RegistrationOut])
@paginate(LimitOffsetPagination)
def my_registrations(request: HttpRequest) -> QuerySet[Registration]:
    user = api_user(request)
    return registrations_visible_to(user).filter(user=user).order_by("-created_at", "-pk")


def _registration(request: HttpRequest, registration_id: int) -> Registration:
    registration, _can_manage = get_registration_for_user(api_user(request), registration_id)
    return registration


@router.get("/registrations/{registration_id}", response=RegistrationOut)
def registration_detail(request: HttpRequest, registration_id: int) -> Registration:
    registration, _can_manage = get_registration_for_user(api_user(request), registration_id)
    return registration


@router.post("/registrations/{registration_id}/approve", response=RegistrationOut)
def registration_approve(request: HttpRequest, registration_id: int) -> Registration:
    user = api_user(request)
    registration, _can_manage = get_registration_for_user(user, registration_id)
    services.registration_approve(actor=user, registration=registration)
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/reject", response=RegistrationOut)
def registration_reject(
    request: HttpRequest, registration_id: int, payload: RegistrationRejectIn
) -> Registration:
    user = api_user(request)
    registration, _can_manage = get_registration_for_user(user, registration_id)
    services.registration_reject(actor=user, registration=registration, reason=payload.reason)
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/withdraw", response=RegistrationOut)
def registration_withdraw(request: HttpRequest, registration_id: int) -> Registration:
    user = api_user(request)
    registration, _can_manage = get_registration_for_user(user, registration_id)
    services.registration_withdraw(actor=user, registration=registration)
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/check-in", response=RegistrationOut)
def registration_check_in(request: HttpRequest, registration_id: int) -> Registration:
    user = api_user(request)
    registration, _can_manage = get_registration_for_user(user, registration_id)
    services.registration_check_in(actor=user, registration=registration)
    return _registration(request, registration_id)


# --- brokerage ---------------------------------------------------------------------------------


def _brokerage(user: Any, event_id: int) -> tuple[Event, Participant | None]:
    event, permissions = get_event_for_user(user, event_id)
    if not event.is_brokerage:
        raise Http404(_("This event has no B2B meetings."))
    if not permissions.can_see_participants:
        raise PermissionDenied(_("Only the event's registered participants and organisers see this."))
    return event, permissions.participant


def _me(user: Any, event_id: int) -> tuple[Event, Participant]:
    event, me = _brokerage(user, event_id)
    if me is None:
        raise PermissionDenied(_("Only participants have an entry, requests and an agenda."))
    return event, me


@router.get("/events/{event_id}/participants", response=list[ParticipantOut])
@paginate(LimitOffsetPagination)
def participant_list(
    request: HttpRequest,
    event_id: int,
    q: str = Query("", max_length=200),
    country: str = Query("", max_length=2),
    sector: str = Query("", max_length=100),
) -> QuerySet[Participant]:
    user = api_user(request)
    event, _participant = _brokerage(user, event_id)
    return participants_search(user, event, q=q, country=country, sector=sector)


@router.get("/events/{event_id}/suggestions", response=list[SuggestionOut])
def suggestions(request: HttpRequest, event_id: int) -> list[dict[str, Any]]:
    """Participants of the event who offer what the caller seeks, or seek what the caller offers, in
    any language, best first (from the cross-lingual matching engine; people already asked are left
    out, and so is anyone not relevant)."""
    user = api_user(request)
    _event, me = _me(user, event_id)
    return [
        {
            "participant": found.record,
            "relevance": found.relevance or "",
            "relevance_label": found.relevance_label,
            "they_offer": found.they_offer,
            "they_seek": found.they_seek,
            "reason": found.reason,
            "best_sentence": found.best_sentence,
            "score": found.score,
        }
        for found in suggested_participants(user, me)
    ]


@router.get("/events/{event_id}/participants/me", response=MyParticipantOut)
def my_entry(request: HttpRequest, event_id: int) -> Participant:
    _event, me = _me(api_user(request), event_id)
    return me


@router.put("/events/{event_id}/participants/me", response=MyParticipantOut)
def my_entry_update(request: HttpRequest, event_id: int, payload: ParticipantIn) -> Participant:
    user = api_user(request)
    _event, me = _me(user, event_id)
    profiles = list(profiles_visible_to(user).filter(pk__in=payload.profile_ids))
    if len(profiles) != len(set(payload.profile_ids)):
        raise ValidationError({"profile_ids": [_("Choose published marketplace profiles.")]})
    services.participant_update(
        actor=user,
        participant=me,
        headline=payload.headline,
        offer=payload.offer,
        seek=payload.seek,
        video_url=payload.video_url,
        profiles=profiles,
    )
    return _me(user, event_id)[1]


@router.put("/events/{event_id}/availability", response=MyParticipantOut)
def availability_set(request: HttpRequest, event_id: int, payload: AvailabilityIn) -> Participant:
    user = api_user(request)
    _event, me = _me(user, event_id)
    services.availability_set(actor=user, participant=me, unavailable_slots=payload.unavailable_slots)
    return _me(user, event_id)[1]


@router.get("/events/{event_id}/meeting-requests", response=list[MeetingRequestOut])
@paginate(LimitOffsetPagination)
def meeting_request_list(request: HttpRequest, event_id: int) -> QuerySet[MeetingRequest]:
    """The caller's requests, sent and received."""
    _event, me = _me(api_user(request), event_id)
    return meeting_requests_of(me)


@router.post("/events/{event_id}/meeting-requests", response={201: MeetingRequestOut})
def meeting_request_send(
    request: HttpRequest, event_id: int, payload: MeetingRequestIn
) -> Status[MeetingRequest]:
    user = api_user(request)
    event, me = _me(user, event_id)
    recipient = participants_search(user, event).filter(pk=payload.recipient_id).first()
    if recipient is None:
        raise ValidationError({"recipient_id": [_("Choose a participant of this event.")]})
    meeting_request = services.meeting_request_send(
        actor=user, requester=me, recipient=recipient, message=payload.message
    )
    return Status(201, get_meeting_request_for_user(user, meeting_request.pk))


@router.post("/meeting-requests/{request_id}/accept", response=MeetingRequestOut)
def meeting_request_accept(request: HttpRequest, request_id: int) -> MeetingRequest:
    user = api_user(request)
    services.meeting_request_accept(actor=user, request=get_meeting_request_for_user(user, request_id))
    return get_meeting_request_for_user(user, request_id)


@router.post("/meeting-requests/{request_id}/decline", response=MeetingRequestOut)
def meeting_request_decline(request: HttpRequest, request_id: int) -> MeetingRequest:
    user = api_user(request)
    services.meeting_request_decline(actor=user, request=get_meeting_request_for_user(user, request_id))
    return get_meeting_request_for_user(user, request_id)


def _agenda_meetings(event: Event, me: Participant) -> QuerySet[Meeting]:
    meetings = agenda_of(me)
    return meetings if event.agenda_published_at else meetings.none()


@router.get("/events/{event_id}/agenda", response=AgendaOut)
def agenda(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """The caller's meetings once the final agenda is published (empty before)."""
    event, me = _me(api_user(request), event_id)
    return {
        "event_id": event.pk,
        "final": event.agenda_published_at is not None,
        "meetings": [
            {
                "meeting_id": meeting.pk,
                "slot": meeting.slot,
                "table": meeting.table,
                "starts_at": event.slot_starts_at(meeting.slot or 0).astimezone(zone_info(event.time_zone)),
                "ends_at": event.slot_ends_at(meeting.slot or 0).astimezone(zone_info(event.time_zone)),
                "with_participant": meeting.other(me),
            }
            for meeting in _agenda_meetings(event, me)
        ],
    }


@router.get("/events/{event_id}/agenda.ics")
def agenda_calendar(request: HttpRequest, event_id: int) -> HttpResponse:
    event, me = _me(api_user(request), event_id)
    return HttpResponse(
        calendar.agenda_calendar(me, _agenda_meetings(event, me)), content_type="text/calendar; charset=utf-8"
    )


# --- schedule (organisers) ---------------------------------------------------------------------


def _schedule_out(event: Event) -> dict[str, Any]:
    return {
        "run": last_schedule_run(event),
        "published": event.agenda_published_at is not None,
        "meetings": list(meetings_of_event(event)),
    }


def _managed_brokerage(user: Any, event_id: int) -> Event:
    event = get_managed_event(user, event_id)
    if not event.is_brokerage:
        raise Http404(_("This event has no B2B meetings."))
    return event


@router.get("/events/{event_id}/schedule", response=ScheduleOut)
def schedule(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """Organisers: every accepted meeting with its slot and table (the preliminary agenda)."""
    return _schedule_out(_managed_brokerage(api_user(request), event_id))


@router.post("/events/{event_id}/schedule/run", response=ScheduleOut)
def schedule_run(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """Run the scheduler; locked meetings keep their slot and table."""
    user = api_user(request)
    event = _managed_brokerage(user, event_id)
    services.schedule_run(actor=user, event=event)
    return _schedule_out(_managed_brokerage(user, event_id))


@router.post("/events/{event_id}/schedule/publish", response=ScheduleOut)
def schedule_publish(request: HttpRequest, event_id: int) -> dict[str, Any]:
    user = api_user(request)
    event = _managed_brokerage(user, event_id)
    services.agenda_publish(actor=user, event=event)
    return _schedule_out(_managed_brokerage(user, event_id))


@router.post("/meetings/{meeting_id}/lock", response=MeetingOut)
def meeting_lock(request: HttpRequest, meeting_id: int, payload: LockIn) -> Meeting:
    user = api_user(request)
    services.meeting_lock(actor=user, meeting=get_meeting_for_user(user, meeting_id), locked=payload.locked)
    return get_meeting_for_user(user, meeting_id)


@router.post("/meetings/{meeting_id}/move", response=MeetingOut)
def meeting_move(request: HttpRequest, meeting_id: int, payload: MoveIn) -> Meeting:
    """Put a meeting in a slot at a table (both from 0); it is locked there."""
    user = api_user(request)
    services.meeting_move(
        actor=user, meeting=get_meeting_for_user(user, meeting_id), slot=payload.slot, table=payload.table
    )
    return get_meeting_for_user(user, meeting_id)
