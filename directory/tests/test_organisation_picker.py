"""The organisation picker's suggestions (issue 16 item 3): who may ask, which organisations come back,
in what order, and matched by which name in which script."""

from django.urls import reverse

from conftest import logged_in_client
from directory import services
from directory.models import Organisation, OrganisationName
from directory.search import search_key_for

PICK_URL = reverse("directory:organisation_pick")


def register(*names: str, status: str = Organisation.Status.ACTIVE, **fields) -> list[Organisation]:
    """Organisations with their display-name rows, as the services leave them (in bulk, for speed)."""
    fields.setdefault("kind", Organisation.Kind.COMPANY)
    fields.setdefault("country", "IR")
    organisations = Organisation.objects.bulk_create(
        Organisation(name=name, status=status, **fields) for name in names
    )
    OrganisationName.objects.bulk_create(
        OrganisationName(
            organisation=organisation,
            value=organisation.name,
            kind=OrganisationName.Kind.DISPLAY,
            search_key=search_key_for(organisation.name),
        )
        for organisation in organisations
    )
    return organisations


def pick(client, q: str, purpose: str = "marketplace.visible_to", **params):
    return client.get(PICK_URL, {"purpose": purpose, "q": q, **params})


def picked_names(client, q: str, **params) -> list[str]:
    response = pick(client, q, **params)
    assert response.status_code == 200, response.content
    return [result["name"] for result in response.json()["results"]]


def test_anonymous_visitor_is_refused_the_picker(anonymous, park):
    response = pick(anonymous, "Tabriz")
    assert response.status_code == 403
    assert "results" not in response.json()


def test_unknown_purpose_is_not_found(outsider):
    assert pick(logged_in_client(outsider), "Tabriz", purpose="nothing.here").status_code == 404


def test_exact_name_comes_first_then_names_that_begin_with_it_then_word_matches(outsider):
    # given names that sort, by name alone, with the exact match last
    register("Old Pardis Works", "Pardis Technology Park", "Pardisan Innovation Centre", "Pardis")
    # when the outsider types the exact name
    names = picked_names(logged_in_client(outsider), "pardis")
    # then
    assert names == ["Pardis", "Pardis Technology Park", "Pardisan Innovation Centre", "Old Pardis Works"]


def test_aliases_are_found_in_cyrillic_and_persian_and_named_in_the_suggestion(outsider, operator):
    perm, pardis = register("Perm Polytechnic University", "Pardis Technology Park")
    for organisation, alias, language in (
        (perm, "Пермский политехнический университет", "ru"),
        (pardis, "پارک فناوری پردیس", "fa"),
    ):
        services.organisation_name_add(
            actor=operator, organisation=organisation, value=alias, language=language, kind="alias"
        )
    client = logged_in_client(outsider)

    russian = pick(client, "Пермский").json()["results"]
    persian = pick(client, "پردیس").json()["results"]

    assert [(result["id"], result["matched_name"]) for result in russian] == [
        (perm.pk, "Пермский политехнический университет")
    ]
    assert [(result["id"], result["matched_name"]) for result in persian] == [
        (pardis.pk, "پارک فناوری پردیس")
    ]
    # a Latin spelling of the Cyrillic alias finds it too
    assert picked_names(client, "Permskii") == ["Perm Polytechnic University"]


def test_one_letter_is_too_short_but_one_chinese_or_korean_character_is_enough(outsider):
    register("Qingdao Blue Valley 青岛蓝谷", "서울 Technopark")
    client = logged_in_client(outsider)

    short = pick(client, "q").json()
    assert short == {"query_too_short": True, "results": []}
    assert picked_names(client, "青") == ["Qingdao Blue Valley 青岛蓝谷"]
    assert picked_names(client, "서") == ["서울 Technopark"]


def test_at_most_twenty_suggestions(outsider):
    register(*(f"Arvand Company {number:02d}" for number in range(30)))
    assert len(picked_names(logged_in_client(outsider), "Arvand")) == 20


def test_only_organisations_the_field_offers_are_suggested(outsider):
    # the profile may be shared with active organisations only, so the picker offers no other
    register("Kish Free Zone Park")
    register("Kish Closed Incubator", status=Organisation.Status.INACTIVE)
    assert picked_names(logged_in_client(outsider), "Kish") == ["Kish Free Zone Park"]


def test_exchange_host_picker_offers_no_network_and_narrows_by_country(outsider):
    register("Silk Labs Network", kind=Organisation.Kind.NETWORK)
    register("Silk Labs Tehran", country="IR")
    register("Silk Labs Almaty", country="KZ")
    client = logged_in_client(outsider)

    assert picked_names(client, "Silk Labs", purpose="exchanges.host") == [
        "Silk Labs Almaty",
        "Silk Labs Tehran",
    ]
    assert picked_names(client, "Silk Labs", purpose="exchanges.host", country="KZ") == ["Silk Labs Almaty"]


API_PICK_URL = "/api/v1/organisations/pick"


def test_api_offers_the_same_suggestions_to_a_token_and_refuses_anonymous_callers(
    outsider, anonymous, api_client
):
    register("Old Pardis Works", "Pardis")
    query = {"purpose": "marketplace.visible_to", "q": "Pardis"}

    assert anonymous.get(API_PICK_URL, query).status_code == 401
    response = api_client(outsider).get(API_PICK_URL, query)
    assert response.status_code == 200, response.content
    assert [result["name"] for result in response.json()] == ["Pardis", "Old Pardis Works"]
    assert response.json() == pick(logged_in_client(outsider), "Pardis").json()["results"]


def test_api_refuses_the_hub_picker_to_someone_outside_every_hub(outsider, api_client):
    register("Pardis")
    response = api_client(outsider).get(API_PICK_URL, {"purpose": "hubs", "q": "Pardis"})
    assert response.status_code == 403
