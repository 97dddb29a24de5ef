"""The host of an exchange is one rule, kept by the service: an organisation the applicant may see, never a
network nor a merged record. The page offers only those; the API is refused anything else."""

import pytest
from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation
from exchanges.models import Application

pytestmark = pytest.mark.django_db


def _apply(client, call, home, host_id):
    return client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {
            "home_organisation_id": home.pk,
            "host_organisation_id": host_id,
            "participant_type": "researcher",
            "career_stage": "r2",
            "duration": 3,
            "summary": "Antiviral screening of medicinal plants.",
        },
        content_type="application/json",
    )


@pytest.fixture
def hidden_organisation(db):
    return Organisation.objects.create(
        name="Dormant Research Institute",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        country="KR",
        city="Daejeon",
        status=Organisation.Status.INACTIVE,
    )


def test_the_api_refuses_a_network_as_host(call, colleague, park, network, api_client):
    response = _apply(api_client(colleague), call, park, network.pk)

    assert response.status_code == 422, response.content
    assert response.json()["errors"]["host_organisation"] == [
        "A network cannot host a stay; choose one of its member organisations."
    ]
    assert not Application.objects.exists()


def test_the_api_refuses_an_organisation_the_applicant_may_not_see(
    call, colleague, park, hidden_organisation, api_client
):
    response = _apply(api_client(colleague), call, park, hidden_organisation.pk)

    assert response.status_code == 422, response.content
    assert response.json()["errors"]["host_organisation"] == ["No such organisation."]
    assert not Application.objects.exists()


def test_the_api_accepts_a_visible_organisation_as_host(call, colleague, park, host_organisation, api_client):
    response = _apply(api_client(colleague), call, park, host_organisation.pk)

    assert response.status_code == 201, response.content
    assert Application.objects.get().host_organisation == host_organisation


def test_the_api_refuses_moving_a_draft_to_a_network_host(application, colleague, park, network, api_client):
    response = api_client(colleague).put(
        f"/api/v1/exchange-applications/{application.pk}",
        {
            "home_organisation_id": park.pk,
            "host_organisation_id": network.pk,
            "participant_type": "researcher",
            "career_stage": "r2",
            "duration": 3,
            "summary": "Antiviral screening of medicinal plants.",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    application.refresh_from_db()
    assert application.host_organisation.kind != Organisation.Kind.NETWORK


def test_the_page_offers_neither_networks_nor_hidden_organisations(
    call, colleague, network, hidden_organisation, host_organisation
):
    response = logged_in_client(colleague).get(
        reverse("exchanges:application_create", kwargs={"pk": call.pk})
    )

    offered = set(response.context["form"].fields["host_organisation"].queryset)
    assert host_organisation in offered
    assert network not in offered
    assert hidden_organisation not in offered
