"""Conflict-of-interest rules: same organisation, same country where the call says so, and
declared conflicts; and reviewers proposed by expertise never include a conflicted one."""

import pytest
from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import ConflictDeclaration, ReviewAssignment
from exchanges.tests.conftest import draft, open_call
from matching.services import embedding_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def eligible(colleague, call, host_organisation, secretariat):
    application = draft(colleague, call, host_organisation)
    services.application_submit(actor=colleague, application=application)
    services.application_check_eligibility(actor=secretariat, application=application, eligible=True)
    return application


def _assign(secretariat, application, user):
    return logged_in_client(secretariat).post(
        reverse("exchanges:review_assign", kwargs={"pk": application.pk}), {"reviewer": user.email}
    )


def test_reviewer_from_the_applicants_organisation_is_refused(eligible, secretariat, owner):
    response = _assign(secretariat, eligible, owner)
    assert response.status_code == 400
    assert "belongs to the applicant&#x27;s home or host organisation" in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_reviewer_from_the_host_organisation_is_refused(eligible, secretariat, host_admin):
    assert _assign(secretariat, eligible, host_admin).status_code == 400


def test_same_country_conflict_only_where_the_call_says_so(
    colleague, secretariat, programme, host_organisation, make_user
):
    compatriot = make_user("mina@sharif.example")
    university = Organisation.objects.create(
        name="Sharif University", kind=Organisation.Kind.UNIVERSITY, country="IR"
    )
    OrganisationMembership.objects.create(user=compatriot, organisation=university, role=Role.MEMBER)
    strict = open_call(secretariat, programme, title="Strict", same_country_conflict=True)
    application = draft(colleague, strict, host_organisation)
    services.application_submit(actor=colleague, application=application)
    services.application_check_eligibility(actor=secretariat, application=application, eligible=True)
    response = _assign(secretariat, application, compatriot)
    assert "works in the applicant&#x27;s country" in response.content.decode()


def test_same_country_is_no_conflict_by_default(eligible, secretariat, make_user):
    compatriot = make_user("mina@sharif.example")
    university = Organisation.objects.create(
        name="Sharif University", kind=Organisation.Kind.UNIVERSITY, country="IR"
    )
    OrganisationMembership.objects.create(user=compatriot, organisation=university, role=Role.MEMBER)
    assert _assign(secretariat, eligible, compatriot).status_code == 302


def test_declared_conflict_with_an_organisation_is_enforced(eligible, secretariat, reviewer, park):
    response = logged_in_client(reviewer).post(
        reverse("exchanges:conflict_list"),
        {"organisation": park.pk, "reason": "Co-author with its director."},
    )
    assert response.status_code == 302
    assert "declared a conflict" in _assign(secretariat, eligible, reviewer).content.decode()


def test_reviewer_declares_a_conflict_on_an_assignment_and_gives_it_back(eligible, secretariat, reviewer):
    review = services.review_assign(actor=secretariat, application=eligible, reviewer=reviewer)
    response = logged_in_client(reviewer).post(
        reverse("exchanges:review_conflict", kwargs={"pk": review.pk}),
        {"conflict-reason": "I know the applicant."},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewAssignment.Status.DECLINED
    assert ConflictDeclaration.objects.filter(reviewer=reviewer, application=eligible).exists()
    # the application is no longer the reviewer's to see
    page = logged_in_client(reviewer).get(reverse("exchanges:application_detail", kwargs={"pk": eligible.pk}))
    assert page.status_code == 404


def test_reviewers_proposed_by_expertise_leave_out_conflicts(
    eligible, secretariat, reviewer, owner, make_user
):
    # A pool of reviewers in other fields, as a programme has: the engine measures what is common to
    # its reviewers' texts from the pool itself.
    others = [
        services.reviewer_profile_save(
            actor=make_user(f"reviewer{number}@example.org"), expertise=text, available=True
        )
        for number, text in enumerate(
            (
                "Port logistics and container terminal scheduling.",
                "Corporate law and intellectual property licensing.",
                "Solar power electronics and grid inverters.",
                "Textile dyeing and fibre chemistry.",
            )
        )
    ]
    profiles = [
        services.reviewer_profile_save(
            actor=reviewer,
            expertise="Antiviral drug screening of medicinal plants; assay automation.",
            available=True,
        ),
        services.reviewer_profile_save(
            actor=owner, expertise="Screening medicinal plants for antiviral compounds.", available=True
        ),
    ]
    # what the background worker does once the transaction commits
    for profile in [*others, *profiles]:
        embedding_refresh(kind="exchanges.reviewer", object_id=profile.pk)
    page = logged_in_client(secretariat).get(
        reverse("exchanges:application_detail", kwargs={"pk": eligible.pk})
    )
    content = page.content.decode()
    section = content[content.index('id="suggested-reviewers"') :]
    assert reviewer.email in section
    assert owner.email not in section
    assert "reviewer0@example.org" not in section  # port logistics: not relevant, so not proposed
