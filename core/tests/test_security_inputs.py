"""Out-of-range paging and NUL characters get a clear JSON refusal, not a server error
(issue 14, item 11)."""

import pytest

pytestmark = pytest.mark.django_db
API = "/api/v1"
HUGE = str(2**70)


@pytest.mark.parametrize("path", ["/organisations", "/events", "/profiles", "/hubs", "/calls", "/eois"])
@pytest.mark.parametrize("query", [{"offset": HUGE}, {"limit": HUGE}, {"limit": "201"}])
def test_list_paging_out_of_range_is_refused_with_a_message(api_client, owner, park, path, query):
    response = api_client(owner).get(f"{API}{path}", query)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_paging"
    assert body["message"]


def test_paging_within_range_still_lists(api_client, owner, park):
    response = api_client(owner).get(f"{API}/organisations", {"limit": "200", "offset": "0"})
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_nul_character_in_a_json_body_is_refused(api_client, owner, park):
    response = api_client(owner).patch(
        f"{API}/organisations/{park.pk}", {"city": "Tab\u0000riz"}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "nul_character"
    park.refresh_from_db()
    assert "\x00" not in park.city


def test_nul_character_in_the_query_is_refused(api_client, owner, park):
    response = api_client(owner).get(f"{API}/organisations", {"q": "Tab\x00riz"})
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "nul_character"
