"""A relevance search keeps its ranking for the next one (directory.search_ranking, issue 18): asked again
it ranks alike without ranking afresh, a change to a record or a name is seen at once, people who see more
than the public rank afresh, and relevance shows at most the kept best matches while other sorts page
through every match."""

import re

import pytest
from django.urls import reverse

from conftest import logged_in_client
from directory import search_ranking, services
from directory.models import Organisation, OrganisationMembership, Role

pytestmark = pytest.mark.django_db

LIST_URL = reverse("directory:organisation_list")
API_URL = "/api/v1/organisations"


@pytest.fixture
def curator(make_user):
    """Dilnoza, who keeps the records of a few Silk Road universities and parks."""
    return make_user("curator@registry.example")


@pytest.fixture
def registry(curator):
    def register(name: str, kind: str = "university", city: str = "") -> Organisation:
        return services.organisation_create(
            creator=curator, name=name, kind=kind, country="UZ", name_language="en", city=city
        )

    return {
        "exact": register("Samarkand University"),
        "prefix": register("Samarkand University of Agriculture"),
        "word": register("Silk Road Samarkand University"),
        "substring": register("Tashkent Universityhall Institute", kind="research_institute"),
        "kind": register("Urgut Technology Park", kind="science_park", city="Samarkand"),
        "other": register("Bukhara Textile Park", kind="science_park", city="Bukhara"),
    }


def page_ids(client, **params) -> list[int]:
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'id="result-(\d+)"', response.text)]


def test_a_search_asked_again_ranks_alike_without_ranking_afresh(
    anonymous, operator, api_client, registry, django_assert_max_num_queries
):
    first = page_ids(anonymous, q="samarkand university")
    # the second time no query compares names or cities: the page reads its rows by id
    with django_assert_max_num_queries(4) as captured:
        again = page_ids(anonymous, q="samarkand university")
    assert again == first
    assert not any("DISTINCT" in query["sql"] for query in captured.captured_queries)
    # a platform operator ranks afresh every time (staff pages need two factors, so through the API),
    # and the orders agree
    items = api_client(operator, scope="read").get(API_URL, {"q": "samarkand university"}).json()["items"]
    assert [item["id"] for item in items] == first
    assert first[:3] == [registry["exact"].pk, registry["prefix"].pk, registry["word"].pk]


def test_a_kept_search_reads_only_its_page_and_counts_nothing(
    anonymous, registry, django_assert_max_num_queries
):
    page_ids(anonymous, q="samarkand")
    # the page's organisations, their names and their identifiers (the ranking is in the cache)
    with django_assert_max_num_queries(3) as captured:
        again = anonymous.get(API_URL, {"q": "samarkand", "limit": 2, "offset": 1}).json()
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)
    assert again["count"] == 4  # the three universities, and the park in Samarkand
    assert [item["id"] for item in again["items"]] == [registry["prefix"].pk, registry["word"].pk]


def test_an_organisation_hidden_without_signals_leaves_the_kept_page(anonymous, registry):
    first = page_ids(anonymous, q="samarkand")
    # A bulk write skips the model signals that forget kept rankings: the page still reads its rows
    # through the visitor's selector, so the hidden record is not shown.
    Organisation.objects.filter(pk=registry["prefix"].pk).update(status=Organisation.Status.INACTIVE)
    assert page_ids(anonymous, q="samarkand") == [pk for pk in first if pk != registry["prefix"].pk]


def test_a_new_name_is_found_at_once_after_a_kept_search(anonymous, curator, registry):
    # given Aziz, who searched for "Afrosiyob" and found nothing
    assert page_ids(anonymous, q="Afrosiyob") == []

    # when Dilnoza gives the Urgut park its other name
    services.organisation_name_add(
        actor=curator,
        organisation=registry["kind"],
        value="Afrosiyob Innovation Park",
        language="uz",
        kind="alias",
    )

    # then his same search finds it at once, on the page and in the API
    assert page_ids(anonymous, q="Afrosiyob") == [registry["kind"].pk]
    items = anonymous.get(API_URL, {"q": "Afrosiyob"}).json()["items"]
    assert [item["id"] for item in items] == [registry["kind"].pk]


def test_a_member_finds_their_inactive_organisation_others_do_not(anonymous, make_user, registry):
    hidden = registry["other"]
    Organisation.objects.filter(pk=hidden.pk).update(status=Organisation.Status.INACTIVE)
    member = make_user("farrukh@bukhara-textile.example")
    OrganisationMembership.objects.create(user=member, organisation=hidden, role=Role.MEMBER)

    # an anonymous search keeps a ranking without the inactive park
    assert hidden.pk not in page_ids(anonymous, q="park")
    # its member ranks afresh and finds it; an outsider signed in reads the kept ranking and does not
    assert hidden.pk in page_ids(logged_in_client(member), q="park")
    outsider = make_user("oskar@consulting.example")
    assert hidden.pk not in page_ids(logged_in_client(outsider), q="park")


def test_relevance_shows_the_kept_best_matches_and_other_sorts_page_through_every_match(
    anonymous, registry, monkeypatch
):
    monkeypatch.setattr(search_ranking, "RANKED_LIMIT", 2)
    by_relevance = anonymous.get(API_URL, {"q": "university"}).json()
    assert by_relevance["count"] == 2
    assert [item["id"] for item in by_relevance["items"]] == [registry["exact"].pk, registry["prefix"].pk]

    by_name = anonymous.get(API_URL, {"q": "university", "sort": "name"}).json()
    assert by_name["count"] == 4
