"""The profiles a set of words matches are kept for the next search (marketplace.word_search, issue 18):
a new or changed profile is found at once, who may see which profile is decided afresh for each reader,
and words that match many profiles are answered without keeping them."""

import re

import pytest

from conftest import logged_in_client
from marketplace import services, word_search
from marketplace.models import Profile

pytestmark = pytest.mark.django_db

LIST_URL = "/marketplace/"
API_URL = "/api/v1/profiles"


def listed_ids(client, q: str) -> set[int]:
    response = client.get(LIST_URL, {"q": q})
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r"/marketplace/profiles/(\d+)/", response.text)}


def test_a_two_character_word_finds_a_new_profile_at_once(make_profile, anonymous, owner):
    # given Wang Fang, who looked for "科技" (technology) when no profile said it
    make_profile(status=Profile.Status.PUBLISHED, title="Greenhouse sensors for arid regions")
    assert listed_ids(anonymous, "科技") == set()

    # when a park publishes a profile in Chinese
    chinese = make_profile(
        status=Profile.Status.PUBLISHED,
        title="温室传感器科技转让",
        summary="一种用于干旱地区温室的低成本湿度传感器。",
    )

    # then her same search finds it, on the page and in the API
    assert listed_ids(anonymous, "科技") == {chinese.pk}
    items = anonymous.get(API_URL, {"q": "科技"}).json()["items"]
    assert [item["id"] for item in items] == [chinese.pk]

    # and a change of its words is seen at once too
    services.profile_update(actor=owner, profile=chinese, title="温室传感器转让")
    assert listed_ids(anonymous, "科技") == set()


def test_kept_matches_never_show_a_profile_to_someone_who_may_not_see_it(
    make_profile, anonymous, network_peer, outsider
):
    members_only = make_profile(
        status=Profile.Status.PUBLISHED,
        visibility=Profile.Visibility.NETWORK_MEMBERS,
        title="Desalination membranes for members of the network",
    )
    # an anonymous search keeps the ids of every profile with the word, and shows none it may not see
    assert listed_ids(anonymous, "membranes") == set()
    assert listed_ids(logged_in_client(network_peer), "membranes") == {members_only.pk}
    assert listed_ids(logged_in_client(outsider), "membranes") == set()


def test_words_that_match_many_profiles_are_not_kept_and_still_found(make_profile, anonymous, monkeypatch):
    monkeypatch.setattr(word_search, "KEPT_MATCHES", 1)
    first = make_profile(status=Profile.Status.PUBLISHED, title="Orchard irrigation pumps")
    second = make_profile(status=Profile.Status.PUBLISHED, title="Orchard irrigation valves")
    assert listed_ids(anonymous, "orchard irrigation") == {first.pk, second.pk}
    assert word_search.MATCHES.get(("orchard", "irrigation")) == "many"
