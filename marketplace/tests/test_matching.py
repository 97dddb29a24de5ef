# The background texts are in Cyrillic and Turkish, whose letters look like Latin ones by design.
# ruff: noqa: RUF001
"""Cross-lingual matching through the real model (multilingual-e5-small) on a handful of profiles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import logged_in_client
from core.models import Notification
from directory.models import Organisation, OrganisationMembership, Role
from marketplace import services
from marketplace.matching import PROFILE_KIND, profile_matches, profiles_multilingual_search
from marketplace.models import Profile
from marketplace.tests.conftest import profile_arguments
from matching.models import Embedding
from networks.models import NetworkMembership

pytestmark = pytest.mark.usefixtures("live_matching")

TO, TR, BO = Profile.Kind.TECHNOLOGY_OFFER, Profile.Kind.TECHNOLOGY_REQUEST, Profile.Kind.BUSINESS_OFFER


@pytest.fixture
def seller_park(network):
    """A second park of the same network, whose people see the first park's members-only profiles."""
    park = Organisation.objects.create(
        name="Ankara Teknokent", kind=Organisation.Kind.SCIENCE_PARK, country="TR", city="Ankara"
    )
    NetworkMembership.objects.create(network=network, member=park, status=NetworkMembership.Status.ACTIVE)
    return park


@pytest.fixture
def seller(make_user, seller_park):
    user = make_user("seller@teknokent.example")
    OrganisationMembership.objects.create(user=user, organisation=seller_park, role=Role.ADMIN)
    return user


@pytest.fixture
def publish(secretariat):
    def publish_as(actor, organisation, **overrides):
        profile = services.profile_create(actor=actor, owner=organisation, **profile_arguments(**overrides))
        profile = services.profile_submit(actor=actor, profile=profile)
        return services.profile_publish(actor=secretariat, profile=profile)

    return publish_as


# A marketplace holds many topics in many languages; the engine measures each language's mean vector
# from what it holds. Every test here starts from this small, varied one (business offers, which no
# technology request or offer is matched with).
BACKGROUND = [
    ("en", "Hotel rooms and meeting halls for delegations in Tashkent", "Rooms, interpreters and transport."),
    ("ru", "Юридическое сопровождение регистрации компаний", "Регистрация филиалов и лицензии в Казахстане."),
    ("fa", "خدمات ترجمه رسمی اسناد تجاری", "ترجمه رسمی قراردادها و اسناد شرکت به زبان‌های همسایه."),
    ("tr", "Tekstil boyama tesisi için fason üretim kapasitesi", "Pamuklu kumaş boyama ve baskı hizmeti."),
    ("zh-hans", "化妆品包装设计与生产", "为出口企业提供化妆品瓶和盒子的设计与小批量生产。"),
    ("ko", "해상 화물 보험 중개 서비스", "중앙아시아로 가는 컨테이너 화물의 보험을 중개합니다."),
    ("en", "Accounting and payroll outsourcing for start-ups", "Monthly bookkeeping and tax returns."),
    ("ru", "Аренда складских помещений у границы", "Тёплые склады и таможенный терминал рядом с границей."),
]


@pytest.fixture(autouse=True)
def background(live_matching, make_user, publish, network):
    agency = Organisation.objects.create(
        name="Silk Road Services", kind=Organisation.Kind.COMPANY, country="KZ", city="Almaty"
    )
    NetworkMembership.objects.create(network=network, member=agency, status=NetworkMembership.Status.ACTIVE)
    author = make_user("author@silkroad-services.example")
    OrganisationMembership.objects.create(user=author, organisation=agency, role=Role.ADMIN)
    return [
        publish(author, agency, kind=BO, title=title, summary=summary, description=summary, language=language)
        for language, title, summary in BACKGROUND
    ]


ENGLISH_OFFER = {
    "kind": TO,
    "title": "Drip irrigation controller for arid orchards",
    "summary": "A solar-powered controller that cuts orchard water use by a third.",
    "description": "The controller schedules drip irrigation from soil moisture sensors and weather "
    "forecasts. It was tested on pistachio orchards in a dry climate.",
}
UNRELATED_OFFERS = [
    {
        "kind": TO,
        "title": "Blockchain ledger for customs documents",
        "summary": "Software that records bills of lading and certificates of origin on a shared ledger.",
        "description": "Freight forwarders and customs brokers exchange trade documents without paper.",
    },
    {
        "kind": TO,
        "title": "Rapid test for bovine tuberculosis",
        "summary": "A lateral-flow test that detects tuberculosis in cattle from a blood drop.",
        "description": "Veterinarians read the result in fifteen minutes on the farm.",
    },
]
PERSIAN_REQUEST = {
    "kind": TR,
    "title": "سامانه آبیاری قطره‌ای هوشمند برای باغ‌های پسته",
    "summary": "به دنبال فناوری کنترل آبیاری قطره‌ای با حسگر رطوبت خاک برای کاهش مصرف آب هستیم.",
    "description": "باغ‌های پسته ما در اقلیم خشک با کم‌آبی روبه‌رو هستند و به یک کنترل‌کننده خودکار نیاز داریم.",
    "language": "fa",
}


def test_a_persian_request_ranks_its_english_offer_above_unrelated_ones(
    owner, park, seller, seller_park, publish
):
    offer = publish(seller, seller_park, **ENGLISH_OFFER)
    for unrelated in UNRELATED_OFFERS:
        publish(seller, seller_park, **unrelated)
    request = publish(owner, park, **PERSIAN_REQUEST)

    matches = profile_matches(viewer=owner, profile=request)

    # Only what is relevant is a match: the unrelated offers, in the request's own script or not, are not.
    assert [match.profile for match in matches] == [offer]
    best = matches[0]
    assert best.relevance == "strong"
    assert best.relevance_label == "Strong match"
    assert best.language == "en"
    assert (
        best.best_sentence in ENGLISH_OFFER["summary"] + ENGLISH_OFFER["description"] + ENGLISH_OFFER["title"]
    )
    assert any("Agriculture" in reason or "agri" in reason.lower() for reason in best.reasons)


def test_matches_are_only_complementary_kinds_and_never_the_owners_own(
    owner, park, seller, seller_park, publish
):
    offer = publish(seller, seller_park, **ENGLISH_OFFER)
    publish(seller, seller_park, **{**ENGLISH_OFFER, "kind": BO, "title": "Irrigation controllers for sale"})
    publish(owner, park, **{**ENGLISH_OFFER, "title": "Our own irrigation offer"})
    request = publish(owner, park, **PERSIAN_REQUEST)

    assert [match.profile for match in profile_matches(viewer=owner, profile=request)] == [offer]


def test_a_kyrgyz_query_finds_a_russian_profile(owner, park, seller, seller_park, publish, outsider):
    russian = publish(
        seller,
        seller_park,
        kind=TO,
        title="Биоразлагаемая упаковка из соломы пшеницы",
        summary="Технология производства одноразовой посуды и упаковки из пшеничной соломы.",
        description="Упаковка разлагается в почве за три месяца и заменяет пластик в общественном питании.",
        language="ru",
    )
    for unrelated in UNRELATED_OFFERS:
        publish(seller, seller_park, **unrelated)

    results = profiles_multilingual_search(viewer=owner, q="буудай самандан жасалган таңгак")

    assert results[0].profile == russian
    assert results[0].language == "ru"
    assert results[0].semantic_rank == 1


def test_the_index_follows_publish_edit_and_withdrawal(owner, park, seller, seller_park, publish):
    request = publish(owner, park, **PERSIAN_REQUEST)
    offer = publish(seller, seller_park, **UNRELATED_OFFERS[0])
    assert Embedding.objects.get(kind=PROFILE_KIND, object_id=offer.pk).active
    assert profile_matches(viewer=owner, profile=request) == []  # a customs ledger is no irrigation
    before = bytes(Embedding.objects.get(kind=PROFILE_KIND, object_id=offer.pk).vector)

    services.profile_update(
        actor=seller,
        profile=offer,
        title=ENGLISH_OFFER["title"],
        summary=ENGLISH_OFFER["summary"],
        description=ENGLISH_OFFER["description"],
    )
    assert bytes(Embedding.objects.get(kind=PROFILE_KIND, object_id=offer.pk).vector) != before
    [match] = profile_matches(viewer=owner, profile=request)
    assert match.profile == offer
    assert match.best_sentence != ""

    services.profile_archive(actor=seller, profile=offer)
    assert not Embedding.objects.get(kind=PROFILE_KIND, object_id=offer.pk).active
    assert profile_matches(viewer=owner, profile=request) == []


def test_a_draft_is_never_indexed(owner, park):
    draft = services.profile_create(actor=owner, owner=park, **profile_arguments())

    assert not Embedding.objects.filter(kind=PROFILE_KIND, object_id=draft.pk, active=True).exists()


def test_nobody_is_matched_with_a_profile_they_may_not_see(
    owner, park, seller, seller_park, publish, outsider, secretariat
):
    hidden = publish(
        seller, seller_park, **{**ENGLISH_OFFER, "visibility": Profile.Visibility.NETWORK_MEMBERS}
    )
    request = publish(owner, park, **PERSIAN_REQUEST)

    assert [match.profile for match in profile_matches(viewer=owner, profile=request)] == [hidden]
    assert profile_matches(viewer=outsider, profile=request) == []
    assert hidden not in [
        result.profile for result in profiles_multilingual_search(viewer=outsider, q="drip irrigation")
    ]


def test_an_expired_profile_drops_out_even_before_the_index_hears_of_it(
    owner, park, seller, seller_park, publish
):
    offer = publish(seller, seller_park, **ENGLISH_OFFER)
    request = publish(owner, park, **PERSIAN_REQUEST)
    Profile.objects.filter(pk=offer.pk).update(expires_at="2020-01-01T00:00:00Z")

    assert profile_matches(viewer=owner, profile=request) == []


def test_publishing_alerts_the_owners_of_strongly_matching_profiles(
    owner, park, seller, seller_park, publish, colleague
):
    publish(owner, park, **PERSIAN_REQUEST)
    assert not Notification.objects.filter(topic="marketplace.match").exists()

    offer = publish(seller, seller_park, **ENGLISH_OFFER)
    publish(seller, seller_park, **UNRELATED_OFFERS[0])

    alerted = Notification.objects.filter(topic="marketplace.match")
    assert {notification.recipient for notification in alerted} == {owner, colleague}
    assert all(notification.url.endswith(f"/profiles/{offer.pk}/") for notification in alerted)


def test_matches_panel_on_the_profile_page(owner, park, seller, seller_park, publish, outsider):
    offer = publish(seller, seller_park, **ENGLISH_OFFER)
    request = publish(owner, park, **PERSIAN_REQUEST, visibility=Profile.Visibility.NETWORK_MEMBERS)

    panel = logged_in_client(owner).get(reverse("marketplace:profile_matches", kwargs={"pk": request.pk}))
    assert panel.status_code == 200
    assert offer.title in panel.text
    assert "English" in panel.text

    assert (
        logged_in_client(outsider)
        .get(reverse("marketplace:profile_matches", kwargs={"pk": request.pk}))
        .status_code
        == 404
    )


IRRIGATION_VARIANTS = [
    "Drip irrigation controller for pistachio orchards",
    "Solar drip irrigation controller for dry orchards",
    "Soil-moisture drip irrigation controller for orchards",
]


def test_more_matches_on_the_panel_cost_no_more_queries(
    owner, park, seller, seller_park, publish, django_assert_max_num_queries
):
    # given a Persian request matched by one English offer
    publish(seller, seller_park, **ENGLISH_OFFER)
    request = publish(owner, park, **PERSIAN_REQUEST)
    client = logged_in_client(owner)
    url = reverse("marketplace:profile_matches", kwargs={"pk": request.pk})
    with django_assert_max_num_queries(40) as before:
        first = client.get(url)

    # when three more offers on the same subject are published
    for title in IRRIGATION_VARIANTS:
        publish(seller, seller_park, **{**ENGLISH_OFFER, "title": title})

    # then the panel lists them, and its sectors, keywords and countries cost no query per match
    with django_assert_max_num_queries(len(before)):
        second = client.get(url)
    assert second.text.count("list-group-item") > first.text.count("list-group-item")


def test_a_matches_panel_brings_the_index_up_to_date_once(owner, park, seller, seller_park, publish):
    # given a Persian request matched by one English offer, its panel seen once
    publish(seller, seller_park, **ENGLISH_OFFER)
    request = publish(owner, park, **PERSIAN_REQUEST)
    client = logged_in_client(owner)
    url = reverse("marketplace:profile_matches", kwargs={"pk": request.pk})
    client.get(url)

    # when the panel is drawn again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    # then it read the embeddings changed since the last look once, though it asks for the index twice
    syncs = [
        query for query in queries.captured_queries if '"matching_embedding"."updated_at" >=' in query["sql"]
    ]
    assert len(syncs) == 1


def test_search_page_in_any_language(owner, park, seller, seller_park, publish, anonymous):
    offer = publish(seller, seller_park, **ENGLISH_OFFER)

    page = logged_in_client(owner).get(reverse("marketplace:search"), {"q": "آبیاری قطره‌ای"})
    assert offer.title in page.text
    assert offer.title in anonymous.get(reverse("marketplace:search"), {"q": "آبیاری قطره‌ای"}).text


def test_api_matches_and_search(owner, park, seller, seller_park, publish, api_client, outsider):
    offer = publish(seller, seller_park, **ENGLISH_OFFER)
    request = publish(owner, park, **PERSIAN_REQUEST, visibility=Profile.Visibility.NETWORK_MEMBERS)

    matches = api_client(owner).get(f"/api/v1/profiles/{request.pk}/matches?limit=5").json()
    assert [item["profile"]["id"] for item in matches] == [offer.pk]
    assert matches[0]["language"] == "en"
    assert matches[0]["reasons"]
    assert api_client(outsider).get(f"/api/v1/profiles/{request.pk}/matches").status_code == 404

    found = api_client(owner).get("/api/v1/search", {"q": "سامانه آبیاری", "kind": "TO"}).json()
    assert found["count"] == 1
    assert found["items"][0]["profile"]["id"] == offer.pk
    assert found["items"][0]["language"] == "en"


def test_api_search_and_matches_are_public_as_their_pages_are(seller, seller_park, publish, anonymous):
    public = publish(seller, seller_park, **ENGLISH_OFFER)
    hidden = publish(
        seller, seller_park, **{**UNRELATED_OFFERS[0], "visibility": Profile.Visibility.NETWORK_MEMBERS}
    )

    # Search and a public profile's matches are public as their pages are (issue 16 item 2).
    assert anonymous.get("/api/v1/search", {"q": "irrigation"}).status_code == 200
    assert anonymous.get(reverse("marketplace:profile_matches", kwargs={"pk": public.pk})).status_code == 200
    assert anonymous.get(f"/api/v1/profiles/{public.pk}/matches").status_code == 200
    # A members-only profile stays hidden from an anonymous caller, on the page and through the API.
    assert anonymous.get(reverse("marketplace:profile_matches", kwargs={"pk": hidden.pk})).status_code == 404
    assert anonymous.get(f"/api/v1/profiles/{hidden.pk}/matches").status_code == 404
    assert anonymous.get(f"/api/v1/profiles/{hidden.pk}/matching-organisations").status_code == 404


def test_api_search_sees_only_what_the_person_may_see(seller, seller_park, publish, outsider, api_client):
    public = publish(seller, seller_park, **ENGLISH_OFFER)
    publish(seller, seller_park, **{**UNRELATED_OFFERS[0], "visibility": Profile.Visibility.NETWORK_MEMBERS})

    found = api_client(outsider).get("/api/v1/search", {"q": "customs ledger irrigation"}).json()
    assert [item["profile"]["id"] for item in found["items"]] == [public.pk]


def test_api_search_refuses_an_empty_query(owner, api_client):
    response = api_client(owner).get("/api/v1/search", {"q": ""})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_an_rd_request_finds_organisations_by_their_description(
    owner, park, outsider, publish, api_client, make_user
):
    from directory.services import organisation_create

    founder = make_user("founder@biolab.example")
    biolab = organisation_create(
        creator=founder,
        name="Toshkent Biotech Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        country="UZ",
        description="Мы разрабатываем вакцины и диагностические тесты для животноводства.",
        description_language="ru",
    )
    organisation_create(
        creator=founder,
        name="Caspian Shipping Software",
        kind=Organisation.Kind.COMPANY,
        country="AZ",
        description="We write software for container terminals and port logistics.",
    )
    request = publish(
        owner,
        park,
        kind=Profile.Kind.RD_REQUEST,
        title="Partners for a livestock vaccine research project",
        summary="We look for laboratories to co-develop a vaccine against bovine disease.",
        description="A joint research project on veterinary vaccines, with field trials on farms.",
        visibility=Profile.Visibility.NETWORK_MEMBERS,
    )

    found = api_client(owner).get(f"/api/v1/profiles/{request.pk}/matching-organisations").json()
    assert found[0]["id"] == biolab.pk
    assert found[0]["language"] == "ru"
    panel = logged_in_client(owner).get(reverse("marketplace:profile_matches", kwargs={"pk": request.pk}))
    assert "Toshkent Biotech Laboratory" in panel.text
    assert (
        api_client(outsider).get(f"/api/v1/profiles/{request.pk}/matching-organisations").status_code == 404
    )


def test_search_by_reference_puts_that_profile_first(owner, park, seller, seller_park, publish):
    publish(seller, seller_park, **ENGLISH_OFFER)
    other = publish(seller, seller_park, **UNRELATED_OFFERS[1])

    results = profiles_multilingual_search(viewer=owner, q=other.reference.lower())

    assert results[0].profile == other
    assert results[0].keyword_rank == 1


SATELLITE_OFFER = {
    "kind": TO,
    "title": "Мониторинг посевов пшеницы по спутниковым снимкам",
    "summary": "Прогноз урожайности и раннее обнаружение засухи по снимкам со спутников.",
    "description": "Сервис анализирует спутниковые снимки полей и предупреждает фермеров о засухе.",
    "language": "ru",
}
BIOSENSOR_OFFER = {
    "kind": TO,
    "title": "Disposable biosensor strips for antibiotic residues in milk",
    "summary": "Screen-printed biosensor strips and a handheld reader test milk on the farm.",
    "description": "Farmers detect antibiotic residues in raw milk in ten minutes, before it is collected.",
}


@pytest.mark.parametrize(
    ("query", "relevant", "own_language_title"),
    [
        ("آبیاری قطره‌ای برای باغ‌ها", ENGLISH_OFFER, "خدمات ترجمه رسمی اسناد تجاری"),
        ("위성 영상으로 농작물 모니터링", SATELLITE_OFFER, "해상 화물 보험 중개 서비스"),
        (
            "биосенсоры для анализа молока на ферме",
            BIOSENSOR_OFFER,
            "Юридическое сопровождение регистрации компаний",
        ),
    ],
    ids=["persian", "korean", "russian"],
)
def test_a_query_finds_the_relevant_profile_in_another_language_above_its_own_languages(
    owner, seller, seller_park, publish, query, relevant, own_language_title
):
    """Persian, Korean and Russian search words: the relevant profile, written in another language,
    comes first, and the unrelated profile written in the query's own language (in the background)
    does not come before it."""
    for offer in (ENGLISH_OFFER, SATELLITE_OFFER, BIOSENSOR_OFFER):
        publish(seller, seller_park, **offer)

    found = [result.profile.title for result in profiles_multilingual_search(viewer=owner, q=query)]

    assert found[0] == relevant["title"]
    assert own_language_title not in found[:1]


@pytest.mark.parametrize(
    ("q", "status", "message"),
    [
        ("", 422, None),  # the API's own check: a query is required
        ("😀🚀", 422, "Use words to search: emoji and punctuation alone match nothing."),
        ("a", 200, None),
        ("irrigation " * 1000, 200, None),  # 11,000 characters: cut to what is searched
    ],
    ids=["empty", "emoji", "one-character", "ten-thousand-characters"],
)
def test_odd_search_words_get_a_clear_answer_never_a_server_error(owner, api_client, q, status, message):
    response = api_client(owner).get("/api/v1/search", {"q": q[:10_000]})

    assert response.status_code == status
    if message:
        assert response.json()["message"] == message


@pytest.mark.parametrize(
    ("q", "shown"),
    [
        ("   ", "Type what you are looking for, in any language."),
        ("😀🚀", "Use words to search: emoji and punctuation alone match nothing."),
        ("a", "relevant profile"),  # searched: a result or none, in words either way
        ("irrigation " * 1000, "relevant profile"),
    ],
    ids=["blank", "emoji", "one-character", "ten-thousand-characters"],
)
def test_the_search_page_answers_odd_search_words_in_words(owner, seller, seller_park, publish, q, shown):
    publish(seller, seller_park, **ENGLISH_OFFER)

    page = logged_in_client(owner).get(reverse("marketplace:search"), {"q": q})

    assert page.status_code == 200
    assert shown in page.text
