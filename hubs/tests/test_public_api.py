"""Issue 16 item 2: hub pages are public and so are the hubs through the API, without a token; the
desk's staff, needs, interactions and agreements stay the desk's, and writes still need a token."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_hub_api_lists_what_the_anonymous_page_shows(anonymous, hub):
    page = anonymous.get("/hubs/")
    assert page.status_code == 200
    from_page = {int(pk) for pk in re.findall(r'href="/hubs/(\d+)/"', page.content.decode())}

    response = anonymous.get("/api/v1/hubs")
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == from_page == {hub.pk}


def test_anonymous_hub_detail_matches_the_page_without_the_desk(anonymous, hub, owner):
    page = anonymous.get(f"/hubs/{hub.pk}/")
    record = anonymous.get(f"/api/v1/hubs/{hub.pk}")

    assert page.status_code == 200 and record.status_code == 200
    assert record.json()["host"]["name"] == "Tabriz Science Park"
    assert "Tabriz Science Park" in page.content.decode()
    assert owner.email not in page.content.decode()  # the staff list is the desk's
    assert "staff" not in record.json()


def test_the_desk_stays_closed_to_anonymous_callers(anonymous, hub, agreement):
    for url in (
        f"/api/v1/hubs/{hub.pk}/interactions",
        f"/api/v1/hubs/{hub.pk}/agreements",
        f"/api/v1/agreements/{agreement.pk}",
        f"/api/v1/hubs/{hub.pk}/programmes",
    ):
        assert anonymous.get(url).status_code == 401, url
    assert anonymous.get(f"/hubs/{hub.pk}/agreements/").status_code == 302


def test_opening_a_hub_still_needs_a_token(anonymous, park):
    response = anonymous.post(
        "/api/v1/hubs",
        {
            "host_id": park.pk,
            "partner_country": "DE",
            "mandate": "m",
            "designated_by": "x",
            "designated_on": "2024-01-01",
            "desk_park_ids": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 401
