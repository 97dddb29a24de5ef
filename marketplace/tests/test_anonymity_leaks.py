# ruff: noqa: F811  (the shared EOI fixtures are imported by name, and pytest passes them back in)
"""Regression tests for the anonymity leaks of issue 14 (items 4 to 6): an anonymous profile's owner
must not be named by the authors of its messages, identified by its absence from a list of matching
organisations, or singled out by its country and the counter in its reference."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import api_token_create
from conftest import logged_in_client
from directory.models import Organisation, OrganisationMembership, Role
from marketplace.eoi_services import eoi_accept, eoi_message_post
from marketplace.tests.test_eoi_flow import (  # noqa: F401 (fixtures)
    anonymous_profile,
    make_profile,
    partner,
    partner_organisation,
    published_profile,
    send_eoi,
)
from networks.models import NetworkMembership

pytestmark = pytest.mark.django_db

OWNER_LABEL = "The profile's owner"


def client_for(user, *, scope: str = "read") -> Client:
    _token, plaintext = api_token_create(user=user, name="anonymity tests", scope=scope)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


@pytest.fixture
def sender_secretariat(make_user, partner_organisation):
    """The secretariat of a network the sender belongs to (and the owner does not)."""
    network = Organisation.objects.create(
        name="Volga Innovation Network", kind=Organisation.Kind.NETWORK, country="RU", city="Kazan"
    )
    NetworkMembership.objects.create(
        network=network, member=partner_organisation, status=NetworkMembership.Status.ACTIVE
    )
    user = make_user("secretariat@volga.example", full_name="Volga Secretariat")
    OrganisationMembership.objects.create(user=user, organisation=network, role=Role.SECRETARIAT)
    return user


@pytest.fixture
def conversation(owner, partner, anonymous_profile, send_eoi):
    eoi = send_eoi(anonymous_profile)
    eoi_accept(actor=owner, eoi=eoi, message="Welcome, let us talk.")
    eoi_message_post(author=partner, eoi=eoi, body="Thank you, here is our plan.")
    return eoi


def test_owner_side_authors_are_not_named_to_whom_the_owner_is_hidden(conversation, sender_secretariat):
    authors = [
        item["author"]
        for item in client_for(sender_secretariat)
        .get(f"/api/v1/eois/{conversation.pk}/messages")
        .json()["items"]
    ]
    assert authors == [OWNER_LABEL, "Rustam Partner"]
    html = (
        logged_in_client(sender_secretariat)
        .get(reverse("marketplace:eoi_detail", kwargs={"pk": conversation.pk}))
        .content.decode()
    )
    assert "Welcome, let us talk." in html
    assert "Owner Parvin" not in html
    assert OWNER_LABEL in html


def test_both_sides_of_an_accepted_conversation_see_the_names(conversation, owner, partner):
    for user in (owner, partner):
        authors = [
            item["author"]
            for item in client_for(user).get(f"/api/v1/eois/{conversation.pk}/messages").json()["items"]
        ]
        assert authors == ["Owner Parvin", "Rustam Partner"]
        html = (
            logged_in_client(user)
            .get(reverse("marketplace:eoi_detail", kwargs={"pk": conversation.pk}))
            .content.decode()
        )
        assert "Owner Parvin" in html


def test_matching_organisations_of_an_anonymous_request_are_left_out_for_whom_the_owner_is_hidden(
    live_matching, owner, park, outsider, secretariat, make_user
):
    """Listing every relevant organisation but the owner would name it by omission; listing it would
    put it first (its description is closest to its own request), so the list is left out."""
    from directory.services import organisation_create
    from marketplace import services
    from marketplace.models import Profile
    from marketplace.tests.conftest import profile_arguments

    founder = make_user("founder@biolab.example")
    organisation_create(
        creator=founder,
        name="Toshkent Biotech Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        country="UZ",
        description="Мы разрабатываем вакцины и диагностические тесты для животноводства.",
        description_language="ru",
    )
    request = services.profile_create(
        actor=owner,
        owner=park,
        **profile_arguments(
            kind=Profile.Kind.RD_REQUEST,
            title="Partners for a livestock vaccine research project",
            summary="We look for laboratories to co-develop a vaccine against bovine disease.",
            description="A joint research project on veterinary vaccines, with field trials on farms.",
            anonymous=True,
        ),
    )
    request = services.profile_publish(
        actor=secretariat, profile=services.profile_submit(actor=owner, profile=request)
    )
    url = f"/api/v1/profiles/{request.pk}/matching-organisations"
    panel_url = reverse("marketplace:profile_matches", kwargs={"pk": request.pk})
    assert [item["name"] for item in client_for(owner).get(url).json()] == ["Toshkent Biotech Laboratory"]
    assert "Toshkent Biotech Laboratory" in logged_in_client(owner).get(panel_url).text
    hidden = client_for(outsider).get(url)
    assert hidden.status_code == 200
    assert hidden.json() == []
    assert "Toshkent Biotech Laboratory" not in logged_in_client(outsider).get(panel_url).text
    assert client_for(owner).get(url, {"limit": 51}).status_code == 422
