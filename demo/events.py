"""The demo's events, loaded through the real services: a brokerage day of about sixty participants
from the seed organisations (entries published, requests sent and mostly accepted, the scheduler run,
the agenda left preliminary for the organiser to inspect and publish), and a forum with a timetable.

The crowd of participants are demo users `b2b-NN@demo.parklink.org` without a usable password (they
fill the event; log in as `parkmanager@` to organise or `company@` to take part). Idempotent: each
event is found by its title, so a second run creates nothing. The events' details, the crowd's names
and what participants publish are in `demo/data/events.json`.
"""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from core.timezones import available_zone_names, zone_info
from demo.datafiles import DataEntry, DemoDataError, data_file_read
from directory.models import Organisation, OrganisationMembership, Role
from events import services
from events.models import Event, MeetingRequest, Participant, Registration, RegistrationQuestion

SCHEDULER_SECONDS = 10.0


@dataclass(frozen=True)
class DemoCrowd:
    """Demo users without a usable password who fill the brokerage day."""

    size: int
    email: str  # a format string with {number}
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


@dataclass(frozen=True)
class DemoEntry:
    """What a participant publishes, in the language they would write it in."""

    headline: str
    offer: str
    seek: str


@dataclass(frozen=True)
class DemoBrokerage:
    title: str
    description: str
    days_ahead: int
    starts_at_hour: int
    hours: int
    venue: str
    city: str
    time_zone: str  # the venue's; starts_at_hour is its clock
    meetings_start_after_hours: int
    slot_minutes: int
    slot_count: int
    table_count: int
    max_requests_per_participant: int
    max_meetings_per_participant: int
    # Demo people with a password who also take part, so that logging in shows a participant's pages.
    participating_people: tuple[str, ...]
    crowd: DemoCrowd
    entries: tuple[DemoEntry, ...]
    meeting_request_message: str


@dataclass(frozen=True)
class DemoSession:
    title: str
    from_minute: int  # after the forum starts
    to_minute: int
    room: str
    speakers: str


@dataclass(frozen=True)
class DemoQuestion:
    label: str
    kind: str
    choices: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class DemoForum:
    title: str
    description: str
    days_ahead: int
    starts_at_hour: int
    hours: int
    venue: str
    city: str
    time_zone: str  # the venue's; starts_at_hour is its clock
    capacity: int
    rooms: tuple[str, ...]
    sessions: tuple[DemoSession, ...]
    questions: tuple[DemoQuestion, ...]
    registrants: tuple[str, ...]  # emails of demo people who register


@dataclass(frozen=True)
class DemoEvents:
    organiser: str  # email
    host: str  # the organising organisation's name
    brokerage: DemoBrokerage
    forum: DemoForum


def _crowd_read(entry: DataEntry) -> DemoCrowd:
    crowd = DemoCrowd(
        size=entry.integer("size"),
        email=entry.text("email"),
        first_names=entry.texts("first_names"),
        last_names=entry.texts("last_names"),
    )
    if "{number" not in crowd.email or not crowd.first_names or not crowd.last_names:
        raise DemoDataError(
            f"{entry.file}: {entry.where} needs an email with {{number}} and some first and last names."
        )
    return crowd


def _brokerage_read(entry: DataEntry) -> DemoBrokerage:
    return DemoBrokerage(
        title=entry.text("title"),
        description=entry.text("description"),
        days_ahead=entry.integer("days_ahead"),
        starts_at_hour=entry.integer("starts_at_hour"),
        hours=entry.integer("hours"),
        venue=entry.text("venue"),
        city=entry.text("city"),
        time_zone=entry.text("time_zone", "UTC", choices=available_zone_names()),
        meetings_start_after_hours=entry.integer("meetings_start_after_hours"),
        slot_minutes=entry.integer("slot_minutes"),
        slot_count=entry.integer("slot_count"),
        table_count=entry.integer("table_count"),
        max_requests_per_participant=entry.integer("max_requests_per_participant"),
        max_meetings_per_participant=entry.integer("max_meetings_per_participant"),
        participating_people=entry.texts("participating_people"),
        crowd=entry.entry("crowd", _crowd_read),
        entries=entry.entries(
            "entries",
            lambda item: DemoEntry(
                headline=item.text("headline"), offer=item.text("offer"), seek=item.text("seek")
            ),
        ),
        meeting_request_message=entry.text("meeting_request_message"),
    )


def _forum_read(entry: DataEntry) -> DemoForum:
    rooms = entry.texts("rooms")
    return DemoForum(
        title=entry.text("title"),
        description=entry.text("description"),
        days_ahead=entry.integer("days_ahead"),
        starts_at_hour=entry.integer("starts_at_hour"),
        hours=entry.integer("hours"),
        venue=entry.text("venue"),
        city=entry.text("city"),
        time_zone=entry.text("time_zone", "UTC", choices=available_zone_names()),
        capacity=entry.integer("capacity"),
        rooms=rooms,
        sessions=entry.entries(
            "sessions",
            lambda item: DemoSession(
                title=item.text("title"),
                from_minute=item.integer("from_minute"),
                to_minute=item.integer("to_minute"),
                room=item.text("room", choices=rooms),
                speakers=item.text("speakers", ""),
            ),
        ),
        questions=entry.entries(
            "questions",
            lambda item: DemoQuestion(
                label=item.text("label"),
                kind=item.text("kind", choices=RegistrationQuestion.Kind.values),
                choices=item.texts("choices"),
                required=item.flag("required"),
            ),
        ),
        registrants=entry.texts("registrants"),
    )


EVENTS_DEMO = data_file_read(
    "events.json",
    lambda file: DemoEvents(
        organiser=file.text("organiser"),
        host=file.text("host"),
        brokerage=file.entry("brokerage", _brokerage_read),
        forum=file.entry("forum", _forum_read),
    ),
)
ORGANISER_EMAIL = EVENTS_DEMO.organiser
TABRIZ = EVENTS_DEMO.host
BROKERAGE_TITLE = EVENTS_DEMO.brokerage.title
FORUM_TITLE = EVENTS_DEMO.forum.title
CROWD_SIZE = EVENTS_DEMO.brokerage.crowd.size
CROWD_EMAIL = EVENTS_DEMO.brokerage.crowd.email


def _crowd_person(number: int, organisation: Organisation) -> User:
    crowd = EVENTS_DEMO.brokerage.crowd
    email = crowd.email.format(number=number)
    user = User.objects.filter(email=email).first()
    if user is None:
        first_name = crowd.first_names[number % len(crowd.first_names)]
        name = f"{first_name} {crowd.last_names[number % len(crowd.last_names)]} (demo)"
        user = User.objects.create_user(email=email, password=None, full_name=name)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if not OrganisationMembership.objects.filter(user=user, organisation=organisation).exists():
        OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.MEMBER)
    return user


def _venue_start(days_ahead: int, hour: int, zone: str) -> datetime.datetime:
    """`hour` o'clock at the venue, `days_ahead` days from now (stored in UTC)."""
    day = timezone.localtime(timezone.now(), zone_info(zone)) + datetime.timedelta(days=days_ahead)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _brokerage_load(
    organiser: User, organisations: list[Organisation], users_by_email: dict[str, User]
) -> list[str]:
    wanted = EVENTS_DEMO.brokerage
    tabriz = next(organisation for organisation in organisations if organisation.name == TABRIZ)
    start = _venue_start(wanted.days_ahead, wanted.starts_at_hour, wanted.time_zone)
    event = services.event_create(
        actor=organiser,
        organisers=[tabriz],
        title=wanted.title,
        kind=Event.Kind.BROKERAGE,
        description=wanted.description,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=wanted.hours),
        venue=wanted.venue,
        city=wanted.city,
        time_zone=wanted.time_zone,
        meetings_start_at=start + datetime.timedelta(hours=wanted.meetings_start_after_hours),
        slot_minutes=wanted.slot_minutes,
        slot_count=wanted.slot_count,
        table_count=wanted.table_count,
        max_requests_per_participant=wanted.max_requests_per_participant,
        max_meetings_per_participant=wanted.max_meetings_per_participant,
    )
    services.event_set_status(actor=organiser, event=event, status=Event.Status.PUBLISHED)
    people = [users_by_email[email] for email in wanted.participating_people if email in users_by_email]
    people += [
        _crowd_person(number, organisations[number % len(organisations)])
        for number in range(wanted.crowd.size)
    ]
    entries: list[Participant] = []
    for index, person in enumerate(people):
        organisation = Organisation.objects.filter(memberships__user=person).order_by("pk").first()
        registration = services.registration_create(actor=person, event=event, organisation=organisation)
        assert registration.status == Registration.Status.COMPLETE
        entry = wanted.entries[index % len(wanted.entries)]
        participant = services.participant_update(
            actor=person,
            participant=registration.participant,
            headline=entry.headline,
            offer=entry.offer,
            seek=entry.seek,
        )
        if index % 5 == 4:  # a fifth of the participants arrive late or leave early
            late = [0, 1] if index % 2 else [14, 15]
            services.availability_set(actor=person, participant=participant, unavailable_slots=late)
        entries.append(participant)
    requests = 0
    count = len(entries)
    for index, requester in enumerate(entries):
        for step in (1, 4, 9, 15, 22):
            recipient = entries[(index + step) % count]
            if MeetingRequest.objects.filter(requester=requester, recipient=recipient).exists():
                continue
            if MeetingRequest.objects.filter(
                requester=recipient, recipient=requester, status="accepted"
            ).exists():
                continue
            services.meeting_request_send(
                actor=requester.registration.user,
                requester=requester,
                recipient=recipient,
                message=wanted.meeting_request_message,
            )
            requests += 1
    accepted = declined = 0
    for position, request in enumerate(
        MeetingRequest.objects.filter(event=event, status="pending").order_by("pk")
    ):
        if position % 7 == 6:
            continue  # left waiting for an answer
        if position % 11 == 10:
            services.meeting_request_decline(actor=request.recipient.registration.user, request=request)
            declined += 1
            continue
        try:
            services.meeting_request_accept(actor=request.recipient.registration.user, request=request)
            accepted += 1
        except ValidationError:  # a participant already at the meeting cap: the request stays pending
            continue
    run = services.schedule_run(actor=organiser, event=event, time_limit_seconds=SCHEDULER_SECONDS)
    return [
        f"event: {BROKERAGE_TITLE} ({len(entries)} participants)",
        f"meeting requests: {requests} sent, {accepted} accepted, {declined} declined",
        f"schedule: {run.scheduled} meetings placed, at most {run.upper_bound} possible",
    ]


def _forum_load(
    organiser: User, organisations: list[Organisation], users_by_email: dict[str, User]
) -> list[str]:
    wanted = EVENTS_DEMO.forum
    tabriz = next(organisation for organisation in organisations if organisation.name == TABRIZ)
    start = _venue_start(wanted.days_ahead, wanted.starts_at_hour, wanted.time_zone)
    event = services.event_create(
        actor=organiser,
        organisers=[tabriz],
        title=wanted.title,
        kind=Event.Kind.FORUM,
        description=wanted.description,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=wanted.hours),
        venue=wanted.venue,
        city=wanted.city,
        time_zone=wanted.time_zone,
        capacity=wanted.capacity,
    )
    rooms = {name: services.room_add(actor=organiser, event=event, name=name) for name in wanted.rooms}
    for session in wanted.sessions:
        services.session_add(
            actor=organiser,
            event=event,
            title=session.title,
            starts_at=start + datetime.timedelta(minutes=session.from_minute),
            ends_at=start + datetime.timedelta(minutes=session.to_minute),
            room=rooms[session.room],
            speakers=session.speakers,
        )
    for question in wanted.questions:
        services.question_add(
            actor=organiser,
            event=event,
            label=question.label,
            kind=question.kind,
            choices="\n".join(question.choices),
            required=question.required,
        )
    services.event_set_status(actor=organiser, event=event, status=Event.Status.PUBLISHED)
    for email in wanted.registrants:
        if email in users_by_email:
            services.registration_create(actor=users_by_email[email], event=event)
    return [f"event: {FORUM_TITLE} ({len(wanted.sessions)} sessions in {len(wanted.rooms)} rooms)"]


def demo_events_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create what is missing and return a line for each thing created (idempotent)."""
    organiser = users_by_email.get(ORGANISER_EMAIL)
    if organiser is None or TABRIZ not in organisations_by_name:
        return []
    organisations = sorted(
        (
            organisation
            for organisation in organisations_by_name.values()
            if organisation.kind != Organisation.Kind.NETWORK and "Independent" not in organisation.name
        ),
        key=lambda organisation: organisation.name,
    )
    created: list[str] = []
    if not Event.objects.filter(title=BROKERAGE_TITLE).exists():
        created += _brokerage_load(organiser, organisations, users_by_email)
    if not Event.objects.filter(title=FORUM_TITLE).exists():
        created += _forum_load(organiser, organisations, users_by_email)
    return created
