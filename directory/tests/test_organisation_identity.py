"""An organisation's logo, website and contact person (issue 16 item 12): edited by its admins on the page
and through the API, and the contact person shown only to whom its visibility allows."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from conftest import logged_in_client
from core.models import AuditEvent
from directory.models import ContactVisibility, Organisation, OrganisationMembership, Role
from networks.models import NetworkMembership

CONTACT = {
    "contact_name": "Leyla Ahmadi",
    "contact_role": "International relations",
    "contact_email": "leyla@tabriz-park.example",
    "contact_phone": "+98 41 3333 0000",
}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (31, 78, 121)).save(buffer, format="PNG")
    return buffer.getvalue()


def _edit_data(organisation: Organisation, **extra: object) -> dict[str, object]:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "country": organisation.country,
        "city": organisation.city,
        "website": "https://tabriz-park.example",
        "contact_visibility": ContactVisibility.NETWORK_MEMBERS,
        **CONTACT,
        **extra,
    }


@pytest.fixture
def peer(make_user, network):
    """An admin of another member in good standing of the park's network."""
    peer_park = Organisation.objects.create(
        name="Khujand Technopark", kind=Organisation.Kind.SCIENCE_PARK, country="TJ", city="Khujand"
    )
    NetworkMembership.objects.create(
        network=network, member=peer_park, status=NetworkMembership.Status.ACTIVE
    )
    user = make_user("peer@khujand-technopark.example")
    OrganisationMembership.objects.create(user=user, organisation=peer_park, role=Role.ADMIN)
    return user


def _with_contact(park: Organisation, visibility: str) -> Organisation:
    Organisation.objects.filter(pk=park.pk).update(contact_visibility=visibility, **CONTACT)
    park.refresh_from_db()
    return park


def test_admin_sets_logo_website_and_contact_through_the_edit_form(owner, park):
    client = logged_in_client(owner)
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")

    response = client.post(f"/organisations/{park.pk}/edit/", {**_edit_data(park), "logo": logo})

    assert response.status_code == 302, response.content
    park.refresh_from_db()
    assert park.contact_name == "Leyla Ahmadi" and park.logo.name.endswith(".png")
    page = client.get(f"/organisations/{park.pk}/").content.decode()
    assert 'id="organisation-logo"' in page and 'id="contact-person"' in page
    assert "https://tabriz-park.example" in page and "leyla@tabriz-park.example" in page
    image = client.get(f"/organisations/{park.pk}/logo/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.filter(action="organisation.update", organisation_id=park.pk).get()
    assert "contact_name" in event.changes and "logo" in event.changes


def test_a_logo_that_is_no_image_is_refused_beside_the_field_and_nothing_saved(owner, park):
    not_an_image = SimpleUploadedFile("logo.png", b"MZ\x90\x00 not a picture", content_type="image/png")

    response = logged_in_client(owner).post(
        f"/organisations/{park.pk}/edit/", {**_edit_data(park), "logo": not_an_image}
    )

    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert 'value="Leyla Ahmadi"' in response.content.decode()
    park.refresh_from_db()
    assert park.contact_name == "" and not park.logo


def test_contact_details_without_a_name_are_refused(owner, park):
    response = logged_in_client(owner).post(
        f"/organisations/{park.pk}/edit/", _edit_data(park, contact_name="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["contact_name"] == [
        "Give the contact person's name with their details."
    ]


VISIBLE = {
    # visibility: the personas who see the contact person
    ContactVisibility.NETWORK_MEMBERS: {"owner", "colleague", "peer", "secretariat"},
    ContactVisibility.MEMBERS: {"owner", "colleague", "peer", "secretariat", "outsider"},
    ContactVisibility.PUBLIC: {"owner", "colleague", "peer", "secretariat", "outsider"},
}


@pytest.mark.parametrize("visibility", list(VISIBLE))
@pytest.mark.parametrize("persona", ["owner", "colleague", "peer", "secretariat", "outsider", "anonymous"])
def test_contact_person_is_shown_per_viewer_on_page_and_api(request, api_client, park, visibility, persona):
    _with_contact(park, visibility)
    if persona == "anonymous":
        page_client, api = Client(), Client()
    else:
        person = request.getfixturevalue(persona)
        page_client, api = logged_in_client(person), api_client(person)

    page = page_client.get(f"/organisations/{park.pk}/")
    answer = api.get(f"/api/v1/organisations/{park.pk}")

    expected = persona in VISIBLE[visibility]
    if persona == "anonymous" and visibility == ContactVisibility.PUBLIC:
        # a public contact person is on every page an anonymous visitor may open, and only there
        assert ("Leyla Ahmadi" in page.content.decode()) is (page.status_code == 200)
        assert ("Leyla Ahmadi" in answer.content.decode()) is (answer.status_code == 200)
        return
    assert ("Leyla Ahmadi" in page.content.decode()) is expected
    assert ("Leyla Ahmadi" in answer.content.decode()) is expected
    if expected:
        assert page.status_code == 200 and answer.status_code == 200
        assert answer.json()["contact"] == {
            **{k[8:]: v for k, v in CONTACT.items()},
            "visibility": visibility,
        }


def test_api_admin_updates_the_contact_person(api_client, owner, park):
    response = api_client(owner).patch(
        f"/api/v1/organisations/{park.pk}",
        {**CONTACT, "contact_visibility": "public"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["contact"]["name"] == "Leyla Ahmadi"
    assert response.json()["contact"]["visibility"] == "public"
    assert response.json()["logo_url"] is None


@pytest.mark.parametrize("persona", ["outsider", "colleague"])
def test_outsider_and_plain_member_cannot_edit_the_contact_person(request, api_client, park, persona):
    person = request.getfixturevalue(persona)

    page = logged_in_client(person).post(f"/organisations/{park.pk}/edit/", _edit_data(park))
    api = api_client(person).patch(
        f"/api/v1/organisations/{park.pk}", CONTACT, content_type="application/json"
    )

    assert page.status_code == 403
    assert api.status_code == 403
    park.refresh_from_db()
    assert park.contact_name == ""
