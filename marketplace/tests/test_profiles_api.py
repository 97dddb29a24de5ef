"""The profile endpoints: same selectors and services as the pages; a token is always required."""

import pytest

from marketplace.models import Profile

pytestmark = pytest.mark.django_db

NEW_PROFILE = {
    "kind": "TR",
    "title": "Seeking a calibration laboratory partner",
    "summary": "We look for an accredited laboratory to calibrate pressure sensors.",
    "description": "Our park's metrology centre seeks a partner for cross-calibration of pressure sensors.",
    "sectors": ["metrology"],
    "keywords": ["metrology/calibration"],
    "partnership_types": ["technical_cooperation"],
    "target_countries": ["KZ", "UZ"],
    "sdgs": [9],
    "trl": 6,
}


def test_every_write_needs_a_token(make_profile, anonymous):
    # Reading published public profiles needs none (issue 16 item 2, test_public_api.py).
    profile = make_profile(status=Profile.Status.PUBLISHED)
    assert anonymous.post("/api/v1/profiles", NEW_PROFILE, content_type="application/json").status_code == 401
    assert (
        anonymous.patch(f"/api/v1/profiles/{profile.pk}", {}, content_type="application/json").status_code
        == 401
    )
    for transition in ("submit", "publish", "return", "reject", "extend", "archive"):
        response = anonymous.post(
            f"/api/v1/profiles/{profile.pk}/{transition}", {}, content_type="application/json"
        )
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


def test_owner_creates_submits_and_secretariat_publishes(owner, park, secretariat, api_client):
    client = api_client(owner)
    response = client.post(
        "/api/v1/profiles", {**NEW_PROFILE, "owner_id": park.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    record = response.json()
    assert record["reference"].startswith("TR-IR-")
    assert record["status"] == "draft"
    assert record["language"] == "en"
    assert record["keywords"] == ["metrology/calibration"]
    assert record["target_countries"] == ["KZ", "UZ"]
    profile_id = record["id"]

    patched = client.patch(
        f"/api/v1/profiles/{profile_id}", {"trl": 7}, content_type="application/json"
    ).json()
    assert patched["trl"] == 7 and patched["title"] == NEW_PROFILE["title"]

    assert client.post(f"/api/v1/profiles/{profile_id}/submit").json()["status"] == "submitted"
    assert client.post(f"/api/v1/profiles/{profile_id}/publish").status_code == 403
    published = api_client(secretariat).post(f"/api/v1/profiles/{profile_id}/publish").json()
    assert published["status"] == "published" and published["expires_at"]
    assert client.post(f"/api/v1/profiles/{profile_id}/extend").json()["permissions"]["can_edit"] is True
    assert client.post(f"/api/v1/profiles/{profile_id}/archive").json()["status"] == "archived"


def test_return_and_reject_by_the_secretariat(make_profile, secretariat, api_client):
    client = api_client(secretariat)
    returned = make_profile(status=Profile.Status.SUBMITTED)
    response = client.post(
        f"/api/v1/profiles/{returned.pk}/return", {"comments": "Add a TRL."}, content_type="application/json"
    )
    assert response.json()["status"] == "returned"
    assert response.json()["moderation_comment"] == "Add a TRL."
    rejected = make_profile(status=Profile.Status.SUBMITTED)
    response = client.post(
        f"/api/v1/profiles/{rejected.pk}/reject", {"reason": "  "}, content_type="application/json"
    )
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    response = client.post(
        f"/api/v1/profiles/{rejected.pk}/reject", {"reason": "Duplicate."}, content_type="application/json"
    )
    assert response.json()["status"] == "rejected"


def test_impossible_transition_is_422(make_profile, owner, api_client):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    response = api_client(owner).post(f"/api/v1/profiles/{profile.pk}/submit")
    assert response.status_code == 422
    assert "cannot be submitted" in response.json()["message"]


def test_invalid_input_is_422_with_the_field(owner, park, api_client):
    response = api_client(owner).post(
        "/api/v1/profiles",
        {
            **NEW_PROFILE,
            "owner_id": park.pk,
            "sectors": [
                "metrology",
                "space",
                "ict-ai",
                "agriculture-food",
                "biotech-pharma",
                "manufacturing",
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "sectors" in response.json()["errors"]
    response = api_client(owner).post(
        "/api/v1/profiles",
        {**NEW_PROFILE, "owner_id": park.pk, "sectors": ["nonsense"]},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_outsider_cannot_create_for_another_organisation(outsider, park, api_client):
    response = api_client(outsider).post(
        "/api/v1/profiles", {**NEW_PROFILE, "owner_id": park.pk}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Profile.objects.exists()


def test_outsider_on_every_endpoint(make_profile, outsider, api_client):
    published = make_profile(status=Profile.Status.PUBLISHED)
    draft = make_profile()
    client = api_client(outsider)
    assert [item["id"] for item in client.get("/api/v1/profiles").json()["items"]] == [published.pk]
    assert client.get(f"/api/v1/profiles/{published.pk}").status_code == 200
    assert client.get(f"/api/v1/profiles/{draft.pk}").status_code == 404
    assert (
        client.patch(
            f"/api/v1/profiles/{published.pk}", {"title": "Hijacked"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.patch(
            f"/api/v1/profiles/{draft.pk}", {"title": "Hijacked"}, content_type="application/json"
        ).status_code
        == 404
    )
    for transition in ("submit", "publish", "extend", "archive"):
        assert client.post(f"/api/v1/profiles/{published.pk}/{transition}").status_code == 403
    assert (
        client.post(
            f"/api/v1/profiles/{published.pk}/return", {"comments": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/profiles/{published.pk}/reject", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    published.refresh_from_db()
    assert published.status == Profile.Status.PUBLISHED and published.title != "Hijacked"


def test_read_token_cannot_write(make_profile, owner, api_client):
    profile = make_profile()
    assert api_client(owner, scope="read").post(f"/api/v1/profiles/{profile.pk}/submit").status_code == 403


def test_list_filters_and_pagination(make_profile, outsider, api_client):
    for _ in range(3):
        make_profile(status=Profile.Status.PUBLISHED)
    make_profile(
        status=Profile.Status.PUBLISHED,
        kind=Profile.Kind.BUSINESS_OFFER,
        title="Halal certification services",
    )
    client = api_client(outsider)
    page = client.get("/api/v1/profiles", {"limit": 2, "offset": 0}).json()
    assert page["count"] == 4 and len(page["items"]) == 2
    item = page["items"][0]
    assert {"id", "reference", "kind", "title", "language", "visibility", "status"} <= set(item)
    assert client.get("/api/v1/profiles", {"kind": "BO"}).json()["count"] == 1
    assert client.get("/api/v1/profiles", {"q": "halal"}).json()["count"] == 1
    assert client.get("/api/v1/profiles", {"sector": "agriculture-food"}).json()["count"] == 4
    assert client.get("/api/v1/profiles", {"country": "IR"}).json()["count"] == 4


def test_list_endpoint_query_count_is_bounded(
    make_profile, outsider, api_client, django_assert_max_num_queries
):
    for _ in range(15):
        make_profile(status=Profile.Status.PUBLISHED)
    client = api_client(outsider)
    with django_assert_max_num_queries(15):
        assert client.get("/api/v1/profiles", {"limit": 50}).json()["count"] == 15
