"""A profile's page shows its owner's logo, website and contact person (issue 16 item 12), but never for
an anonymous profile whose owner is hidden from the viewer."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from conftest import logged_in_client
from directory.models import ContactVisibility, Organisation
from marketplace.models import Profile
from marketplace.tests.conftest import png_bytes

pytestmark = pytest.mark.django_db

WEBSITE = "https://tabriz-park.example"
CONTACT_NAME = "Leyla Ahmadi"


@pytest.fixture
def identified_park(park):
    park.website = WEBSITE
    park.contact_name = CONTACT_NAME
    park.contact_email = "leyla@tabriz-park.example"
    park.contact_visibility = ContactVisibility.MEMBERS
    park.logo.save("logo.png", ContentFile(png_bytes()), save=False)
    park.save()
    return park


def _page(client, profile) -> str:
    response = client.get(reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_outsider_sees_the_owner_logo_website_and_contact_of_a_named_profile(
    identified_park, make_profile, outsider
):
    profile = make_profile(status=Profile.Status.PUBLISHED)

    html = _page(logged_in_client(outsider), profile)

    assert 'id="owner-logo"' in html and WEBSITE in html and CONTACT_NAME in html
    logo = logged_in_client(outsider).get(reverse("directory:organisation_logo", args=[identified_park.pk]))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"


def test_contact_for_members_only_is_not_on_the_page_for_an_anonymous_visitor(
    identified_park, make_profile, anonymous
):
    profile = make_profile(status=Profile.Status.PUBLISHED)

    html = _page(anonymous, profile)

    assert CONTACT_NAME not in html
    assert WEBSITE in html  # the website and logo are as public as the owner's name


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_an_anonymous_profile_shows_no_owner_logo_website_or_contact(
    request, identified_park, make_profile, persona
):
    Organisation.objects.filter(pk=identified_park.pk).update(contact_visibility=ContactVisibility.PUBLIC)
    profile = make_profile(status=Profile.Status.PUBLISHED, anonymous=True)
    person = request.getfixturevalue(persona)
    client = person if persona == "anonymous" else logged_in_client(person)

    html = _page(client, profile)

    assert "Anonymous organisation" in html
    assert 'id="owner-identity"' not in html
    assert reverse("directory:organisation_logo", args=[identified_park.pk]) not in html
    assert WEBSITE not in html and CONTACT_NAME not in html


def test_owner_people_see_their_identity_on_an_anonymous_profile(identified_park, make_profile, owner):
    profile = make_profile(status=Profile.Status.PUBLISHED, anonymous=True)

    html = _page(logged_in_client(owner), profile)

    assert 'id="owner-logo"' in html and CONTACT_NAME in html
