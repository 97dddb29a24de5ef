"""The demo's exchanges, loaded through the real services.

Seed 003: Uzbekistan's Agency for Developing Pharmaceutical Network agreed with the Gyeonggi Bio Center
on the exchange of experience and personnel between its research institutes, Toshkent Farma Park and
the Korean biocenter, and on training Uzbek scientists in Korean biotechnology centres. The demo runs
it as an IASP programme (the demo secretariat's network) with quotas, a placement published by the
Gyeonggi Bio Center, an open call, and one mobility from Korea to Toshkent Farma Park completed with
its documents.

Seed 002's Organization of Turkic States calls for fellowships: an OTS fellowship call, run by the
platform operator, with applications at different stages (draft, submitted, under review, offered).

The programmes, with their placements, calls and applications (and how far each application goes), are
in `demo/data/exchanges.json`; organisations are named by name and people by email.

Idempotent: programmes, calls and placements are found by title, applications by call and applicant.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.models import User
from core.models import Sector
from demo.content import ORGANISATIONS, PEOPLE
from demo.datafiles import DataEntry, data_file_read
from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import Application, Call, CallField, CareerStage, ParticipantType, Placement, Programme

STAGES = (
    "submitted",
    "eligible",
    "under_review",
    "accepted",
    "offered",
    "offer_accepted",
    "placement",
    "completed",
)


@dataclass(frozen=True)
class DemoPlacementDone:
    """Where and when an application's stay took place."""

    lab: str
    supervisor: str
    started_days_ago: int
    ended_days_ago: int


@dataclass(frozen=True)
class DemoApplication:
    applicant: str  # email
    home: str
    host: str
    stage: str  # how far the demo takes it: "draft" or one of STAGES
    summary: str
    participant_type: str
    career_stage: str
    duration: int
    subject_area: str  # a sector code, or ""
    placement: DemoPlacementDone | None  # from the "placement" stage on
    final_report: str  # at the "completed" stage
    host_evaluation: str  # at the "completed" stage


@dataclass(frozen=True)
class DemoCriterion:
    name: str
    weight: int


@dataclass(frozen=True)
class DemoCall:
    title: str
    description: str
    blind_review: bool
    opens_days_ago: int
    closes_in_days: int
    questions: tuple[tuple[str, str], ...]  # (label, kind)
    criteria: tuple[DemoCriterion, ...]
    reviewer: str  # email
    applications: tuple[DemoApplication, ...]


@dataclass(frozen=True)
class DemoPlacement:
    host: str
    title: str
    lab: str
    project: str
    supervisor: str
    description: str
    starts_in_days: int
    ends_in_days: int


@dataclass(frozen=True)
class DemoProgramme:
    network: str
    manager: str  # email of who creates and runs it
    title: str
    description: str
    mobilities_per_year: int
    duration_unit: str
    min_duration: int
    max_duration: int
    participant_types: tuple[str, ...]
    direction: str
    sending_countries: tuple[str, ...]
    host_countries: tuple[str, ...]
    subject_areas: tuple[str, ...]  # sector codes
    application_label: str  # how the load's summary names its applications
    placements: tuple[DemoPlacement, ...]
    calls: tuple[DemoCall, ...]


@dataclass(frozen=True)
class DemoExchanges:
    operator: str
    answer: str  # to every text question of a call
    review_score: int  # given on every criterion
    review_comment: str
    decision_reason: str
    offer_days: int
    referee_name: str
    referee_email: str
    programmes: tuple[DemoProgramme, ...]


_ORGANISATION_NAMES = [organisation.name for organisation in ORGANISATIONS]
_EMAILS = [person.email for person in PEOPLE]


def _application_read(entry: DataEntry) -> DemoApplication:
    stage = entry.text("stage", choices=("draft", *STAGES))
    reached = STAGES[: STAGES.index(stage) + 1] if stage in STAGES else ()
    placement = None
    if "placement" in reached:  # the stay is needed from the "placement" stage on
        placement = entry.entry(
            "placement",
            lambda item: DemoPlacementDone(
                lab=item.text("lab"),
                supervisor=item.text("supervisor"),
                started_days_ago=item.integer("started_days_ago"),
                ended_days_ago=item.integer("ended_days_ago"),
            ),
        )
    completed = stage == "completed"
    return DemoApplication(
        applicant=entry.text("applicant", choices=_EMAILS),
        home=entry.text("home", choices=_ORGANISATION_NAMES),
        host=entry.text("host", choices=_ORGANISATION_NAMES),
        stage=stage,
        summary=entry.text("summary"),
        participant_type=entry.text("participant_type", choices=ParticipantType.values),
        career_stage=entry.text("career_stage", choices=CareerStage.values),
        duration=entry.integer("duration"),
        subject_area=entry.text("subject_area", ""),
        placement=placement,
        final_report=entry.text("final_report") if completed else "",
        host_evaluation=entry.text("host_evaluation") if completed else "",
    )


def _call_read(entry: DataEntry) -> DemoCall:
    return DemoCall(
        title=entry.text("title"),
        description=entry.text("description", ""),
        blind_review=entry.flag("blind_review"),
        opens_days_ago=entry.integer("opens_days_ago"),
        closes_in_days=entry.integer("closes_in_days"),
        questions=entry.entries(
            "questions", lambda item: (item.text("label"), item.text("kind", choices=CallField.Kind.values))
        ),
        criteria=entry.entries(
            "criteria", lambda item: DemoCriterion(name=item.text("name"), weight=item.integer("weight"))
        ),
        reviewer=entry.text("reviewer", choices=_EMAILS),
        applications=entry.entries("applications", _application_read),
    )


def _placement_read(entry: DataEntry) -> DemoPlacement:
    return DemoPlacement(
        host=entry.text("host", choices=_ORGANISATION_NAMES),
        title=entry.text("title"),
        lab=entry.text("lab"),
        project=entry.text("project"),
        supervisor=entry.text("supervisor"),
        description=entry.text("description"),
        starts_in_days=entry.integer("starts_in_days"),
        ends_in_days=entry.integer("ends_in_days"),
    )


def _programme_read(entry: DataEntry) -> DemoProgramme:
    return DemoProgramme(
        network=entry.text("network", choices=_ORGANISATION_NAMES),
        manager=entry.text("manager", choices=_EMAILS),
        title=entry.text("title"),
        description=entry.text("description"),
        mobilities_per_year=entry.integer("mobilities_per_year"),
        duration_unit=entry.text("duration_unit", choices=Programme.DurationUnit.values),
        min_duration=entry.integer("min_duration"),
        max_duration=entry.integer("max_duration"),
        participant_types=entry.texts("participant_types", choices=ParticipantType.values),
        direction=entry.text("direction", choices=Programme.Direction.values),
        sending_countries=entry.texts("sending_countries"),
        host_countries=entry.texts("host_countries"),
        subject_areas=entry.texts("subject_areas"),
        application_label=entry.text("application_label"),
        placements=entry.entries("placements", _placement_read),
        calls=entry.entries("calls", _call_read),
    )


def _exchanges_read(file: DataEntry) -> DemoExchanges:
    referee_name, referee_email = file.entry("referee", lambda item: (item.text("name"), item.text("email")))
    return DemoExchanges(
        operator=file.text("operator", choices=_EMAILS),
        answer=file.text("answer"),
        review_score=file.integer("review_score"),
        review_comment=file.text("review_comment"),
        decision_reason=file.text("decision_reason"),
        offer_days=file.integer("offer_days"),
        referee_name=referee_name,
        referee_email=referee_email,
        programmes=file.entries("programmes", _programme_read),
    )


EXCHANGES_DEMO = data_file_read("exchanges.json", _exchanges_read)
# The seed 003 exchange comes first in the file, the OTS fellowships second.
EXCHANGE_TITLE = EXCHANGES_DEMO.programmes[0].title
EXCHANGE_CALL = EXCHANGES_DEMO.programmes[0].calls[0].title
PLACEMENT_TITLE = EXCHANGES_DEMO.programmes[0].placements[0].title
OTS_TITLE = EXCHANGES_DEMO.programmes[1].title
OTS_CALL = EXCHANGES_DEMO.programmes[1].calls[0].title


def _admin_of(organisation: Organisation, fallback: User) -> User:
    """Who acts for a host: its first admin, or the platform operator when it has none."""
    membership = (
        OrganisationMembership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .select_related("user")
        .first()
    )
    return membership.user if membership is not None else fallback


def _programme(actor: User, network: Organisation, wanted: DemoProgramme) -> tuple[Programme, bool]:
    existing = Programme.objects.filter(network=network, title=wanted.title).first()
    if existing is not None:
        return existing, False
    programme = services.programme_create(
        actor=actor,
        network=network,
        title=wanted.title,
        description=wanted.description,
        mobilities_per_year=wanted.mobilities_per_year,
        duration_unit=wanted.duration_unit,
        min_duration=wanted.min_duration,
        max_duration=wanted.max_duration,
        participant_types=list(wanted.participant_types),
        direction=wanted.direction,
        sending_countries=list(wanted.sending_countries),
        host_countries=list(wanted.host_countries),
        subject_areas=list(Sector.objects.filter(code__in=wanted.subject_areas)),
    )
    return programme, True


def _call(actor: User, programme: Programme, wanted: DemoCall) -> tuple[Call, bool]:
    existing = Call.objects.filter(programme=programme, title=wanted.title).first()
    if existing is not None:
        return existing, False
    today = timezone.localdate()
    call = services.call_create(
        actor=actor,
        programme=programme,
        title=wanted.title,
        opens_on=today - datetime.timedelta(days=wanted.opens_days_ago),
        closes_on=today + datetime.timedelta(days=wanted.closes_in_days),
        mobility_year=today.year,
        description=wanted.description,
        blind_review=wanted.blind_review,
    )
    for label, kind in wanted.questions:
        services.call_field_add(
            actor=actor, call=call, label=label, kind=kind, required=kind == CallField.Kind.TEXT
        )
    for criterion in wanted.criteria:
        services.criterion_add(actor=actor, call=call, name=criterion.name, weight=criterion.weight)
    return services.call_open(actor=actor, call=call), True


def _apply(
    call: Call, applicant: User, *, home: Organisation, host: Organisation, wanted: DemoApplication
) -> tuple[Application, bool]:
    existing = Application.objects.filter(call=call, applicant=applicant).first()
    if existing is not None:
        return existing, False
    values: dict[str, Any] = {}
    if wanted.subject_area:
        values["subject_area"] = Sector.objects.filter(code=wanted.subject_area).first()
    application = services.application_create(
        actor=applicant,
        call=call,
        home_organisation=home,
        host_organisation=host,
        summary=wanted.summary,
        participant_type=wanted.participant_type,
        career_stage=wanted.career_stage,
        duration=wanted.duration,
        **values,
    )
    answers = {
        call_field.pk: EXCHANGES_DEMO.answer for call_field in call.fields.filter(kind=CallField.Kind.TEXT)
    }
    services.application_answers_save(actor=applicant, application=application, answers=answers)
    return application, True


def _advance(
    application: Application, *, wanted: DemoApplication, manager: User, reviewer: User, host: User
) -> None:
    """Take a freshly created application through the real services up to the stage it wants."""
    today = timezone.localdate()
    to = wanted.stage
    applicant = application.applicant
    for stage in STAGES[: STAGES.index(to) + 1]:
        if stage == "submitted":
            services.application_submit(actor=applicant, application=application)
        elif stage == "eligible":
            services.application_check_eligibility(actor=manager, application=application, eligible=True)
        elif stage == "under_review":
            review = services.review_assign(actor=manager, application=application, reviewer=reviewer)
            services.review_submit(
                actor=reviewer,
                review=review,
                scores={
                    criterion.pk: EXCHANGES_DEMO.review_score for criterion in application.call.criteria.all()
                },
                comment=EXCHANGES_DEMO.review_comment,
            )
        elif stage == "accepted":
            services.application_decide(
                actor=manager,
                application=application,
                decision="accepted",
                reason=EXCHANGES_DEMO.decision_reason,
            )
        elif stage == "offered":
            expires_on = today + datetime.timedelta(days=EXCHANGES_DEMO.offer_days)
            services.application_offer(actor=manager, application=application, expires_on=expires_on)
        elif stage == "offer_accepted":
            services.application_offer_answer(actor=applicant, application=application, accept=True)
        elif stage == "placement":
            stay = wanted.placement
            assert stay is not None  # the reader requires it from this stage on
            services.application_place(
                actor=host,
                application=application,
                lab=stay.lab,
                supervisor=stay.supervisor,
                starts_on=today - datetime.timedelta(days=stay.started_days_ago),
                ends_on=today - datetime.timedelta(days=stay.ended_days_ago),
            )
            services.invitation_letter_issue(actor=host, application=application)
        elif stage == "completed":
            services.application_final_report(
                actor=applicant,
                application=application,
                report=wanted.final_report,
            )
            services.application_host_evaluation(
                actor=host,
                application=application,
                evaluation=wanted.host_evaluation,
            )
        application.refresh_from_db()


def demo_exchanges_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create what is missing and return a line for each thing created (idempotent)."""
    created: list[str] = []
    operator = users_by_email[EXCHANGES_DEMO.operator]
    for wanted in EXCHANGES_DEMO.programmes:
        manager = users_by_email[wanted.manager]
        programme, new = _programme(manager, organisations_by_name[wanted.network], wanted)
        if new:
            created.append(f"Exchange programme: {programme.title}")
        for placement in wanted.placements:
            host = organisations_by_name[placement.host]
            if Placement.objects.filter(host=host, title=placement.title).exists():
                continue
            today = timezone.localdate()
            services.placement_publish(
                actor=_admin_of(host, operator),
                host=host,
                programme=programme,
                title=placement.title,
                lab=placement.lab,
                project=placement.project,
                supervisor=placement.supervisor,
                description=placement.description,
                starts_on=today + datetime.timedelta(days=placement.starts_in_days),
                ends_on=today + datetime.timedelta(days=placement.ends_in_days),
            )
            created.append(f"Placement: {placement.title}")
        for wanted_call in wanted.calls:
            call, new = _call(manager, programme, wanted_call)
            if new:
                created.append(f"Call: {call.title}" + (" (blind review)" if call.blind_review else ""))
            for wanted_application in wanted_call.applications:
                created += _application_load(
                    call,
                    wanted_application,
                    label=wanted.application_label,
                    manager=manager,
                    reviewer=users_by_email[wanted_call.reviewer],
                    operator=operator,
                    organisations_by_name=organisations_by_name,
                    users_by_email=users_by_email,
                )
    return created


def _application_load(
    call: Call,
    wanted: DemoApplication,
    *,
    label: str,
    manager: User,
    reviewer: User,
    operator: User,
    organisations_by_name: dict[str, Organisation],
    users_by_email: dict[str, User],
) -> list[str]:
    user = users_by_email[wanted.applicant]
    host = organisations_by_name[wanted.host]
    application, new = _apply(call, user, home=organisations_by_name[wanted.home], host=host, wanted=wanted)
    if not new:
        return []
    if wanted.stage != "draft":
        # Reference letters are asked of referees first; the demo records them as asked.
        for call_field in call.fields.filter(kind=CallField.Kind.REFERENCE_LETTER):
            services.referee_request_send(
                actor=user,
                application=application,
                call_field=call_field,
                referee_name=EXCHANGES_DEMO.referee_name,
                referee_email=EXCHANGES_DEMO.referee_email,
            )
        host_admin = _admin_of(host, operator)
        _advance(application, wanted=wanted, manager=manager, reviewer=reviewer, host=host_admin)
    if wanted.stage == "completed":
        return [f"{label} {application.reference}: completed, with its certificate"]
    return [f"{label} {application.reference}: {application.get_status_display()}"]
