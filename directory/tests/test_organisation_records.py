"""An organisation's record: names, identifiers, figures with history, the hierarchy and other links,
network memberships, on its page and through the API, and who may change them."""

import datetime
import re

import pytest
from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent
from directory import services
from directory.models import (
    ExternalIdentifier,
    Organisation,
    OrganisationFigure,
    OrganisationName,
    OrganisationRelationship,
)
from networks.models import NetworkMembership


def detail_url(organisation):
    return reverse("directory:organisation_detail", kwargs={"pk": organisation.pk})


def api_url(organisation, suffix=""):
    return f"/api/v1/organisations/{organisation.pk}{suffix}"


def make(owner, name, **fields):
    fields.setdefault("kind", "science_park")
    fields.setdefault("country", "IR")
    return services.organisation_create(creator=owner, name=name, **fields)


# The display name row


def test_display_name_follows_the_organisation_name(api_client, owner, park):
    services.organisation_update(actor=owner, organisation=park, name="Tabriz Science and Technology Park")
    client = api_client(owner)

    names = client.get(api_url(park)).json()["names"]

    assert [(n["value"], n["kind"]) for n in names] == [("Tabriz Science and Technology Park", "display")]
    assert client.get("/api/v1/organisations", {"q": "technology tabriz"}).json()["count"] == 1


def test_api_creates_organisation_with_the_new_fields_and_creator_as_admin(api_client, outsider):
    response = api_client(outsider).post(
        "/api/v1/organisations",
        {
            "name": "Пермский технопарк",
            "name_language": "ru",
            "kind": "science_park",
            "country": "RU",
            "region": "Perm Krai",
            "city": "Perm",
            "latitude": 58.0,
            "longitude": 56.25,
            "founded_on": "2010-05-01",
            "email": "info@perm-park.example",
            "phone": "+7 342 000 00 00",
            "sectors": ["ict-ai"],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["founded_year"] == 2010
    assert body["my_role"] == "admin"
    assert body["sectors"] == ["ict-ai"]
    assert body["names"][0] == {
        "id": body["names"][0]["id"],
        "value": "Пермский технопарк",
        "language": "ru",
        "kind": "display",
    }


def test_api_create_refuses_half_coordinates_and_unknown_sector(api_client, outsider):
    client = api_client(outsider)
    base = {"name": "Half Park", "kind": "science_park", "country": "TR"}

    response = client.post(
        "/api/v1/organisations", {**base, "latitude": 40.0}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "longitude" in response.json()["errors"]
    response = client.post(
        "/api/v1/organisations", {**base, "sectors": ["alchemy"]}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "alchemy" in response.json()["message"]
    assert not Organisation.objects.filter(name="Half Park").exists()


def test_api_patch_changes_only_what_is_sent(api_client, owner, park):
    response = api_client(owner).patch(
        api_url(park), {"city": "Tabriz East", "founded_year": 2001}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    park.refresh_from_db()
    assert (park.name, park.city, park.founded_year, park.kind) == (
        "Tabriz Science Park",
        "Tabriz East",
        2001,
        "science_park",
    )
    assert AuditEvent.objects.filter(action="organisation.update", organisation_id=park.pk).exists()


def test_outsider_cannot_patch_or_add_to_another_organisation(api_client, outsider, park):
    client = api_client(outsider)
    attempts = [
        client.patch(api_url(park), {"city": "Elsewhere"}, content_type="application/json"),
        client.post(
            api_url(park, "/names"), {"value": "TSP", "kind": "acronym"}, content_type="application/json"
        ),
        client.post(
            api_url(park, "/external-ids"),
            {"scheme": "wikidata", "value": "Q1"},
            content_type="application/json",
        ),
        client.post(
            api_url(park, "/figures"),
            {"metric": "employees", "value": 5, "as_of": "2024-01-01", "source": "guess"},
            content_type="application/json",
        ),
        client.post(
            api_url(park, "/relationships"),
            {"kind": "related", "other_id": park.pk},
            content_type="application/json",
        ),
    ]

    assert [response.status_code for response in attempts] == [403] * 5
    assert not OrganisationName.objects.filter(value="TSP").exists()
    assert not OrganisationFigure.objects.exists()


def test_anonymous_gets_401_on_registry_endpoints(anonymous, park):
    # Reading an active organisation's relationships is public, like its page; every write needs a token.
    assert anonymous.get(api_url(park, "/relationships")).status_code == 200
    for method, suffix in (
        ("post", "/names"),
        ("post", "/figures"),
        ("post", "/external-ids"),
        ("patch", ""),
    ):
        response = getattr(anonymous, method)(api_url(park, suffix), {}, content_type="application/json")
        assert response.status_code == 401, suffix
    assert anonymous.post("/api/v1/organisations", {}, content_type="application/json").status_code == 401


def test_outsider_gets_403_on_registry_forms(outsider, park):
    client = logged_in_client(outsider)

    page = client.get(detail_url(park))
    assert 'id="add-name"' not in page.text
    response = client.post(
        reverse("directory:organisation_name_add", kwargs={"pk": park.pk}),
        {"name-value": "TSP", "name-kind": "acronym"},
    )
    assert response.status_code == 403
    assert not OrganisationName.objects.filter(value="TSP").exists()


def test_anonymous_is_sent_to_log_in_from_registry_forms(anonymous, park):
    for name in (
        "organisation_name_add",
        "external_identifier_set",
        "organisation_figure_record",
        "organisation_relationship_add",
    ):
        response = anonymous.post(reverse(f"directory:{name}", kwargs={"pk": park.pk}), {})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# Names and identifiers


def test_secretariat_adds_a_label_to_a_member_park_on_its_page(secretariat, park):
    client = logged_in_client(secretariat)

    response = client.post(
        reverse("directory:organisation_name_add", kwargs={"pk": park.pk}),
        {"name-value": "پارک علم و فناوری تبریز", "name-language": "fa", "name-kind": "label"},
        follow=True,
    )

    assert response.status_code == 200
    assert "پارک علم و فناوری تبریز" in response.text
    name = OrganisationName.objects.get(organisation=park, kind="label")
    assert name.language == "fa"
    event = AuditEvent.objects.get(action="organisation_name.add")
    assert event.organisation_id == park.pk


def test_bad_language_code_keeps_what_was_typed(owner, park):
    response = logged_in_client(owner).post(
        reverse("directory:organisation_name_add", kwargs={"pk": park.pk}),
        {"name-value": "Tebriz Bilim Parki", "name-language": "turkish", "name-kind": "label"},
    )

    assert response.status_code == 200
    assert "not an ISO 639 language code" in response.text
    assert 'value="Tebriz Bilim Parki"' in response.text


def test_identifier_held_by_another_organisation_is_refused_clearly(
    api_client, owner, park, other_organisation
):
    ExternalIdentifier.objects.create(organisation=other_organisation, scheme="ror", value="05abcde12")

    response = api_client(owner).post(
        api_url(park, "/external-ids"),
        {"scheme": "ror", "value": "https://ror.org/05ABCDE12"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "Almaty Robotics LLP" in response.json()["message"]
    assert "value" in response.json()["errors"]


def test_ror_identifier_is_shown_as_its_address(owner, park):
    services.external_identifier_set(
        actor=owner, organisation=park, scheme="ror", value="https://ror.org/01abcde23"
    )

    response = logged_in_client(owner).get(detail_url(park))

    assert "https://ror.org/01abcde23" in response.text


# Figures keep their history


def test_two_values_of_a_figure_are_both_shown_latest_first(api_client, owner, outsider, park):
    client = api_client(owner)
    for value, as_of, source in (
        (120, "2022-12-31", "Annual report 2022"),
        (185, "2024-12-31", "Annual report 2024"),
    ):
        response = client.post(
            api_url(park, "/figures"),
            {
                "metric": "resident_companies",
                "value": value,
                "as_of": as_of,
                "source": source,
                "source_url": "https://tabriz-park.example/report",
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    page = logged_in_client(outsider).get(detail_url(park)).text
    section = page.split('id="figure-resident_companies"')[1]
    assert re.search(r'class="current-value">185<', section)
    assert section.index("Annual report 2024") < section.index("Annual report 2022")
    series = api_client(outsider).get(api_url(park)).json()["figures"]
    assert [(f["value"], f["source"]) for f in series[0]["history"]] == [
        ("185.00", "Annual report 2024"),
        ("120.00", "Annual report 2022"),
    ]
    assert series[0]["current"]["as_of"] == "2024-12-31"


def test_figure_in_the_future_or_negative_is_refused_and_the_form_kept(owner, park):
    future = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    response = logged_in_client(owner).post(
        reverse("directory:organisation_figure_record", kwargs={"pk": park.pk}),
        {
            "figure-metric": "area_m2",
            "figure-value": "5000",
            "figure-as_of": future,
            "figure-source": "Site survey",
        },
    )

    assert response.status_code == 200
    assert "cannot be dated in the future" in response.text
    assert 'value="Site survey"' in response.text
    assert not OrganisationFigure.objects.exists()


# The hierarchy and other links


@pytest.fixture
def hierarchy(owner, park):
    """Province innovation zone ⊃ Tabriz Science Park ⊃ incubator ⊃ accelerator programme."""
    zone = make(owner, "East Azerbaijan Innovation Zone", kind="innovation_zone")
    incubator = make(owner, "Tabriz Incubator", kind="incubator")
    programme = make(owner, "Tabriz Accelerator Programme", kind="incubator")
    services.organisation_relationship_add(actor=owner, organisation=park, other=zone, kind="parent")
    services.organisation_relationship_add(actor=owner, organisation=park, other=incubator, kind="child")
    services.organisation_relationship_add(actor=owner, organisation=incubator, other=programme, kind="child")
    return {"zone": zone, "park": park, "incubator": incubator, "programme": programme}


def test_child_given_by_a_person_is_stored_from_the_childs_side(hierarchy):
    assert OrganisationRelationship.objects.filter(
        subject=hierarchy["incubator"], object=hierarchy["park"], kind="parent"
    ).exists()


def test_hierarchy_three_levels_deep_renders(outsider, hierarchy):
    zone_page = logged_in_client(outsider).get(detail_url(hierarchy["zone"])).text
    descendants = zone_page.split('id="descendants"')[1]
    # nested: the park contains the incubator, which contains the programme
    assert re.search(
        r"Tabriz Science Park</a>\s*<ul[^>]*>\s*<li><a[^>]*>Tabriz Incubator</a>"
        r"\s*<ul[^>]*>\s*<li><a[^>]*>Tabriz Accelerator Programme</a>",
        descendants,
    )

    programme_page = logged_in_client(outsider).get(detail_url(hierarchy["programme"])).text
    ancestors = re.findall(r'<li class="breadcrumb-item[^"]*"[^>]*>(?:<a[^>]*>)?([^<]+)', programme_page)
    assert ancestors == [
        "East Azerbaijan Innovation Zone",
        "Tabriz Science Park",
        "Tabriz Incubator",
        "Tabriz Accelerator Programme",
    ]


def test_a_link_closing_a_circle_is_refused(api_client, owner, hierarchy):
    response = api_client(owner).post(
        api_url(hierarchy["zone"], "/relationships"),
        {"kind": "parent", "other_id": hierarchy["programme"].pk},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "go round in a circle" in response.json()["message"]
    assert response.json()["errors"]["other"]
    assert not OrganisationRelationship.objects.filter(subject=hierarchy["zone"]).exists()


def test_a_link_to_itself_is_refused(api_client, owner, park):
    response = api_client(owner).post(
        api_url(park, "/relationships"),
        {"kind": "related", "other_id": park.pk},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "cannot be linked to itself" in response.json()["message"]


def test_relationships_listed_added_and_removed_through_the_api(api_client, owner, park, other_organisation):
    client = api_client(owner)

    created = client.post(
        api_url(park, "/relationships"),
        {"kind": "successor", "other_id": other_organisation.pk},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    listed = client.get(api_url(park, "/relationships")).json()
    assert [(r["label"], r["other_name"]) for r in listed] == [("was succeeded by", "Almaty Robotics LLP")]

    removed = client.delete(api_url(park, f"/relationships/{created.json()['id']}"))
    assert removed.status_code == 204
    assert client.get(api_url(park, "/relationships")).json() == []
    assert AuditEvent.objects.filter(
        action="organisation_relationship.remove", organisation_id=park.pk
    ).exists()


def test_relationship_added_on_the_page_by_name(owner, park):
    make(owner, "Almaty Robotics LLP", kind="company", country="KZ")
    client = logged_in_client(owner)

    response = client.post(
        reverse("directory:organisation_relationship_add", kwargs={"pk": park.pk}),
        {"link-kind": "related", "link-other": "Almaty Robotics"},
        follow=True,
    )

    assert response.status_code == 200
    links = response.text.split('id="links"')[1]
    assert "is related to" in links and "Almaty Robotics LLP" in links


def test_outsider_cannot_remove_a_link_on_the_page(outsider, owner, park, other_organisation, make_user):
    zone = make(owner, "Tabriz Free Zone", kind="innovation_zone")
    relationship = services.organisation_relationship_add(
        actor=owner, organisation=park, other=zone, kind="parent"
    )

    response = logged_in_client(outsider).post(
        reverse(
            "directory:organisation_relationship_remove",
            kwargs={"pk": park.pk, "relationship_pk": relationship.pk},
        )
    )

    assert response.status_code == 403
    assert OrganisationRelationship.objects.filter(pk=relationship.pk).exists()


# Memberships, merged records, the rest of the profile


def test_page_shows_network_memberships_contacts_and_sectors(outsider, owner, park, network):
    NetworkMembership.objects.filter(member=park).update(since=datetime.date(2021, 3, 1))
    services.organisation_update(
        actor=owner,
        organisation=park,
        email="hello@tabriz-park.example",
        phone="+98 41 0000",
        founded_year=2001,
    )

    page = logged_in_client(outsider).get(detail_url(park)).text

    memberships = page.split('id="network-memberships"')[1]
    assert (
        "Silk Road Science Parks Association" in memberships
        and "Active" in memberships
        and "2021" in memberships
    )
    assert "hello@tabriz-park.example" in page and "+98 41 0000" in page
    assert re.search(r'id="founded">2001<', page)


def test_applied_network_membership_is_hidden_from_outsiders(outsider, owner, park, make_user):
    other_network = make(owner, "Caspian Parks Network", kind="network")
    NetworkMembership.objects.create(
        network=other_network, member=park, status=NetworkMembership.Status.APPLIED
    )

    assert "Caspian Parks Network" not in logged_in_client(outsider).get(detail_url(park)).text
    assert "Caspian Parks Network" in logged_in_client(owner).get(detail_url(park)).text


def test_merged_record_points_to_the_record_it_was_merged_into(outsider, owner, park):
    duplicate = make(owner, "Tabriz Sci. Park")
    Organisation.objects.filter(pk=duplicate.pk).update(status=Organisation.Status.MERGED, merged_into=park)

    response = logged_in_client(outsider).get(detail_url(duplicate))

    assert response.status_code == 200
    notice = response.text.split('id="merged-notice"')[1].split("</div>")[0]
    assert f'href="{detail_url(park)}"' in notice and "Tabriz Science Park" in notice


def test_detail_page_queries_stay_bounded(owner, hierarchy, django_assert_max_num_queries):
    for number in range(10):
        services.organisation_name_add(
            actor=owner, organisation=hierarchy["park"], value=f"Alias {number}", kind="alias"
        )
    client = logged_in_client(owner)

    with django_assert_max_num_queries(30):
        response = client.get(detail_url(hierarchy["park"]))

    assert response.status_code == 200
