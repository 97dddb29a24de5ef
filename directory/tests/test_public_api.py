"""Issue 16 item 2: the directory is public, on its pages and through the API alike. Without a token the
API answers exactly what the anonymous page shows (same filters), contacts and inactive records stay
hidden, and writes still need a token."""

import re

import pytest

from directory.models import Organisation

pytestmark = pytest.mark.django_db

DETAIL_LINK = re.compile(r'href="/organisations/(\d+)/"')


def page_ids(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {int(pk) for pk in DETAIL_LINK.findall(response.content.decode())}


def api_ids(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def records(park, network, other_organisation, owner):
    """The owner's park with contacts, and an inactive organisation only its members may see."""
    park.email, park.phone = "office@tabriz-park.example", "+98 41 3333 0000"
    park.save(update_fields=["email", "phone"])
    hidden = Organisation.objects.create(
        name="Tabriz Dormant Incubator",
        kind=Organisation.Kind.INCUBATOR,
        country="IR",
        status=Organisation.Status.INACTIVE,
    )
    from directory.models import OrganisationMembership, Role

    OrganisationMembership.objects.create(user=owner, organisation=hidden, role=Role.ADMIN)
    return {"park": park, "hidden": hidden}


@pytest.mark.parametrize("query", ["", "?q=Tabriz", "?country=IR", "?kind=network", "?q=Almaty&country=KZ"])
def test_anonymous_directory_api_lists_what_the_anonymous_page_shows(anonymous, records, query):
    from_page = page_ids(anonymous, f"/organisations/{query}")
    from_api = api_ids(anonymous, f"/api/v1/organisations{query}")

    assert from_api == from_page
    assert records["hidden"].pk not in from_api


def test_anonymous_sees_the_public_directory(anonymous, records, network, other_organisation):
    assert api_ids(anonymous, "/api/v1/organisations") == {
        records["park"].pk,
        network.pk,
        other_organisation.pk,
    }


def test_a_member_sees_the_inactive_record_the_anonymous_visitor_does_not(
    anonymous, api_client, owner, records
):
    hidden = records["hidden"]

    assert anonymous.get(f"/organisations/{hidden.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/organisations/{hidden.pk}").status_code == 404
    assert api_client(owner, scope="read").get(f"/api/v1/organisations/{hidden.pk}").status_code == 200


def test_contacts_are_hidden_from_anonymous_visitors_on_page_and_api(
    anonymous, api_client, outsider, records
):
    park = records["park"]
    page = anonymous.get(f"/organisations/{park.pk}/").content.decode()
    record = anonymous.get(f"/api/v1/organisations/{park.pk}").json()

    assert "Tabriz Science Park" in page and record["name"] == "Tabriz Science Park"
    assert "office@tabriz-park.example" not in page and "3333" not in page
    assert record["email"] is None and record["phone"] is None

    signed_in = api_client(outsider, scope="read").get(f"/api/v1/organisations/{park.pk}").json()
    assert signed_in["email"] == "office@tabriz-park.example"
    assert signed_in["phone"] == "+98 41 3333 0000"


def test_anonymous_relationships_follow_the_page(anonymous, records):
    response = anonymous.get(f"/api/v1/organisations/{records['park'].pk}/relationships")

    assert response.status_code == 200


def test_members_and_writes_still_need_a_token(anonymous, records):
    park = records["park"]
    assert anonymous.get(f"/api/v1/organisations/{park.pk}/members").status_code == 401
    assert anonymous.get("/api/v1/me/organisations").status_code == 401
    created = anonymous.post(
        "/api/v1/organisations",
        {"name": "X", "kind": "company", "country": "KZ"},
        content_type="application/json",
    )
    assert created.status_code == 401
    changed = anonymous.patch(
        f"/api/v1/organisations/{park.pk}", {"name": "Y"}, content_type="application/json"
    )
    assert changed.status_code == 401
    park.refresh_from_db()
    assert park.name == "Tabriz Science Park"
