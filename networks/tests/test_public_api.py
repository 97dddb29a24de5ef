"""Issue 16 item 2: network pages (with their categories and fees) are public, and so is the same data
through the API without a token; pending applications and writes stay protected."""

import re
from decimal import Decimal

import pytest

from networks.models import MembershipCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(network):
    return MembershipCategory.objects.create(
        network=network,
        name="Founding member",
        annual_fee=Decimal("9000.00"),
        currency="EUR",
        term_months=12,
        active=False,
    )


def test_anonymous_network_api_lists_what_the_anonymous_page_shows(anonymous, network, park):
    page = anonymous.get("/networks/")
    assert page.status_code == 200
    from_page = {int(pk) for pk in re.findall(r'href="/networks/(\d+)/"', page.content.decode())}

    response = anonymous.get("/api/v1/networks")
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == from_page == {network.pk}


def test_categories_and_fees_are_public_on_page_and_api(
    anonymous, network, full_member, affiliate, withdrawn
):
    page = anonymous.get(f"/networks/{network.pk}/").content.decode()
    response = anonymous.get(f"/api/v1/networks/{network.pk}/categories")

    assert response.status_code == 200
    from_api = {item["name"]: Decimal(str(item["annual_fee"])) for item in response.json()}
    assert from_api == {"Full member": Decimal("1200.00"), "Affiliate": Decimal("400.00")}
    for name in from_api:
        assert name in page
    assert "Founding member" not in page  # a category no longer offered is the secretariat's


def test_anonymous_memberships_are_the_active_ones_the_page_shows(
    anonymous, api_client, secretariat, network, park, applied
):
    page = anonymous.get(f"/networks/{network.pk}/").content.decode()
    response = anonymous.get(f"/api/v1/networks/{network.pk}/memberships")

    assert response.status_code == 200
    assert [item["member_name"] for item in response.json()["items"]] == []
    assert "Tabriz Science Park" not in page  # a pending application is not on the public page
    everyone = api_client(secretariat, scope="read").get(f"/api/v1/networks/{network.pk}/memberships")
    assert [item["member_name"] for item in everyone.json()["items"]] == ["Tabriz Science Park"]


def test_writes_still_need_a_token(anonymous, network, full_member, applicant_park):
    assert (
        anonymous.post(
            f"/api/v1/networks/{network.pk}/categories",
            {"name": "Observer", "annual_fee": "10.00", "currency": "EUR", "term_months": 12},
            content_type="application/json",
        ).status_code
        == 401
    )
    assert anonymous.get(f"/api/v1/networks/{network.pk}/settings").status_code == 401
    assert not MembershipCategory.objects.filter(name="Observer").exists()
