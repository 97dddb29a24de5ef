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


@pytest.fixture
def region_only(owner, park, secretariat):
    """An anonymous public profile whose owner (Tabriz Science Park, Iran) shows only its region."""
    from marketplace import services
    from marketplace.tests.conftest import profile_arguments

    profile = services.profile_create(
        actor=owner,
        owner=park,
        **profile_arguments(title="Anonymous biosensor offer", anonymous=True, owner_place="region"),
    )
    return services.profile_publish(
        actor=secretariat, profile=services.profile_submit(actor=owner, profile=profile)
    )


def test_an_anonymous_owner_may_show_its_region_instead_of_its_country(region_only, outsider, owner):
    record = client_for(outsider).get(f"/api/v1/profiles/{region_only.pk}").json()
    assert record["owner"] == {
        "id": None,
        "name": "Anonymous organisation",
        "country": "",
        "region": "034",
        "region_name": "Southern Asia",
    }
    assert record["owner_place"] == "region"
    client = logged_in_client(outsider)
    detail = client.get(reverse("marketplace:profile_detail", kwargs={"pk": region_only.pk})).content.decode()
    assert "Southern Asia" in detail
    assert "Iran" not in detail
    listing = client.get(reverse("marketplace:profile_list")).content.decode()
    assert "Anonymous biosensor offer" in listing
    assert "(Southern Asia)" in listing
    assert "(Iran)" not in listing  # "Iran" is among the country filter's options
    # Filtering by the owner's country must not find it either.
    by_country = client.get(reverse("marketplace:profile_list"), {"country": "IR"})
    assert region_only not in list(by_country.context["page"].object_list)
    assert client_for(outsider).get("/api/v1/profiles", {"country": "IR"}).json()["count"] == 0
    # The owner's own people still see the country.
    own = client_for(owner).get(f"/api/v1/profiles/{region_only.pk}").json()["owner"]
    assert own["country"] == "IR"
    assert (
        "Iran"
        in logged_in_client(owner)
        .get(reverse("marketplace:profile_detail", kwargs={"pk": region_only.pk}))
        .content.decode()
    )


def test_the_profile_form_offers_the_region(owner):
    html = logged_in_client(owner).get(reverse("marketplace:profile_create")).content.decode()
    assert 'name="owner_place"' in html
    assert 'value="region"' in html


def test_an_anonymous_profiles_reference_does_not_count_per_country(
    owner, park, other_organisation, outsider
):
    """Two anonymous profiles from different countries share one platform-wide daily counter, and
    neither reference names a country; a profile that is not anonymous keeps its country."""
    from marketplace import services
    from marketplace.tests.conftest import profile_arguments

    first = services.profile_create(actor=owner, owner=park, **profile_arguments(anonymous=True))
    second = services.profile_create(
        actor=outsider, owner=other_organisation, **profile_arguments(anonymous=True)
    )
    named = services.profile_create(actor=owner, owner=park, **profile_arguments())
    day = first.reference.split("-")[1]
    assert first.reference == f"TO-{day}-0001"
    assert second.reference == f"TO-{day}-0002"
    assert named.reference == f"TO-IR-{day}-0001"


def test_every_country_has_a_region():
    import pycountry

    from core.taxonomies import WORLD, region_name, region_of

    assert [country.alpha_2 for country in pycountry.countries if region_of(country.alpha_2) == WORLD] == [
        "AQ"
    ]
    assert region_of("IR") == "034"
    assert region_name(region_of("TR")) == "Western Asia"


def test_the_owner_chooses_through_the_api(region_only, owner, outsider):
    url = f"/api/v1/profiles/{region_only.pk}"
    changed = client_for(owner, scope="read_write").patch(
        url, {"owner_place": "country"}, content_type="application/json"
    )
    assert changed.status_code == 200, changed.content
    assert client_for(outsider).get(url).json()["owner"]["country"] == "IR"
    refused = client_for(owner, scope="read_write").patch(
        url, {"owner_place": "city"}, content_type="application/json"
    )
    assert refused.status_code == 422


def test_a_draft_made_anonymous_gets_a_reference_without_its_country(owner, park):
    from marketplace import services
    from marketplace.tests.conftest import profile_arguments

    draft = services.profile_create(actor=owner, owner=park, **profile_arguments())
    assert "-IR-" in draft.reference
    draft = services.profile_update(actor=owner, profile=draft, anonymous=True)
    assert "-IR-" not in draft.reference
    assert draft.reference.startswith("TO-")
