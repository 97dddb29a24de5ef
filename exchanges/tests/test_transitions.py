"""The application's transition table: every action is refused from a wrong state with its own sentence,
and the page offers exactly the actions the API lists, for every persona at every stage."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import CallField
from exchanges.tests.conftest import STAGES, draft
from exchanges.transitions import TRANSITIONS

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=14)

# (action, a stage it may not start from, who tries it, the service call)
WRONG_STATE_CASES = [
    (
        "edit",
        "submitted",
        "applicant",
        lambda app, who: services.application_answers_save(actor=who, application=app, answers={}),
    ),
    (
        "submit",
        "submitted",
        "applicant",
        lambda app, who: services.application_submit(actor=who, application=app),
    ),
    (
        "request-referee",
        "eligible",
        "applicant",
        lambda app, who: services.referee_request_send(
            actor=who,
            application=app,
            call_field=app.call.fields.first(),
            referee_name="A",
            referee_email="a@x.org",
        ),
    ),
    (
        "withdraw",
        "offered",
        "applicant",
        lambda app, who: services.application_withdraw(actor=who, application=app),
    ),
    (
        "check-eligibility",
        "eligible",
        "manager",
        lambda app, who: services.application_check_eligibility(actor=who, application=app, eligible=True),
    ),
    (
        "assign-reviewer",
        "accepted",
        "manager",
        lambda app, who: services.review_assign(actor=who, application=app, reviewer=who),
    ),
    (
        "decide",
        "accepted",
        "manager",
        lambda app, who: services.application_decide(
            actor=who, application=app, decision="rejected", reason="No."
        ),
    ),
    (
        "offer",
        "offered",
        "manager",
        lambda app, who: services.application_offer(actor=who, application=app, expires_on=LATER),
    ),
    (
        "accept-offer",
        "accepted",
        "applicant",
        lambda app, who: services.application_offer_answer(actor=who, application=app, accept=True),
    ),
    (
        "decline-offer",
        "accepted",
        "applicant",
        lambda app, who: services.application_offer_answer(actor=who, application=app, accept=False),
    ),
    (
        "place",
        "offered",
        "host",
        lambda app, who: services.application_place(
            actor=who, application=app, lab="Lab", supervisor="Dr Kim", starts_on=TODAY, ends_on=LATER
        ),
    ),
    (
        "issue-invitation-letter",
        "offered",
        "host",
        lambda app, who: services.invitation_letter_issue(actor=who, application=app),
    ),
    (
        "final-report",
        "offer_accepted",
        "applicant",
        lambda app, who: services.application_final_report(
            actor=who, application=app, report="Three months of assay work, two compounds found."
        ),
    ),
    (
        "host-evaluation",
        "offer_accepted",
        "host",
        lambda app, who: services.application_host_evaluation(
            actor=who, application=app, evaluation="A diligent fellow who automated our assays."
        ),
    ),
]


@pytest.fixture
def personas(colleague, secretariat, host_admin, reviewer):
    return {"applicant": colleague, "manager": secretariat, "host": host_admin, "reviewer": reviewer}


def test_every_action_of_the_table_is_covered_here():
    assert {case[0] for case in WRONG_STATE_CASES} | {"review"} == set(TRANSITIONS)


@pytest.mark.parametrize(("action", "stage", "persona", "perform"), WRONG_STATE_CASES, ids=lambda v: str(v))
def test_action_refused_from_a_wrong_state_with_its_own_sentence(
    action, stage, persona, perform, advanced, personas
):
    application = advanced(stage)

    with pytest.raises(ValidationError) as refused:
        perform(application, personas[persona])

    assert refused.value.code == "invalid_transition"
    assert refused.value.messages == [str(TRANSITIONS[action].refusal)]
    application.refresh_from_db()
    assert application.status == stage


def test_refusals_are_whole_sentences_naming_the_action():
    assert str(TRANSITIONS["submit"].refusal) == "Only a draft application can be submitted."
    assert (
        str(TRANSITIONS["place"].refusal) == "The placement can start only once the offer has been accepted."
    )
    assert len({str(transition.refusal) for transition in TRANSITIONS.values()}) == len(TRANSITIONS)


def test_a_review_of_a_withdrawn_application_is_refused(application, secretariat, reviewer, colleague):
    services.application_submit(actor=colleague, application=application)
    services.application_check_eligibility(actor=secretariat, application=application, eligible=True)
    review = services.review_assign(actor=secretariat, application=application, reviewer=reviewer)
    services.application_withdraw(actor=colleague, application=application)

    with pytest.raises(ValidationError) as refused:
        services.review_submit(actor=reviewer, review=review, scores={}, comment="Strong.")

    assert refused.value.messages == ["Only an application under review can be reviewed."]


def test_a_final_report_is_sent_once(advanced, colleague):
    application = advanced("placement")
    report = "Three months of assay work, two compounds found."
    services.application_final_report(actor=colleague, application=application, report=report)

    with pytest.raises(ValidationError) as refused:
        services.application_final_report(actor=colleague, application=application, report=report + " More.")

    assert refused.value.messages == ["The final report has already been sent."]


# What on the page shows that an action is offered.
PAGE_MARKERS = {
    "edit": 'id="application-edit"',
    "submit": 'id="application-submit"',
    "request-referee": "referee-form",
    "withdraw": 'id="withdraw-form"',
    "check-eligibility": 'id="eligibility-form"',
    "assign-reviewer": 'id="assign-form"',
    "review": 'id="application-review"',
    "decide": 'id="decision-form"',
    "offer": 'id="offer-form"',
    "accept-offer": 'name="answer" value="accept"',
    "decline-offer": 'name="answer" value="decline"',
    "place": 'id="place-form"',
    "issue-invitation-letter": 'id="invitation-issue"',
    "final-report": 'id="final-report-form"',
    "host-evaluation": 'id="evaluation-form"',
}


def _step_to(stage, application, *, manager, reviewer, host):
    """One step forward, by the same services `advance` drives through."""
    applicant = application.applicant
    steps = {
        "submitted": lambda: services.application_submit(actor=applicant, application=application),
        "eligible": lambda: services.application_check_eligibility(
            actor=manager, application=application, eligible=True
        ),
        "under_review": lambda: services.review_submit(
            actor=reviewer,
            review=services.review_assign(actor=manager, application=application, reviewer=reviewer),
            scores={criterion.pk: 8 for criterion in application.call.criteria.all()},
            comment="Strong.",
        ),
        "accepted": lambda: services.application_decide(
            actor=manager, application=application, decision="accepted", reason="Excellent project."
        ),
        "offered": lambda: services.application_offer(
            actor=manager, application=application, expires_on=LATER
        ),
        "offer_accepted": lambda: services.application_offer_answer(
            actor=applicant, application=application, accept=True
        ),
        "placement": lambda: services.application_place(
            actor=host,
            application=application,
            lab="Lab",
            supervisor="Dr Kim",
            starts_on=TODAY,
            ends_on=LATER,
        ),
        "completed": lambda: (
            services.application_final_report(
                actor=applicant, application=application, report="Three months of assay work, two found."
            ),
            services.application_host_evaluation(
                actor=host, application=application, evaluation="A diligent fellow who automated our assays."
            ),
        ),
    }
    steps[stage]()
    application.refresh_from_db()
    assert application.status == stage


def _page_offers(client, application) -> list[str]:
    response = client.get(reverse("exchanges:application_detail", kwargs={"pk": application.pk}))
    if response.status_code == 404:
        return []
    html = response.content.decode()
    return [action for action in TRANSITIONS if PAGE_MARKERS[action] in html]


def _api_lists(client, application) -> list[str]:
    response = client.get(f"/api/v1/exchange-applications/{application.pk}")
    return [] if response.status_code == 404 else response.json()["actions"]


def test_the_api_lists_exactly_the_actions_the_page_offers_to_each_persona(
    call, secretariat, colleague, host_admin, reviewer, outsider, host_organisation, make_user, api_client
):
    services.call_field_add(
        actor=secretariat, call=call, label="Reference", kind=CallField.Kind.REFERENCE_LETTER, required=False
    )
    application = draft(colleague, call, host_organisation)
    second_reviewer = make_user("second@reviewers.example", full_name="Second Reviewer")
    OrganisationMembership.objects.create(
        user=second_reviewer,
        organisation=Organisation.objects.create(
            name="Almaty Institute", kind=Organisation.Kind.UNIVERSITY, country="KZ", city="Almaty"
        ),
        role=Role.MEMBER,
    )
    people = {
        "applicant": colleague,
        "manager": secretariat,
        "host": host_admin,
        "reviewer": reviewer,
        "second reviewer": second_reviewer,
        "outsider": outsider,
    }
    pages = {name: logged_in_client(user) for name, user in people.items()}
    apis = {name: api_client(user) for name, user in people.items()}
    offered_somewhere: set[str] = set()

    for stage in ["draft", *STAGES]:
        if stage != "draft":
            _step_to(stage, application, manager=secretariat, reviewer=reviewer, host=host_admin)
        if stage == "under_review":
            services.review_assign(actor=secretariat, application=application, reviewer=second_reviewer)
        for name in people:
            page, api = _page_offers(pages[name], application), _api_lists(apis[name], application)
            assert page == api, (stage, name)
            offered_somewhere.update(page)

    assert offered_somewhere == set(TRANSITIONS)
