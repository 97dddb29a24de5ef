"""Search and matching run the text encoder, so each visitor and each account may run them only so often
(core/ratelimit.py, issue 14 item 13): over the limit, 429 with Retry-After, a page or JSON."""

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import logged_in_client

pytestmark = pytest.mark.django_db

SEARCH = "/marketplace/search/"


@pytest.fixture(autouse=True)
def small_limits(settings, monkeypatch):
    # One fixed moment in the middle of a window, so no test straddles two windows.
    monkeypatch.setattr("core.ratelimit._now", lambda: 1_800_000_030.0)
    settings.RATE_LIMITS = {"search": ("2/m", "3/m"), "matching": ("2/m", "3/m")}
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMIT_TRUSTED_PROXIES = 0
    cache.clear()
    yield
    cache.clear()


def visitor(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_an_anonymous_visitor_over_the_search_limit_gets_the_429_page_and_another_address_does_not():
    first = visitor("198.51.100.1")
    assert first.get(SEARCH, {"q": "irrigation"}).status_code == 200
    assert first.get(SEARCH, {"q": "irrigation"}).status_code == 200
    refused = first.get(SEARCH, {"q": "irrigation"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    page = refused.content.decode()
    assert "Too many requests" in page
    assert f"Please wait {refused['Retry-After']} second" in page
    assert "<nav" in page  # the site's layout, not a bare error
    assert visitor("198.51.100.2").get(SEARCH, {"q": "irrigation"}).status_code == 200


def test_the_429_page_speaks_the_visitors_language():
    first = visitor("198.51.100.3")
    for _ in range(2):
        first.get(SEARCH, {"q": "irrigation"})
    refused = first.get(SEARCH, {"q": "irrigation"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 429
    assert refused.headers["Content-Language"] == "ru"


def test_a_forged_forwarded_for_header_does_not_escape_the_limit():
    first = visitor("198.51.100.4")
    for n in range(2):
        first.get(SEARCH, {"q": "irrigation"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert first.get(SEARCH, {"q": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    proxy = visitor("10.0.0.1")
    for _ in range(2):
        assert proxy.get(SEARCH, {"q": "a"}, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200
    assert proxy.get(SEARCH, {"q": "a"}, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # The proxy's own address is not the caller: another visitor behind it is still served.
    assert proxy.get(SEARCH, {"q": "a"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.8").status_code == 200


def test_a_signed_in_persona_has_its_own_bucket_with_its_own_limit(owner):
    shared_address = "198.51.100.9"
    anonymous = visitor(shared_address)
    for _ in range(2):
        anonymous.get(SEARCH, {"q": "irrigation"})
    assert anonymous.get(SEARCH, {"q": "irrigation"}).status_code == 429
    signed_in = logged_in_client(owner)
    signed_in.defaults["REMOTE_ADDR"] = shared_address
    for _ in range(3):
        assert signed_in.get(SEARCH, {"q": "irrigation"}).status_code == 200
    assert signed_in.get(SEARCH, {"q": "irrigation"}).status_code == 429


def test_the_limit_applies_to_everyone_even_an_outsider(outsider):
    signed_in = logged_in_client(outsider)
    for _ in range(3):
        signed_in.get(SEARCH, {"q": "irrigation"})
    assert signed_in.get(SEARCH, {"q": "irrigation"}).status_code == 429


def test_the_api_search_over_the_limit_answers_429_json_per_account(owner, outsider, api_client):
    client = api_client(owner)
    for _ in range(3):
        assert client.get("/api/v1/search", {"q": "irrigation"}).status_code == 200
    refused = client.get("/api/v1/search", {"q": "irrigation"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    body = refused.json()
    assert body["code"] == "rate_limited"
    assert body["message"].startswith("Too many requests in a short time.")
    assert body["retry_after"] == int(refused["Retry-After"])
    # Another account (here an outsider to the owner's park) keeps its own count.
    assert api_client(outsider).get("/api/v1/search", {"q": "irrigation"}).status_code == 200


def test_the_api_429_message_is_translated(owner, api_client):
    client = api_client(owner)
    for _ in range(3):
        client.get("/api/v1/search", {"q": "irrigation"})
    refused = client.get("/api/v1/search", {"q": "irrigation"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 429
    assert refused.json()["message"]


def test_matches_and_matching_organisations_are_limited_too(owner, api_client, make_profile):
    profile = make_profile()
    client = api_client(owner)
    paths = [
        f"/api/v1/profiles/{profile.pk}/matches",
        f"/api/v1/profiles/{profile.pk}/matching-organisations",
        f"/api/v1/profiles/{profile.pk}/matches",
    ]
    assert [client.get(path).status_code for path in paths] == [200, 200, 200]
    assert client.get(paths[1]).status_code == 429
    cache.clear()  # the page and the API count against the same account
    panel = logged_in_client(owner)
    for _ in range(3):
        assert panel.get(f"/marketplace/profiles/{profile.pk}/matches/").status_code == 200
    assert panel.get(f"/marketplace/profiles/{profile.pk}/matches/").status_code == 429


def test_search_is_unlimited_when_rate_limits_are_off(settings):
    settings.RATE_LIMIT_ENABLED = False
    first = visitor("198.51.100.10")
    assert all(first.get(SEARCH, {"q": "irrigation"}).status_code == 200 for _ in range(4))
