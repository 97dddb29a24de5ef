"""The events API's request and response schemas (names unique across the API: core.api_contract)."""

import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from core.api_auth import api_user
from core.api_contract import inline_choices
from core.timezones import zone_info
from directory.models import Organisation
from events import services
from events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Participant,
    Registration,
    RegistrationQuestion,
    Session,
)
from events.selectors import (
    is_organiser,
)

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
EventKind = Annotated[Event.Kind, inline_choices(Event.Kind)]
EventMeetingFormat = Annotated[Event.MeetingFormat, inline_choices(Event.MeetingFormat)]
EventStatus = Annotated[Event.Status, inline_choices(Event.Status)]
MeetingRequestStatus = Annotated[MeetingRequest.Status, inline_choices(MeetingRequest.Status)]
RegistrationQuestionKind = Annotated[RegistrationQuestion.Kind, inline_choices(RegistrationQuestion.Kind)]
RegistrationStatus = Annotated[Registration.Status, inline_choices(Registration.Status)]


class EventOrganisationRefOut(Schema):
    id: int
    name: str
    country: str


class RoomOut(Schema):
    id: int
    name: str


class SessionOut(Schema):
    id: int
    title: str
    speakers: str
    room: RoomOut | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @staticmethod
    def resolve_starts_at(obj: Session) -> datetime.datetime:
        return obj.starts_at.astimezone(zone_info(obj.event.time_zone))

    @staticmethod
    def resolve_ends_at(obj: Session) -> datetime.datetime:
        return obj.ends_at.astimezone(zone_info(obj.event.time_zone))


class QuestionOut(Schema):
    id: int
    label: str
    kind: RegistrationQuestionKind
    choices: list[str] = Field(..., alias="choice_list")
    required: bool


def _at_venue(obj: Event | dict[str, Any], name: str) -> Any:
    """The moment with the venue's offset (2026-05-12T08:00:00+03:30): the same instant as in UTC,
    and what a person at the venue reads on the clock."""
    value = obj[name] if isinstance(obj, dict) else getattr(obj, name)
    zone = obj["time_zone"] if isinstance(obj, dict) else obj.time_zone
    return value.astimezone(zone_info(zone)) if isinstance(value, datetime.datetime) else value


class EventSummaryOut(Schema):
    id: int
    title: str
    kind: EventKind
    status: EventStatus
    starts_at: datetime.datetime = Field(description="ISO 8601 with the venue's UTC offset.")
    ends_at: datetime.datetime = Field(description="ISO 8601 with the venue's UTC offset.")
    time_zone: str = Field(description="The venue's IANA time zone, e.g. Asia/Tehran.")
    venue: str
    city: str
    online_url: str
    organisers: list[EventOrganisationRefOut]

    @staticmethod
    def resolve_starts_at(obj: Event | dict[str, Any]) -> datetime.datetime:
        return _at_venue(obj, "starts_at")

    @staticmethod
    def resolve_ends_at(obj: Event | dict[str, Any]) -> datetime.datetime:
        return _at_venue(obj, "ends_at")

    @staticmethod
    def resolve_organisers(obj: Event | dict[str, Any]) -> list[Organisation]:
        if isinstance(obj, dict):  # the detail endpoint builds a dict with permissions beside the event
            return list(obj["organisers"])
        return list(obj.organisers.all())


class EventOut(EventSummaryOut):
    description: str
    capacity: int | None
    moderated: bool
    meeting_format: EventMeetingFormat
    meetings_start_at: datetime.datetime | None
    slot_minutes: int
    slot_count: int
    table_count: int
    request_expiry_hours: int
    max_requests_per_participant: int
    max_meetings_per_participant: int
    survey_delay_hours: int
    agenda_published_at: datetime.datetime | None
    sessions: list[SessionOut]
    questions: list[QuestionOut]
    can_manage: bool
    can_register: bool
    my_registration_id: int | None


class EventIn(Schema):
    title: str = Field(..., max_length=300)
    kind: EventKind
    organiser_ids: list[int]
    starts_at: datetime.datetime = Field(
        description="With an offset, or without one for the venue's clock in `time_zone`."
    )
    ends_at: datetime.datetime
    description: str = Field("", max_length=10000)
    venue: str = Field("", max_length=300)
    city: str = Field("", max_length=120)
    time_zone: str = Field(
        "",
        max_length=64,
        description="The venue's IANA zone; empty: the first organiser's, else UTC (on update: kept).",
    )
    online_url: str = Field("", max_length=500)
    capacity: int | None = Field(None, ge=1)
    moderated: bool = False
    meeting_format: EventMeetingFormat = Event.MeetingFormat.TABLES
    meetings_start_at: datetime.datetime | None = None
    slot_minutes: int = Field(30, ge=5, le=240)
    slot_count: int = Field(8, ge=1, le=64)
    table_count: int = Field(10, ge=1, le=1000)
    request_expiry_hours: int = Field(72, ge=1, le=2000)
    max_requests_per_participant: int = Field(20, ge=1, le=1000)
    max_meetings_per_participant: int = Field(8, ge=1, le=64)
    survey_delay_hours: int = Field(24, ge=0, le=2000)


class EventStatusIn(Schema):
    status: EventStatus


class SessionIn(Schema):
    title: str = Field(..., max_length=300)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room_id: int | None = None
    speakers: str = Field("", max_length=500)
    description: str = Field("", max_length=10000)


class RoomIn(Schema):
    name: str = Field(..., max_length=200)
    capacity: int | None = Field(None, ge=1)


class QuestionIn(Schema):
    label: str = Field(..., max_length=300)
    kind: RegistrationQuestionKind = RegistrationQuestion.Kind.TEXT
    choices: list[Annotated[str, Field(max_length=200)]] = []
    required: bool = False


class EventPersonOut(Schema):
    id: int
    name: str
    email: str


class RegistrationOut(Schema):
    id: int
    event_id: int
    person: EventPersonOut
    organisation: EventOrganisationRefOut | None
    status: RegistrationStatus
    answers: dict[str, str]
    rejection_reason: str
    checked_in_at: datetime.datetime | None
    created_at: datetime.datetime
    actions: list[str] = Field(
        description="What you may do with this registration now: approve, reject, withdraw, check_in."
    )

    @staticmethod
    def resolve_person(obj: Registration) -> dict[str, Any]:
        return {"id": obj.user_id, "name": obj.user.get_full_name(), "email": obj.user.email}

    @staticmethod
    def resolve_actions(obj: Registration, context: dict[str, Any]) -> list[str]:
        request = context["request"]
        user = api_user(request)
        # A list holds many registrations of few events: ask once per event whether `user` organises it.
        organiser_of: dict[int, bool] = request.__dict__.setdefault("events_organiser_of", {})
        if obj.event_id not in organiser_of:
            organiser_of[obj.event_id] = is_organiser(user, obj.event)
        return services.registration_actions_for(user, obj, organiser=organiser_of[obj.event_id])


class RegistrationIn(Schema):
    organisation_id: int | None = None
    answers: dict[str, Annotated[str, Field(max_length=5000)]] = Field(
        default_factory=dict, description="Question id -> answer."
    )


class RegistrationRejectIn(Schema):
    reason: str = Field("", max_length=4000)


class ParticipantOut(Schema):
    id: int
    name: str
    organisation: EventOrganisationRefOut | None
    headline: str
    offer: str
    seek: str
    profile_ids: list[int]

    @staticmethod
    def resolve_name(obj: Participant) -> str:
        return obj.registration.user.get_full_name()

    @staticmethod
    def resolve_organisation(obj: Participant) -> Organisation | None:
        return obj.registration.organisation

    @staticmethod
    def resolve_profile_ids(obj: Participant) -> list[int]:
        return [profile.pk for profile in obj.profiles.all()]


class MyParticipantOut(ParticipantOut):
    unavailable_slots: list[int]
    video_url: str


class ParticipantIn(Schema):
    headline: str = Field("", max_length=200)
    offer: str = Field("", max_length=5000)
    seek: str = Field("", max_length=5000)
    video_url: str = Field("", max_length=500)
    profile_ids: list[int] = []


class AvailabilityIn(Schema):
    unavailable_slots: list[int]


class MeetingRequestOut(Schema):
    id: int
    event_id: int
    requester_id: int
    recipient_id: int
    requester_name: str
    recipient_name: str
    message: str
    status: MeetingRequestStatus
    expires_at: datetime.datetime
    answered_at: datetime.datetime | None

    @staticmethod
    def resolve_requester_name(obj: MeetingRequest) -> str:
        return obj.requester.registration.user.get_full_name()

    @staticmethod
    def resolve_recipient_name(obj: MeetingRequest) -> str:
        return obj.recipient.registration.user.get_full_name()


class MeetingRequestIn(Schema):
    recipient_id: int
    message: str = Field(..., max_length=5000)


class MeetingOut(Schema):
    id: int
    a_id: int
    b_id: int
    mutual: bool
    slot: int | None
    table: int | None
    locked: bool
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None

    @staticmethod
    def resolve_starts_at(obj: Meeting) -> datetime.datetime | None:
        if obj.slot is None:
            return None
        return obj.event.slot_starts_at(obj.slot).astimezone(zone_info(obj.event.time_zone))

    @staticmethod
    def resolve_ends_at(obj: Meeting) -> datetime.datetime | None:
        if obj.slot is None:
            return None
        return obj.event.slot_ends_at(obj.slot).astimezone(zone_info(obj.event.time_zone))


class AgendaItemOut(Schema):
    meeting_id: int
    slot: int
    table: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    with_participant: ParticipantOut


class AgendaOut(Schema):
    event_id: int
    final: bool
    meetings: list[AgendaItemOut]


class ScheduleRunOut(Schema):
    scheduled: int
    unscheduled: int
    upper_bound: int
    idle_gaps: int
    seconds: float
    run_at: datetime.datetime


class ScheduleOut(Schema):
    run: ScheduleRunOut | None
    published: bool
    meetings: list[MeetingOut]


class LockIn(Schema):
    locked: bool


class MoveIn(Schema):
    slot: int = Field(..., ge=0)
    table: int = Field(..., ge=0, description="Table number from 0.")


class SuggestionOut(Schema):
    participant: ParticipantOut
    relevance: str = Field(description='"strong" or "possible" match.')
    relevance_label: str
    they_offer: bool = Field(description="They offer what you seek.")
    they_seek: bool = Field(description="They seek what you offer.")
    reason: str = Field(description="Why, in words.")
    best_sentence: str = Field(description="The sentence of their entry that matches yours.")
    score: float = Field(description="For ordering only.")
