"""A call shows and enforces its programme's rules where the person decides (issue 16, item 6): the
countries and direction it funds, the length of stay and who may go are on the call page, the form offers
only what is allowed, and a draft breaking a rule is refused when saved, on the page and in the API, not
only at submission."""

import pytest
from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import Application
from exchanges.tests.conftest import open_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def uz_to_kr(secretariat, network):
    """Uzbekistan → Korea only, one to six months, researchers, staff and students (no experts)."""
    programme = services.programme_create(
        actor=secretariat,
        network=network,
        title="Tashkent-Suwon Bio Fellowships",
        mobilities_per_year=4,
        min_duration=1,
        max_duration=6,
        participant_types=["researcher", "staff", "student"],
        direction="one_way",
        sending_countries=["UZ"],
        host_countries=["KR"],
    )
    return open_call(secretariat, programme, title="Bio Fellowships 2026")


@pytest.fixture
def tashkent_researcher(make_user):
    park = Organisation.objects.create(
        name="Tashkent Pharma Park", kind=Organisation.Kind.SCIENCE_PARK, country="UZ", city="Tashkent"
    )
    user = make_user("dilnoza@tashkent-pharma.example", full_name="Dilnoza Karimova")
    OrganisationMembership.objects.create(user=user, organisation=park, role=Role.MEMBER)
    return user


def form_data(home, host, **overrides):
    data = {
        "home_organisation": home.pk,
        "host_organisation": host.pk,
        "participant_type": "researcher",
        "career_stage": "r2",
        "duration": 3,
        "summary": "Screening of Central Asian medicinal plants for antiviral compounds.",
    }
    data.update(overrides)
    return data


def test_the_call_page_shows_the_programmes_countries_direction_stay_and_who_may_go(uz_to_kr, anonymous):
    page = anonymous.get(reverse("exchanges:call_detail", kwargs={"pk": uz_to_kr.pk})).content.decode()

    assert "Applicants from organisations in: Uzbekistan." in page
    assert "Hosts in: South Korea." in page
    assert "From the sending countries to the host countries only" in page
    assert "Length of stay: from 1 to 6 months." in page
    assert "Who may go: Researcher, Staff, Student." in page
    assert "Countries: any" not in page


def test_the_form_offers_only_what_the_programme_allows(
    uz_to_kr, tashkent_researcher, host_organisation, park
):
    response = logged_in_client(tashkent_researcher).get(
        reverse("exchanges:application_create", kwargs={"pk": uz_to_kr.pk})
    )
    form = response.context["form"]

    assert [value for value, _label in form.fields["participant_type"].choices] == [
        "researcher",
        "staff",
        "student",
    ]
    assert 'value="expert"' not in response.content.decode()
    assert (form.fields["duration"].min_value, form.fields["duration"].max_value) == (1, 6)
    assert "From 1 to 6 months." in response.content.decode()
    hosts = form.fields["host_organisation"].queryset
    assert host_organisation in hosts and park not in hosts  # Korea yes, Iran no


def test_a_twelve_month_stay_is_refused_when_the_draft_is_saved(
    uz_to_kr, tashkent_researcher, host_organisation
):
    home = tashkent_researcher.organisation_memberships.get().organisation
    response = logged_in_client(tashkent_researcher).post(
        reverse("exchanges:application_create", kwargs={"pk": uz_to_kr.pk}),
        form_data(home, host_organisation, duration=12),
    )

    assert response.status_code in {200, 400, 422}
    assert "duration" in response.context["form"].errors
    assert not Application.objects.exists()


def test_an_expert_is_refused_by_the_service_too(
    uz_to_kr, tashkent_researcher, host_organisation, api_client
):
    home = tashkent_researcher.organisation_memberships.get().organisation
    response = api_client(tashkent_researcher).post(
        f"/api/v1/calls/{uz_to_kr.pk}/applications",
        {
            "home_organisation_id": home.pk,
            "host_organisation_id": host_organisation.pk,
            "participant_type": "expert",
            "career_stage": "r2",
            "duration": 3,
            "summary": "Screening of medicinal plants.",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "This programme does not fund mobilities of your kind" in str(response.json())
    assert not Application.objects.exists()


def test_the_wrong_direction_is_refused_at_the_draft_and_at_every_later_save(
    uz_to_kr, tashkent_researcher, host_organisation, colleague, park, api_client
):
    # An Iranian applicant to a Korean host: not a route the programme funds.
    response = api_client(colleague).post(
        f"/api/v1/calls/{uz_to_kr.pk}/applications",
        {
            "home_organisation_id": park.pk,
            "host_organisation_id": host_organisation.pk,
            "participant_type": "researcher",
            "career_stage": "r2",
            "duration": 3,
            "summary": "Screening of medicinal plants.",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "does not fund mobilities between these two countries" in str(response.json())

    # A valid draft cannot be changed into a 12-month stay afterwards either.
    home = tashkent_researcher.organisation_memberships.get().organisation
    application = services.application_create(
        actor=tashkent_researcher,
        call=uz_to_kr,
        home_organisation=home,
        host_organisation=host_organisation,
        participant_type="researcher",
        career_stage="r2",
        duration=3,
        summary="Screening of Central Asian medicinal plants.",
    )
    edited = logged_in_client(tashkent_researcher).post(
        reverse("exchanges:application_edit", kwargs={"pk": application.pk}),
        form_data(home, host_organisation, duration=12),
    )
    assert "duration" in edited.context["form"].errors
    application.refresh_from_db()
    assert application.duration == 3


def test_an_outsider_cannot_edit_someone_elses_draft(
    uz_to_kr, tashkent_researcher, host_organisation, outsider
):
    home = tashkent_researcher.organisation_memberships.get().organisation
    application = services.application_create(
        actor=tashkent_researcher,
        call=uz_to_kr,
        home_organisation=home,
        host_organisation=host_organisation,
        participant_type="researcher",
        career_stage="r2",
        duration=3,
        summary="Screening of Central Asian medicinal plants.",
    )
    response = logged_in_client(outsider).post(
        reverse("exchanges:application_edit", kwargs={"pk": application.pk}),
        form_data(home, host_organisation, duration=5),
    )
    assert response.status_code in {302, 403, 404}
    application.refresh_from_db()
    assert application.duration == 3
