"""The offline map page and the points it draws (`directory:organisation_map`, `..._map_points`)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation

pytestmark = pytest.mark.django_db

MAP = reverse("directory:organisation_map")
POINTS = reverse("directory:organisation_map_points")


def place(organisation: Organisation, latitude: float, longitude: float) -> Organisation:
    organisation.latitude, organisation.longitude = latitude, longitude
    organisation.save(update_fields=["latitude", "longitude"])
    return organisation


def point_names(client, query: str = "") -> set[str]:
    response = client.get(f"{POINTS}{query}")
    assert response.status_code == 200
    return {point[3] for point in response.json()["points"]}


@pytest.fixture
def mapped(park, other_organisation):
    """Tabriz Science Park and Almaty Robotics LLP on the map; a hidden inactive park; one unplaced."""
    place(park, 38.08, 46.29)
    place(other_organisation, 43.24, 76.89)
    hidden = Organisation.objects.create(
        name="Dormant Tabriz Incubator",
        kind=Organisation.Kind.INCUBATOR,
        country="IR",
        status=Organisation.Status.INACTIVE,
        latitude=38.1,
        longitude=46.3,
    )
    Organisation.objects.create(name="Unplaced Centre", kind=Organisation.Kind.OTHER, country="IR")
    return hidden


def test_anonymous_visitor_sees_the_public_map_but_not_an_inactive_organisation(anonymous, mapped):
    """The map is as public as the directory it draws: active organisations only, no login needed."""
    assert anonymous.get(MAP).status_code == 200
    assert point_names(anonymous) == {"Tabriz Science Park", "Almaty Robotics LLP"}


def test_points_hold_id_coordinates_name_kind_and_a_link(owner, mapped, park):
    response = logged_in_client(owner).get(POINTS)

    data = response.json()
    row = next(point for point in data["points"] if point[0] == park.pk)
    assert row == [park.pk, 38.08, 46.29, "Tabriz Science Park", "science_park"]
    assert data["detail_url"].replace("{id}", str(park.pk)) == reverse(
        "directory:organisation_detail", kwargs={"pk": park.pk}
    )
    assert data["count"] == len(data["points"])


def test_outsider_sees_active_organisations_but_not_an_inactive_one_of_another(outsider, mapped):
    assert point_names(logged_in_client(outsider)) == {"Tabriz Science Park", "Almaty Robotics LLP"}


def test_member_of_an_inactive_organisation_sees_it_on_the_map(outsider, mapped):
    mapped.memberships.create(user=outsider, role="member")
    assert "Dormant Tabriz Incubator" in point_names(logged_in_client(outsider))


def test_operator_sees_inactive_organisations_but_not_merged_records(operator, mapped, park):
    place(
        Organisation.objects.create(
            name="Tabriz Park (old record)",
            kind=Organisation.Kind.SCIENCE_PARK,
            country="IR",
            status=Organisation.Status.MERGED,
            merged_into=park,
        ),
        38.0,
        46.0,
    )
    TOTP.activate(operator, generate_totp_secret())  # staff pages require two-factor login
    assert point_names(logged_in_client(operator)) == {
        "Tabriz Science Park",
        "Almaty Robotics LLP",
        "Dormant Tabriz Incubator",
    }


def test_points_are_filtered_by_kind_and_country(owner, mapped):
    client = logged_in_client(owner)
    assert point_names(client, "?kind=company") == {"Almaty Robotics LLP"}
    assert point_names(client, "?country=IR") == {"Tabriz Science Park"}
    assert point_names(client, "?country=IR&kind=company") == set()


def test_unknown_filter_is_a_clear_error(owner, mapped):
    client = logged_in_client(owner)

    response = client.get(f"{POINTS}?kind=spaceport")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_filter"

    page = client.get(f"{MAP}?kind=spaceport&country=IR")
    assert page.status_code == 200
    assert page.context["form"].errors["kind"]
    assert "data-points-url" not in page.content.decode()
    # what the person chose stays chosen
    assert '<option value="IR" selected>' in page.content.decode()


def test_map_page_ships_the_world_and_asks_for_the_filtered_points(owner):
    response = logged_in_client(owner).get(f"{MAP}?country=IR")

    content = response.content.decode()
    assert response.status_code == 200
    assert "vendor/world-atlas/countries-110m.json" in content
    assert f'data-points-url="{POINTS}?country=IR"' in content


def test_points_take_a_fixed_number_of_queries(owner, park, django_assert_max_num_queries):
    for number in range(30):
        Organisation.objects.create(
            name=f"Park {number}",
            kind=Organisation.Kind.SCIENCE_PARK,
            country="CN",
            latitude=30,
            longitude=120,
        )
    client = logged_in_client(owner)
    with django_assert_max_num_queries(4):
        response = client.get(POINTS)
    assert response.json()["count"] == 30
