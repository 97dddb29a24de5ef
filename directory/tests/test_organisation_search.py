"""The directory page and `GET /api/v1/organisations`: search across names in every script, filters,
sorting, pagination, and who may search."""

import datetime
import re

import pytest
from django.urls import reverse

from conftest import logged_in_client
from core.models import Sector
from directory import services
from directory.models import Organisation
from networks.models import NetworkMembership

LIST_URL = reverse("directory:organisation_list")
API_URL = "/api/v1/organisations"


@pytest.fixture
def curator(make_user):
    return make_user("curator@registry.example")


def register(curator, name, *, kind="university", country="RU", language="en", labels=(), **fields):
    organisation = services.organisation_create(
        creator=curator, name=name, kind=kind, country=country, name_language=language, **fields
    )
    for value, label_language in labels:
        services.organisation_name_add(
            actor=curator, organisation=organisation, value=value, language=label_language, kind="label"
        )
    return organisation


@pytest.fixture
def registry(curator):
    """Organisations whose other names are in Cyrillic, Persian and Chinese."""
    return {
        "perm": register(
            curator,
            "Perm State University",
            city="Perm",
            founded_year=1916,
            labels=[("Пермский государственный университет", "ru")],
        ),
        "kazan": register(
            curator,
            "Kazan Federal University",
            city="Kazan",
            founded_year=1804,
            labels=[("Казанский федеральный университет", "ru")],
        ),
        "pardis": register(
            curator,
            "Pardis Technology Park",
            kind="science_park",
            country="IR",
            city="Tehran",
            founded_year=2001,
            labels=[("پارک علم و فناوری پردیس", "fa")],
            sectors=[Sector.objects.get(code="ict-ai")],
        ),
        "qingdao": register(
            curator,
            "青岛大学",
            country="CN",
            language="zh",
            city="Qingdao",
            founded_year=1993,
            labels=[("Qingdao University", "en")],
        ),
        "almaty": register(curator, "Almaty Robotics", kind="company", country="KZ", city="Almaty"),
    }


def result_ids(response):
    return [int(pk) for pk in re.findall(r'id="result-(\d+)"', response.text)]


def search_page(user, **params):
    response = logged_in_client(user).get(LIST_URL, params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("университет", {"perm", "kazan", "qingdao"}),  # Qingdao University by its kind
        ("پارک علم و فناوری", {"pardis"}),
        ("青岛", {"qingdao"}),
        ("Permskiy universitet", {"perm"}),
        ("permskij", {"perm"}),
        ("QINGDAO university", {"qingdao"}),
    ],
)
def test_search_finds_names_in_any_script_and_transliteration(curator, registry, query, expected):
    response = search_page(curator, q=query)

    assert set(result_ids(response)) == {registry[key].pk for key in expected}


def test_search_shows_the_other_language_name_that_matched(curator, registry):
    response = search_page(curator, q="университет")

    assert "Пермский государственный университет" in response.text
    assert "Perm State University" in response.text
    assert "Russia" in response.text  # the country's name, not its code
    assert "Perm" in response.text


def test_matched_name_is_not_repeated_when_the_display_name_matched(curator, registry):
    response = search_page(curator, q="Kazan Federal")

    assert result_ids(response) == [registry["kazan"].pk]
    assert "Казанский" not in response.text


def test_filters_by_kind_country_and_sector(curator, registry):
    assert set(result_ids(search_page(curator, kind="science_park"))) == {registry["pardis"].pk}
    assert set(result_ids(search_page(curator, country="RU"))) == {registry["perm"].pk, registry["kazan"].pk}
    assert set(result_ids(search_page(curator, sector="ict-ai"))) == {registry["pardis"].pk}
    assert result_ids(search_page(curator, q="государственный", country="CN")) == []


def test_network_filter_keeps_active_and_grace_members_only(curator, registry):
    network = register(curator, "Silk Road Parks", kind="network", country="CN")
    status = NetworkMembership.Status
    for key, membership_status in (
        ("perm", status.ACTIVE),
        ("kazan", status.GRACE),
        ("qingdao", status.APPLIED),
    ):
        NetworkMembership.objects.create(network=network, member=registry[key], status=membership_status)

    response = search_page(curator, network=network.pk)

    assert set(result_ids(response)) == {registry["perm"].pk, registry["kazan"].pk}
    assert "Silk Road Parks" in response.text  # offered as a filter


def test_sorts_by_name_founding_country_and_recent_update(curator, registry):
    assert result_ids(search_page(curator, sort="name"))[:2] == [registry["almaty"].pk, registry["kazan"].pk]
    founded = result_ids(search_page(curator, sort="-founded"))
    assert founded[:4] == [registry[key].pk for key in ("pardis", "qingdao", "perm", "kazan")]
    assert founded[-1] == registry["almaty"].pk  # no founding year: last
    by_country = result_ids(search_page(curator, sort="country"))
    assert by_country[0] == registry["qingdao"].pk and by_country[1] == registry["pardis"].pk

    services.organisation_figure_record(
        actor=curator,
        organisation=registry["kazan"],
        metric="employees",
        value=100,
        as_of=datetime.date(2024, 1, 1),
        source="Annual report",
    )
    assert result_ids(search_page(curator, sort="-updated"))[0] == registry["kazan"].pk


def test_merged_record_is_left_out_of_search(curator, registry):
    Organisation.objects.filter(pk=registry["kazan"].pk).update(
        status=Organisation.Status.MERGED, merged_into=registry["perm"]
    )

    assert result_ids(search_page(curator, q="университет", country="RU")) == [registry["perm"].pk]


def test_inactive_organisation_is_found_only_by_those_who_may_see_it(curator, registry, outsider):
    Organisation.objects.filter(pk=registry["perm"].pk).update(status=Organisation.Status.INACTIVE)

    assert result_ids(search_page(outsider, q="университет", country="RU")) == [registry["kazan"].pk]
    assert set(result_ids(search_page(curator, q="университет", country="RU"))) == {
        registry["perm"].pk,
        registry["kazan"].pk,
    }


def test_pages_of_twenty_keep_the_filters(curator):
    for number in range(25):
        register(curator, f"Science Park {number:02d}", kind="science_park", country="TR")

    response = search_page(curator, kind="science_park", page=2)

    assert result_ids(response) == list(
        Organisation.objects.filter(name__startswith="Science Park")
        .order_by("name")
        .values_list("pk", flat=True)[20:]
    )
    assert "Page 2 of 2" in response.text
    assert "kind=science_park&amp;page=1" in response.text


def test_htmx_request_gets_only_the_results(curator, registry):
    response = logged_in_client(curator).get(LIST_URL, {"q": "青岛"}, headers={"HX-Request": "true"})

    assert result_ids(response) == [registry["qingdao"].pk]
    assert "<nav" not in response.text.split('id="organisation-results"')[0]
    assert "directory-search" not in response.text


def test_list_page_queries_do_not_grow_with_results(curator, django_assert_max_num_queries):
    for number in range(30):
        register(
            curator, f"Park {number}", kind="science_park", country="TR", labels=[(f"Парк {number}", "ru")]
        )
    client = logged_in_client(curator)

    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL, {"q": "парк"})

    assert len(result_ids(response)) == 20


def test_anonymous_sees_the_public_directory(db, anonymous):
    # The directory is public (issue 16 item 2); the API comparison is in test_public_api.py.
    response = anonymous.get(LIST_URL)

    assert response.status_code == 200


def test_navbar_links_to_the_directory(curator):
    response = logged_in_client(curator).get(reverse("directory:my_organisations"))

    assert f'href="{LIST_URL}"' in response.text


# The API answers the same searches with the same rules.


def api_ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_api_search_in_three_scripts(api_client, curator, registry):
    client = api_client(curator, scope="read")

    assert set(api_ids(client.get(API_URL, {"q": "университет"}))) == {
        registry["perm"].pk,
        registry["kazan"].pk,
        registry["qingdao"].pk,  # a university by its kind
    }
    assert api_ids(client.get(API_URL, {"q": "پارک علم و فناوری"})) == [registry["pardis"].pk]
    assert api_ids(client.get(API_URL, {"q": "青岛"})) == [registry["qingdao"].pk]
    assert api_ids(client.get(API_URL, {"q": "Permskiy universitet"})) == [registry["perm"].pk]


def test_api_item_carries_names_and_identifiers(api_client, curator, registry):
    services.external_identifier_set(
        actor=curator, organisation=registry["qingdao"], scheme="ror", value="https://ror.org/021cj6z65"
    )

    body = api_client(curator).get(API_URL, {"q": "青岛"}).json()

    assert body["count"] == 1
    item = body["items"][0]
    assert {key: item[key] for key in ("name", "kind", "country", "city")} == {
        "name": "青岛大学",
        "kind": "university",
        "country": "CN",
        "city": "Qingdao",
    }
    assert sorted((name["value"], name["language"], name["kind"]) for name in item["names"]) == [
        ("Qingdao University", "en", "label"),
        ("青岛大学", "zh", "display"),
    ]
    assert [(i["scheme"], i["value"]) for i in item["external_ids"]] == [("ror", "021cj6z65")]


def test_api_filters_sort_and_limit_offset(api_client, curator, registry):
    client = api_client(curator, scope="read")

    assert set(api_ids(client.get(API_URL, {"country": "RU"}))) == {registry["perm"].pk, registry["kazan"].pk}
    assert api_ids(client.get(API_URL, {"kind": "company"})) == [registry["almaty"].pk]
    assert api_ids(client.get(API_URL, {"sector": "ict-ai"})) == [registry["pardis"].pk]
    page = client.get(API_URL, {"sort": "-founded", "limit": 2, "offset": 1}).json()
    assert page["count"] == 5
    assert [item["id"] for item in page["items"]] == [registry["qingdao"].pk, registry["perm"].pk]
    assert client.get(API_URL, {"kind": "castle"}).status_code == 422


def test_api_list_queries_do_not_grow(api_client, curator, django_assert_max_num_queries):
    for number in range(25):
        organisation = register(
            curator, f"Park {number}", kind="science_park", country="TR", labels=[(f"Парк {number}", "ru")]
        )
        services.external_identifier_set(
            actor=curator, organisation=organisation, scheme="wikidata", value=f"Q{number + 1}"
        )
    client = api_client(curator, scope="read")

    with django_assert_max_num_queries(10):
        response = client.get(API_URL, {"q": "park", "limit": 25})

    assert len(response.json()["items"]) == 25


def test_api_anonymous_reads_the_public_directory(db, anonymous):
    # Public since issue 16 item 2; what it lists is compared with the page in test_public_api.py.
    response = anonymous.get(API_URL)

    assert response.status_code == 200


def test_api_outsider_does_not_find_inactive_organisations(api_client, outsider, curator, registry):
    Organisation.objects.filter(pk=registry["qingdao"].pk).update(status=Organisation.Status.INACTIVE)

    assert api_ids(api_client(outsider).get(API_URL, {"q": "青岛"})) == []


def _selected(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select[0])


def test_the_kept_filter_widgets_show_each_visitors_filters_and_new_networks(anonymous, curator, network):
    # The widgets' HTML is kept per language and what they show (core.forms.filter_widgets_cache_key).
    asked = anonymous.get(LIST_URL, {"kind": "university"}).content.decode()
    assert _selected(asked, "kind") == ["university"]
    assert _selected(anonymous.get(LIST_URL).content.decode(), "kind") == [""]
    first = anonymous.get(LIST_URL).content.decode()
    assert network.name in first and "Turkic Science Parks Network" not in first

    register(curator, "Turkic Science Parks Network", kind="network", country="TR")

    assert "Turkic Science Parks Network" in anonymous.get(LIST_URL).content.decode()


def test_a_directory_filter_in_error_is_shown_and_not_kept(anonymous, db):
    assert 'id="id_kind_error"' in anonymous.get(LIST_URL, {"kind": "castle"}).content.decode()
    assert 'id="id_kind_error"' not in anonymous.get(LIST_URL).content.decode()
