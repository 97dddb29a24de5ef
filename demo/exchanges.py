"""The demo's exchanges, loaded through the real services.

Seed 003: Uzbekistan's Agency for Developing Pharmaceutical Network agreed with the Gyeonggi Bio Center
on the exchange of experience and personnel between its research institutes, Toshkent Farma Park and
the Korean biocenter, and on training Uzbek scientists in Korean biotechnology centres. The demo runs
it as an IASP programme (the demo secretariat's network) with quotas, a placement published by the
Gyeonggi Bio Center, an open call, and one mobility from Korea to Toshkent Farma Park completed with
its documents.

Seed 002's Organization of Turkic States calls for fellowships: an OTS fellowship call, run by the
platform operator, with applications at different stages (draft, submitted, under review, offered).

Idempotent: programmes, calls and placements are found by title, applications by call and applicant.
"""

import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from core.models import Sector
from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import Application, Call, CallField, Placement, Programme

IASP = "International Association of Science Parks and Areas of Innovation (IASP)"
OTS = "Organization of Turkic States — Industry, Science, Technology and Innovation track"
GYEONGGI = "Gyeonggi Bio Center"
TOSHKENT = "Toshkent Farma Park"
AST = "AST Technology Center"
EASTAZ = "East Azerbaijan Science and Technology Park"
HANBIT = "Hanbit Biosensors (demo resident company)"
SECRETARIAT = "secretariat@demo.parklink.org"
OPERATOR = "operator@demo.parklink.org"
RESEARCHER = "researcher@demo.parklink.org"
PARK_MANAGER = "parkmanager@demo.parklink.org"
COMPANY = "company@demo.parklink.org"
INVESTOR = "investor@demo.parklink.org"
OUTSIDER = "outsider@demo.parklink.org"

EXCHANGE_TITLE = "Uzbekistan-Korea exchange of pharmaceutical experience and personnel"
EXCHANGE_CALL = "Exchange and training in Korean biotechnology centres 2026"
PLACEMENT_TITLE = "Training of Uzbek scientists in bioprocess development"
OTS_TITLE = "OTS science and innovation fellowships"
OTS_CALL = "OTS fellowship call 2026"


def _admin_of(organisation: Organisation, fallback: User) -> User:
    """Who acts for a host: its first admin, or the platform operator when it has none."""
    membership = (
        OrganisationMembership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .select_related("user")
        .first()
    )
    return membership.user if membership is not None else fallback


def _programme(actor: User, network: Organisation, title: str, **values: Any) -> tuple[Programme, bool]:
    existing = Programme.objects.filter(network=network, title=title).first()
    if existing is not None:
        return existing, False
    return services.programme_create(actor=actor, network=network, title=title, **values), True


def _call(
    actor: User, programme: Programme, title: str, *, questions: list[tuple[str, str]], **values: Any
) -> tuple[Call, bool]:
    existing = Call.objects.filter(programme=programme, title=title).first()
    if existing is not None:
        return existing, False
    today = timezone.localdate()
    call = services.call_create(
        actor=actor,
        programme=programme,
        title=title,
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=40),
        mobility_year=today.year,
        **values,
    )
    for label, kind in questions:
        services.call_field_add(
            actor=actor, call=call, label=label, kind=kind, required=kind == CallField.Kind.TEXT
        )
    services.criterion_add(actor=actor, call=call, name="Scientific excellence", weight=3)
    services.criterion_add(actor=actor, call=call, name="Fit with the host", weight=2)
    services.criterion_add(actor=actor, call=call, name="Expected impact at home", weight=1)
    return services.call_open(actor=actor, call=call), True


def _apply(
    call: Call, applicant: User, *, home: Organisation, host: Organisation, summary: str, **values: Any
) -> tuple[Application, bool]:
    existing = Application.objects.filter(call=call, applicant=applicant).first()
    if existing is not None:
        return existing, False
    application = services.application_create(
        actor=applicant,
        call=call,
        home_organisation=home,
        host_organisation=host,
        summary=summary,
        **values,
    )
    answers = {
        call_field.pk: "Builds on our current work; the host's facilities are what we lack at home."
        for call_field in call.fields.filter(kind=CallField.Kind.TEXT)
    }
    services.application_answers_save(actor=applicant, application=application, answers=answers)
    return application, True


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


def _advance(application: Application, *, to: str, manager: User, reviewer: User, host: User) -> None:
    """Take a freshly created application through the real services up to `to`."""
    today = timezone.localdate()
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
                scores={criterion.pk: 8 for criterion in application.call.criteria.all()},
                comment="A focused plan; the host is well chosen and the results will be used at home.",
            )
        elif stage == "accepted":
            services.application_decide(
                actor=manager,
                application=application,
                decision="accepted",
                reason="Ranked first by the reviewers.",
            )
        elif stage == "offered":
            services.application_offer(
                actor=manager, application=application, expires_on=today + datetime.timedelta(days=21)
            )
        elif stage == "offer_accepted":
            services.application_offer_answer(actor=applicant, application=application, accept=True)
        elif stage == "placement":
            services.application_place(
                actor=host,
                application=application,
                lab="Quality control laboratory",
                supervisor="Dr Dilnoza Karimova",
                starts_on=today - datetime.timedelta(days=100),
                ends_on=today - datetime.timedelta(days=10),
            )
            services.invitation_letter_issue(actor=host, application=application)
        elif stage == "completed":
            services.application_final_report(
                actor=applicant,
                application=application,
                report="Three months in Toshkent Farma Park's quality control laboratory, validating our "
                "biosensor strips against their HPLC methods; a joint protocol is being written.",
            )
            services.application_host_evaluation(
                actor=host,
                application=application,
                evaluation="Careful, independent work that gave our laboratory a faster screening method.",
            )
        application.refresh_from_db()


def demo_exchanges_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create what is missing and return a line for each thing created (idempotent)."""
    created: list[str] = []
    secretariat, operator = users_by_email[SECRETARIAT], users_by_email[OPERATOR]
    gyeonggi, toshkent = organisations_by_name[GYEONGGI], organisations_by_name[TOSHKENT]
    biotech = list(Sector.objects.filter(code="biotech-pharma"))

    # Seed 003: the Uzbekistan-Korea exchange.
    exchange, new = _programme(
        secretariat,
        organisations_by_name[IASP],
        EXCHANGE_TITLE,
        description=(
            "Exchange of experience and personnel between the research institutes of Uzbekistan's Agency "
            "for Developing Pharmaceutical Network, pharmaceutical universities, Toshkent Farma Park and "
            "the Gyeonggi Bio Center, and training of Uzbek scientists in Korean biotechnology centres."
        ),
        mobilities_per_year=6,
        min_duration=1,
        max_duration=6,
        participant_types=["researcher", "staff", "student"],
        direction=Programme.Direction.BOTH_WAYS,
        sending_countries=["UZ"],
        host_countries=["KR"],
        subject_areas=biotech,
    )
    if new:
        created.append(f"Exchange programme: {exchange.title}")
    if not Placement.objects.filter(host=gyeonggi, title=PLACEMENT_TITLE).exists():
        today = timezone.localdate()
        services.placement_publish(
            actor=_admin_of(gyeonggi, operator),
            host=gyeonggi,
            programme=exchange,
            title=PLACEMENT_TITLE,
            lab="Bioprocess pilot plant",
            project="Scale-up of recombinant enzyme production",
            supervisor="Dr Park Ji-won",
            description="Hands-on training in fermentation scale-up and downstream processing for scientists "
            "of Uzbek pharmaceutical research institutes.",
            starts_on=today + datetime.timedelta(days=60),
            ends_on=today + datetime.timedelta(days=150),
        )
        created.append(f"Placement: {PLACEMENT_TITLE}")
    exchange_call, new = _call(
        secretariat,
        exchange,
        EXCHANGE_CALL,
        questions=[("Motivation and plan for the stay", CallField.Kind.TEXT), ("CV", CallField.Kind.FILE)],
        description="Researchers, staff and students of the Uzbek institutes and of the Gyeonggi Bio Center.",
    )
    if new:
        created.append(f"Call: {exchange_call.title}")
    application, new = _apply(
        exchange_call,
        users_by_email[COMPANY],
        home=organisations_by_name[HANBIT],
        host=toshkent,
        summary="Validating low-cost biosensor strips for medicine quality control with Toshkent Farma Park.",
        participant_type="staff",
        career_stage="professional",
        duration=3,
        subject_area=biotech[0] if biotech else None,
    )
    if new:
        _advance(
            application,
            to="completed",
            manager=secretariat,
            reviewer=users_by_email[RESEARCHER],
            host=_admin_of(toshkent, operator),
        )
        created.append(f"Exchange application {application.reference}: completed, with its certificate")

    # Seed 002: the OTS fellowship call, with applications at different stages.
    ots, new = _programme(
        operator,
        organisations_by_name[OTS],
        OTS_TITLE,
        description="Fellowships for researchers and experts of the Turkic states in each other's parks "
        "and centres.",
        mobilities_per_year=10,
        duration_unit=Programme.DurationUnit.DAYS,
        min_duration=14,
        max_duration=90,
        participant_types=["researcher", "expert"],
    )
    if new:
        created.append(f"Exchange programme: {ots.title}")
    ots_call, new = _call(
        operator,
        ots,
        OTS_CALL,
        questions=[
            ("What will you do during the fellowship?", CallField.Kind.TEXT),
            ("Reference letter", CallField.Kind.REFERENCE_LETTER),
        ],
        blind_review=True,
    )
    if new:
        created.append(f"Call: {ots_call.title} (blind review)")
    fellows = [
        (
            RESEARCHER,
            AST,
            TOSHKENT,
            "under_review",
            "Solar drying of medicinal plants at Toshkent Farma Park.",
        ),
        (PARK_MANAGER, EASTAZ, GYEONGGI, "submitted", "Technology-transfer practice in a Korean biocenter."),
        (
            OUTSIDER,
            "Independent Consulting (demo)",
            GYEONGGI,
            "offered",
            "Regulatory pathways for biosimilars.",
        ),
        (
            INVESTOR,
            "Silk Road Ventures (demo investor)",
            TOSHKENT,
            "draft",
            "Investment readiness of pharma start-ups.",
        ),
    ]
    for email, home, host, stage, summary in fellows:
        user = users_by_email[email]
        application, new = _apply(
            ots_call,
            user,
            home=organisations_by_name[home],
            host=organisations_by_name[host],
            summary=summary,
            participant_type="expert",
            career_stage="professional",
            duration=30,
        )
        if not new:
            continue
        if stage != "draft":
            # Reference letters are asked of referees first; the demo records them as asked.
            for call_field in ots_call.fields.filter(kind=CallField.Kind.REFERENCE_LETTER):
                services.referee_request_send(
                    actor=user,
                    application=application,
                    call_field=call_field,
                    referee_name="Prof. Referee (demo)",
                    referee_email="referee@demo.parklink.org",
                )
            _advance(
                application,
                to=stage,
                manager=operator,
                reviewer=users_by_email[COMPANY],
                host=_admin_of(organisations_by_name[host], operator),
            )
        created.append(f"OTS application {application.reference}: {application.get_status_display()}")
    return created
