"""Exchanges' personas, on top of the project's: the Silk Road network's secretariat manages a
programme; `colleague` (Tabriz Science Park, Iran) applies; `host_admin` runs the Gyeonggi Bio Center
(Korea) that hosts; `reviewer` is an independent researcher in Türkiye; `owner` shares the applicant's
organisation, so reviewing would be a conflict of interest."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.services import api_token_create
from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import Application, CallField


@pytest.fixture
def api_client():
    from django.test import Client

    def make(user, *, scope: str = "read_write") -> Client:
        _token, plaintext = api_token_create(user=user, name="exchanges tests", scope=scope)
        return Client(headers={"Authorization": f"Bearer {plaintext}"})

    return make


@pytest.fixture
def host_organisation(db):
    return Organisation.objects.create(
        name="Gyeonggi Bio Center", kind=Organisation.Kind.TECHNOLOGY_CENTRE, country="KR", city="Suwon"
    )


@pytest.fixture
def host_admin(make_user, host_organisation):
    user = make_user("host@gbc.example", full_name="Host Minji")
    OrganisationMembership.objects.create(user=user, organisation=host_organisation, role=Role.ADMIN)
    return user


@pytest.fixture
def reviewer(make_user):
    university = Organisation.objects.create(
        name="Ankara Technical University", kind=Organisation.Kind.UNIVERSITY, country="TR", city="Ankara"
    )
    user = make_user("reviewer@ankara-tu.example", full_name="Reviewer Elif")
    OrganisationMembership.objects.create(user=user, organisation=university, role=Role.MEMBER)
    return user


@pytest.fixture
def programme(secretariat, network):
    return services.programme_create(
        actor=secretariat,
        network=network,
        title="Silk Road Researcher Exchange",
        mobilities_per_year=2,
        min_duration=1,
        max_duration=6,
        participant_types=["researcher", "staff", "student", "expert"],
    )


def open_call(actor, programme, **overrides):
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": "Fellowships 2026",
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=30),
        "mobility_year": today.year,
    }
    values.update(overrides)
    call = services.call_create(actor=actor, programme=programme, **values)
    services.call_field_add(actor=actor, call=call, label="Motivation", kind=CallField.Kind.TEXT)
    services.criterion_add(actor=actor, call=call, name="Excellence", weight=3)
    services.criterion_add(actor=actor, call=call, name="Impact", weight=1)
    return services.call_open(actor=actor, call=call)


@pytest.fixture
def call(secretariat, programme):
    return open_call(secretariat, programme)


def draft(applicant, call, host, *, home=None, duration=3, **extra):
    from exchanges.selectors import my_organisations

    application = services.application_create(
        actor=applicant,
        call=call,
        home_organisation=home or my_organisations(applicant).get(),
        host_organisation=host,
        participant_type="researcher",
        career_stage="r2",
        duration=duration,
        summary="Screening of Central Asian medicinal plants for antiviral compounds.",
        **extra,
    )
    motivation = call.fields.get(label="Motivation")
    services.application_answers_save(
        actor=applicant, application=application, answers={motivation.pk: "To learn assay automation."}
    )
    return application


STAGES = [
    "submitted",
    "eligible",
    "under_review",
    "accepted",
    "offered",
    "offer_accepted",
    "placement",
    "completed",
]


def advance(application, *, to, manager, reviewer, host):
    """Drive an application through the real services up to stage `to`."""
    today = timezone.localdate()
    applicant = application.applicant
    steps = {
        "submitted": lambda: services.application_submit(actor=applicant, application=application),
        "eligible": lambda: services.application_check_eligibility(
            actor=manager, application=application, eligible=True
        ),
        "under_review": lambda: _review(application, manager, reviewer),
        "accepted": lambda: services.application_decide(
            actor=manager, application=application, decision="accepted", reason="Excellent project."
        ),
        "offered": lambda: services.application_offer(
            actor=manager, application=application, expires_on=today + datetime.timedelta(days=14)
        ),
        "offer_accepted": lambda: services.application_offer_answer(
            actor=applicant, application=application, accept=True
        ),
        "placement": lambda: services.application_place(
            actor=host,
            application=application,
            lab="Bioassay lab",
            supervisor="Dr Kim",
            starts_on=today,
            ends_on=today + datetime.timedelta(days=90),
        ),
        "completed": lambda: (
            services.application_final_report(
                actor=applicant,
                application=application,
                report="Three months of assay work, two compounds found.",
            ),
            services.application_host_evaluation(
                actor=host, application=application, evaluation="A diligent fellow who automated our assays."
            ),
        ),
    }
    for stage in STAGES[: STAGES.index(to) + 1]:
        steps[stage]()
        application.refresh_from_db()
    assert application.status == to
    return application


def _review(application, manager, reviewer):
    review = services.review_assign(actor=manager, application=application, reviewer=reviewer)
    criteria = list(application.call.criteria.all())
    services.review_submit(
        actor=reviewer, review=review, scores={criterion.pk: 8 for criterion in criteria}, comment="Strong."
    )


@pytest.fixture
def application(colleague, call, host_organisation):
    return draft(colleague, call, host_organisation)


@pytest.fixture
def advanced(application, secretariat, reviewer, host_admin):
    def go(to: str) -> Application:
        return advance(application, to=to, manager=secretariat, reviewer=reviewer, host=host_admin)

    return go
