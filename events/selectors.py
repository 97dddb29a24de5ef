"""Permission-aware reads of events: every page, endpoint and service asks here.

Who sees what:
- a published (or cancelled) event is public; a draft only to its organisers;
- organisers are the admins of an organising organisation, and platform operators;
- a registration is seen by its person and the event's organisers;
- a brokerage's participants, by the event's registered participants and its organisers;
- a meeting request or meeting, by its two participants and the organisers.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, is_signed_in
from core.request_memo import memoised_per_request
from directory.models import Organisation, Role
from directory.selectors import admin_organisation_ids as admin_organisation_ids  # events' services
from directory.selectors import member_organisations
from events.models import (
    AttendanceCertificate,
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Registration,
    ScheduleRun,
)

Status = Registration.Status

# Events' services and API ask for "my organisations" by this name.
member_organisations_of = member_organisations


def organising_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations `user` may name as an event's organisers."""
    if is_platform_operator(user):
        return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")
    return member_organisations(user, role=Role.ADMIN)


def _organised_by(user: Any) -> Q:
    return Q(organisers__memberships__user=user, organisers__memberships__role=Role.ADMIN)


@memoised_per_request
def organised_event_ids(user: Any) -> set[int]:
    """The ids of the events `user` organises (an admin of an organiser), read once per request: as
    literal ids, PostgreSQL estimates the few rows they select instead of hashing every registration,
    participant and meeting of the joins (issue 18)."""
    return set(Event.objects.filter(_organised_by(user)).values_list("pk", flat=True))


def events_visible_to(user: Any) -> QuerySet[Event]:
    events = Event.objects.prefetch_related("organisers")
    if is_platform_operator(user):
        return events
    public = ~Q(status=Event.Status.DRAFT)
    if not is_signed_in(user):
        return events.filter(public)
    visible_ids = Event.objects.filter(public | _organised_by(user)).values("pk")
    return events.filter(pk__in=visible_ids)


def events_organised_by(user: Any) -> QuerySet[Event]:
    """The events `user` organises (an admin of an organising organisation), soonest first."""
    if not is_signed_in(user):
        return Event.objects.none()
    return Event.objects.filter(pk__in=Event.objects.filter(_organised_by(user)).values("pk")).order_by(
        "starts_at", "pk"
    )


def is_organiser(user: Any, event: Event) -> bool:
    if is_platform_operator(user):
        return True
    if not is_signed_in(user):
        return False
    return event.pk in organised_event_ids(user)


def registration_of(user: Any, event: Event) -> Registration | None:
    if not is_signed_in(user):
        return None
    return Registration.objects.filter(event=event, user=user).select_related("organisation").first()


def participant_of(user: Any, event: Event) -> Participant | None:
    """`user`'s brokerage entry, if their registration is complete."""
    if not is_signed_in(user):
        return None
    return (
        Participant.objects.filter(event=event, registration__user=user, registration__status=Status.COMPLETE)
        .select_related("registration", "registration__user", "registration__organisation")
        .first()
    )


@dataclass(frozen=True)
class EventPermissions:
    can_manage: bool = False
    can_register: bool = False
    registration: Registration | None = None
    participant: Participant | None = None

    @property
    def can_see_participants(self) -> bool:
        return self.can_manage or self.participant is not None


def get_event_for_user(user: Any, pk: int) -> tuple[Event, EventPermissions]:
    event = events_visible_to(user).filter(pk=pk).first()
    if event is None:
        raise Http404(_("No such event."))
    registration = registration_of(user, event)
    participant = participant_of(user, event) if event.is_brokerage else None
    can_register = (
        is_signed_in(user)
        and event.status == Event.Status.PUBLISHED
        and (registration is None or registration.status == Status.WITHDRAWN)
    )
    return event, EventPermissions(
        can_manage=is_organiser(user, event),
        can_register=can_register,
        registration=registration,
        participant=participant,
    )


def get_managed_event(user: Any, pk: int) -> Event:
    """The event if `user` organises it (404 for anyone who cannot see it, 403 for mere visitors)."""
    from django.core.exceptions import PermissionDenied

    event, permissions = get_event_for_user(user, pk)
    if not permissions.can_manage:
        raise PermissionDenied(_("Only the event's organisers may do this."))
    return event


def sessions_of(event: Event) -> QuerySet[Any]:
    return event.sessions.select_related("room")


def registrations_visible_to(user: Any) -> QuerySet[Registration]:
    registrations = Registration.objects.select_related("event", "user", "organisation")
    if is_platform_operator(user):
        return registrations
    if not is_signed_in(user):
        return registrations.none()
    organised = organised_event_ids(user)
    return registrations.filter(Q(user=user) | Q(event_id__in=organised))


def registrations_of_event(
    user: Any, event: Event, *, q: str = "", status: str = ""
) -> QuerySet[Registration]:
    registrations = registrations_visible_to(user).filter(event=event)
    if q:
        registrations = registrations.filter(
            Q(user__full_name__icontains=q) | Q(user__email__icontains=q) | Q(organisation__name__icontains=q)
        )
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("user__full_name", "user__email", "pk")


def get_registration_for_user(user: Any, pk: int) -> tuple[Registration, bool]:
    """The registration and whether `user` organises its event."""
    registration = registrations_visible_to(user).filter(pk=pk).first()
    if registration is None:
        raise Http404(_("No such registration."))
    return registration, is_organiser(user, registration.event)


def _participant_queryset() -> QuerySet[Participant]:
    return Participant.objects.select_related(
        "event", "registration", "registration__user", "registration__organisation"
    ).prefetch_related("profiles")


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    participants = _participant_queryset().filter(registration__status=Status.COMPLETE)
    if is_platform_operator(user):
        return participants
    if not is_signed_in(user):
        return participants.none()
    attending = Registration.objects.filter(user=user, status=Status.COMPLETE).values("event_id")
    organised = organised_event_ids(user)
    return participants.filter(Q(event_id__in=attending) | Q(event_id__in=organised))


def participants_search(
    user: Any, event: Event, *, q: str = "", country: str = "", sector: str = ""
) -> QuerySet[Participant]:
    # The organisations of the page's participants only, fetched by id: joined to every participant
    # before the sort by name, PostgreSQL hashed all 150,000 organisations (issue 18).
    participants = (
        participants_visible_to(user)
        .filter(event=event)
        .select_related(None)
        .select_related("event", "registration", "registration__user")
        .prefetch_related("registration__organisation")
    )
    if q:
        participants = participants.filter(
            Q(headline__icontains=q)
            | Q(offer__icontains=q)
            | Q(seek__icontains=q)
            | Q(registration__user__full_name__icontains=q)
            | Q(registration__organisation__name__icontains=q)
        )
    if country:
        participants = participants.filter(registration__organisation__country=country.upper())
    if sector:
        participants = participants.filter(registration__organisation__sectors__code=sector).distinct()
    return participants


def get_participant_for_user(user: Any, pk: int) -> Participant:
    participant = participants_visible_to(user).filter(pk=pk).first()
    if participant is None:
        raise Http404(_("No such participant."))
    return participant


def _request_queryset() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related(
        "event",
        "requester__registration__user",
        "requester__registration__organisation",
        "recipient__registration__user",
        "recipient__registration__organisation",
    )


def meeting_requests_visible_to(user: Any) -> QuerySet[MeetingRequest]:
    requests = _request_queryset()
    if is_platform_operator(user):
        return requests
    if not is_signed_in(user):
        return requests.none()
    organised = organised_event_ids(user)
    mine = participant_ids_of(user)
    return requests.filter(Q(requester_id__in=mine) | Q(recipient_id__in=mine) | Q(event_id__in=organised))


def get_meeting_request_for_user(user: Any, pk: int) -> MeetingRequest:
    request = meeting_requests_visible_to(user).filter(pk=pk).first()
    if request is None:
        raise Http404(_("No such meeting request."))
    return request


def meeting_requests_of(participant: Participant) -> QuerySet[MeetingRequest]:
    return _request_queryset().filter(Q(requester=participant) | Q(recipient=participant))


def _meeting_queryset() -> QuerySet[Meeting]:
    return Meeting.objects.select_related(
        "event",
        "a__registration__user",
        "a__registration__organisation",
        "b__registration__user",
        "b__registration__organisation",
    )


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    meetings = _meeting_queryset()
    if is_platform_operator(user):
        return meetings
    if not is_signed_in(user):
        return meetings.none()
    organised = organised_event_ids(user)
    mine = participant_ids_of(user)
    return meetings.filter(Q(a_id__in=mine) | Q(b_id__in=mine) | Q(event_id__in=organised))


@memoised_per_request
def participant_ids_of(user: Any) -> set[int]:
    """The ids of `user`'s participants, read once per request: a condition on either side of a meeting
    through these joins, ORed, made PostgreSQL join every meeting to both sides' registrations first, and
    as a subquery it still hashed every participant (issue 18)."""
    return set(Participant.objects.filter(registration__user=user).values_list("pk", flat=True))


def get_meeting_for_user(user: Any, pk: int) -> Meeting:
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting


def meetings_of_event(event: Event) -> QuerySet[Meeting]:
    return _meeting_queryset().filter(event=event)


def agenda_recipient_count(event: Event) -> int:
    """How many people publishing the final agenda notifies: those with at least one scheduled meeting
    (the same people `agenda_publish` notifies)."""
    return (
        Participant.objects.filter(event=event)
        .filter(Q(meetings_as_a__slot__isnull=False) | Q(meetings_as_b__slot__isnull=False))
        .values("registration__user")
        .distinct()
        .count()
    )


def agenda_of(participant: Participant) -> QuerySet[Meeting]:
    """`participant`'s scheduled meetings, in time order."""
    return (
        _meeting_queryset()
        .filter(Q(a=participant) | Q(b=participant), slot__isnull=False)
        .prefetch_related(
            Prefetch("outcomes", queryset=MeetingOutcome.objects.filter(participant=participant))
        )
        .order_by("slot", "table")
    )


def last_schedule_run(event: Event) -> ScheduleRun | None:
    return event.schedule_runs.first()


@dataclass(frozen=True)
class OutcomeStatistics:
    meetings: int
    scheduled: int
    answers: int
    by_outcome: list[tuple[str, str, int]]  # (code, label, count)


def outcome_statistics(event: Event) -> OutcomeStatistics:
    counts = Counter(MeetingOutcome.objects.filter(meeting__event=event).values_list("outcome", flat=True))
    meetings = event.meetings.count()
    scheduled = event.meetings.filter(slot__isnull=False).count()
    return OutcomeStatistics(
        meetings=meetings,
        scheduled=scheduled,
        answers=sum(counts.values()),
        by_outcome=[
            (code, str(label), counts.get(code, 0)) for code, label in MeetingOutcome.Outcome.choices
        ],
    )


def get_certificate_by_number(number: str) -> AttendanceCertificate | None:
    return (
        AttendanceCertificate.objects.select_related("registration__event", "registration__user")
        .filter(number=number.strip().upper())
        .first()
    )
