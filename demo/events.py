"""The demo's events, loaded through the real services: a brokerage day of about sixty participants
from the seed organisations (entries published, requests sent and mostly accepted, the scheduler run,
the agenda left preliminary for the organiser to inspect and publish), and a forum with a timetable.

The crowd of participants are demo users `b2b-NN@demo.parklink.org` without a usable password (they
fill the event; log in as `parkmanager@` to organise or `company@` to take part). Idempotent: each
event is found by its title, so a second run creates nothing.
"""

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from directory.models import Organisation, OrganisationMembership, Role
from events import services
from events.models import Event, MeetingRequest, Participant, Registration

ORGANISER_EMAIL = "parkmanager@demo.parklink.org"
TABRIZ = "East Azerbaijan Science and Technology Park"
BROKERAGE_TITLE = "Silk Road Technology Brokerage Day (demo)"
FORUM_TITLE = "Tabriz Innovation Forum (demo)"
CROWD_SIZE = 58
CROWD_EMAIL = "b2b-{number:02d}@demo.parklink.org"
# Demo people with a password who also take part, so that logging in shows a participant's pages.
PARTICIPATING_DEMO_PEOPLE = ("company@demo.parklink.org", "researcher@demo.parklink.org")
SCHEDULER_SECONDS = 10.0

FIRST_NAMES = (
    "Aibek",
    "Dana",
    "Reza",
    "Min-seo",
    "Aýna",
    "Bakhtiyor",
    "Leyla",
    "Timur",
    "Nilufar",
    "Ji-ho",
    "Arman",
    "Zhanna",
    "Parisa",
    "Serdar",
    "Gulnara",
    "Hyun-woo",
    "Azamat",
    "Shirin",
    "Bolat",
    "Mehmet",
)
LAST_NAMES = ("Saidov", "Kim", "Ahmadi", "Nurlanov", "Park", "Rahimova", "Yilmaz", "Orazov", "Lee", "Karimi")

# (headline, offer, seek): what a participant publishes, in the language they would write it in.
ENTRIES = (
    (
        "Drip irrigation controllers for saline soils",
        "Field-tested controllers and salinity sensors.",
        "Distributors and farms in Central Asia.",
    ),
    (
        "Biosensors for point-of-care diagnostics",
        "Glucose and lactate biosensor chips, CE marked.",
        "Hospital partners for clinical trials and a licensee in Uzbekistan.",
    ),
    (
        "Generic pharmaceuticals: contract manufacturing",
        "GMP capacity for tablets and syrups.",
        "Technology transfer of generic formulations.",
    ),
    (
        "Технологии переработки хлопка",
        "Оборудование для переработки хлопкового волокна.",
        "Партнёры по совместному производству и инвесторы.",
    ),
    (
        "سامانه‌های پایش کیفیت آب",
        "حسگرهای هوشمند کیفیت آب برای شبکه‌های شهری.",
        "شریک تجاری برای ورود به بازار آسیای مرکزی.",
    ),
    (
        "Industrial IoT for textile factories",
        "Machine monitoring retrofits for looms and spinners.",
        "Factories willing to pilot; system integrators.",
    ),
    (
        "Solar drying of fruit and vegetables",
        "Low-cost solar dryers for farm cooperatives.",
        "Cooperatives, NGOs and microfinance partners.",
    ),
    (
        "Metrology and calibration services",
        "Accredited calibration of pressure and temperature gauges.",
        "Laboratories seeking mutual recognition agreements.",
    ),
    (
        "Venture funding for deep-tech start-ups",
        "Seed and Series A tickets of 0.5 to 3 million US dollars.",
        "Start-ups in biotech, agritech and advanced materials.",
    ),
    (
        "Satellite imagery for crop insurance",
        "Crop-yield models from open satellite data.",
        "Insurers and agricultural ministries.",
    ),
    (
        "Медицинские изделия из полимеров",
        "Одноразовые шприцы и катетеры, сертификат ISO 13485.",
        "Дистрибьюторы в странах ШОС.",
    ),
    (
        "Technology transfer office services",
        "Patent landscaping, licensing negotiations, valuations.",
        "Universities and parks building their own TTO.",
    ),
)

FORUM_SESSIONS = (
    (0, 60, "Hall A", "Opening: science parks on the Silk Road", "Reza Parkmanager (demo)"),
    (60, 120, "Hall A", "Panel: financing technology companies across borders", "Aigerim Investor (demo)"),
    (60, 120, "Room 2", "Workshop: writing a technology offer that travels", "Lucía Secretariat (demo)"),
    (150, 210, "Hall A", "Lecture: biosensors from lab to clinic", "Min-jun Company (demo)"),
    (150, 210, "Room 2", "Training: the ParkLink marketplace and meeting requests", ""),
    (240, 300, "Hall A", "Closing: agreements signed at the forum", ""),
)


def _crowd_person(number: int, organisation: Organisation) -> User:
    email = CROWD_EMAIL.format(number=number)
    user = User.objects.filter(email=email).first()
    if user is None:
        name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[number % len(LAST_NAMES)]} (demo)"
        user = User.objects.create_user(email=email, password=None, full_name=name)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if not OrganisationMembership.objects.filter(user=user, organisation=organisation).exists():
        OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.MEMBER)
    return user


def _brokerage_load(
    organiser: User, organisations: list[Organisation], users_by_email: dict[str, User]
) -> list[str]:
    tabriz = next(organisation for organisation in organisations if organisation.name == TABRIZ)
    start = (timezone.now() + datetime.timedelta(days=30)).replace(hour=8, minute=0, second=0, microsecond=0)
    event = services.event_create(
        actor=organiser,
        organisers=[tabriz],
        title=BROKERAGE_TITLE,
        kind=Event.Kind.BROKERAGE,
        description=(
            "One-to-one meetings between science parks, their resident companies, investors and partners "
            "abroad: twenty-minute meetings at numbered tables."
        ),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=9),
        venue="East Azerbaijan Science and Technology Park, Conference Centre",
        city="Tabriz",
        meetings_start_at=start + datetime.timedelta(hours=1),
        slot_minutes=20,
        slot_count=16,
        table_count=20,
        max_requests_per_participant=10,
        max_meetings_per_participant=8,
    )
    services.event_set_status(actor=organiser, event=event, status=Event.Status.PUBLISHED)
    people = [users_by_email[email] for email in PARTICIPATING_DEMO_PEOPLE if email in users_by_email]
    people += [
        _crowd_person(number, organisations[number % len(organisations)]) for number in range(CROWD_SIZE)
    ]
    entries: list[Participant] = []
    for index, person in enumerate(people):
        organisation = Organisation.objects.filter(memberships__user=person).order_by("pk").first()
        registration = services.registration_create(actor=person, event=event, organisation=organisation)
        assert registration.status == Registration.Status.COMPLETE
        headline, offer, seek = ENTRIES[index % len(ENTRIES)]
        participant = services.participant_update(
            actor=person, participant=registration.participant, headline=headline, offer=offer, seek=seek
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
                message="We would like to meet: our fields fit together.",
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
    tabriz = next(organisation for organisation in organisations if organisation.name == TABRIZ)
    start = (timezone.now() + datetime.timedelta(days=45)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = services.event_create(
        actor=organiser,
        organisers=[tabriz],
        title=FORUM_TITLE,
        kind=Event.Kind.FORUM,
        description="A day of talks, a panel and workshops on technology cooperation along the Silk Road.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        venue="East Azerbaijan Science and Technology Park",
        city="Tabriz",
        capacity=200,
    )
    rooms = {
        name: services.room_add(actor=organiser, event=event, name=name) for name in ("Hall A", "Room 2")
    }
    for begin, end, room, title, speakers in FORUM_SESSIONS:
        services.session_add(
            actor=organiser,
            event=event,
            title=title,
            starts_at=start + datetime.timedelta(minutes=begin),
            ends_at=start + datetime.timedelta(minutes=end),
            room=rooms[room],
            speakers=speakers,
        )
    services.question_add(
        actor=organiser,
        event=event,
        label="Which workshop will you join?",
        kind="choice",
        choices="Writing a technology offer\nThe ParkLink marketplace",
        required=False,
    )
    services.event_set_status(actor=organiser, event=event, status=Event.Status.PUBLISHED)
    for email in ("researcher@demo.parklink.org", "investor@demo.parklink.org"):
        if email in users_by_email:
            services.registration_create(actor=users_by_email[email], event=event)
    return [f"event: {FORUM_TITLE} ({len(FORUM_SESSIONS)} sessions in 2 rooms)"]


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
