"""Issue 16 item 2: published public profiles are on the anonymous pages and through the API without a
token, with the same filters; members-only and draft profiles stay hidden; writes still need a token."""

import re

import pytest

from marketplace.models import Profile

pytestmark = pytest.mark.django_db

DETAIL_LINK = re.compile(r'href="/marketplace/profiles/(\d+)/"')


@pytest.fixture
def profiles(make_profile):
    return {
        "public": make_profile(status=Profile.Status.PUBLISHED),
        "members_only": make_profile(
            status=Profile.Status.PUBLISHED,
            title="Members-only greenhouse sensors",
            visibility=Profile.Visibility.NETWORK_MEMBERS,
        ),
        "draft": make_profile(title="Draft water recycling plant"),
    }


def page_ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return {int(pk) for pk in DETAIL_LINK.findall(response.content.decode())}


@pytest.mark.parametrize("query", ["", "?q=irrigation", "?kind=TO", "?q=greenhouse"])
def test_anonymous_profile_api_lists_what_the_anonymous_page_shows(anonymous, profiles, query):
    from_page = page_ids(anonymous, f"/marketplace/{query}")
    response = anonymous.get(f"/api/v1/profiles{query}")

    assert response.status_code == 200
    from_api = {item["id"] for item in response.json()["items"]}
    assert from_api == from_page
    assert profiles["members_only"].pk not in from_api and profiles["draft"].pk not in from_api


def test_members_only_and_drafts_are_hidden_from_anonymous_but_not_from_their_owner(
    anonymous, api_client, owner, profiles
):
    assert anonymous.get(f"/api/v1/profiles/{profiles['public'].pk}").status_code == 200
    for hidden in (profiles["members_only"], profiles["draft"]):
        assert anonymous.get(f"/api/v1/profiles/{hidden.pk}").status_code == 404
        assert anonymous.get(f"/marketplace/profiles/{hidden.pk}/").status_code in (302, 404)
        assert api_client(owner, scope="read").get(f"/api/v1/profiles/{hidden.pk}").status_code == 200


def test_anonymous_search_matches_the_anonymous_search_page(anonymous, profiles):
    from_page = page_ids(anonymous, "/marketplace/search/?q=irrigation")
    response = anonymous.get("/api/v1/search?q=irrigation")

    assert response.status_code == 200
    from_api = {item["profile"]["id"] for item in response.json()["items"]}
    assert from_api == from_page
    assert profiles["members_only"].pk not in from_api and profiles["draft"].pk not in from_api


def test_writing_a_profile_still_needs_a_token(anonymous, park):
    response = anonymous.post("/api/v1/profiles", {"owner_id": park.pk}, content_type="application/json")

    assert response.status_code == 401
    assert anonymous.get("/api/v1/profiles/moderation-queue").status_code == 401
