from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent, Sector
from directory.models import Organisation, OrganisationMembership

MY_ORGANISATIONS = reverse("directory:my_organisations")


def test_anonymous_is_sent_to_login(anonymous):
    response = anonymous.get(MY_ORGANISATIONS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_lists_my_organisations_with_my_role(owner, park, outsider):
    response = logged_in_client(owner).get(MY_ORGANISATIONS)

    assert response.status_code == 200
    assert "Tabriz Science Park" in response.text
    assert "Organisation admin" in response.text
    assert "Almaty Robotics" not in response.text


def test_list_page_queries_do_not_grow_with_organisations(owner, make_user, django_assert_max_num_queries):
    for number in range(15):
        organisation = Organisation.objects.create(
            name=f"Park {number}", kind=Organisation.Kind.SCIENCE_PARK, country="TR"
        )
        OrganisationMembership.objects.create(user=owner, organisation=organisation)
    client = logged_in_client(owner)

    with django_assert_max_num_queries(12):
        response = client.get(MY_ORGANISATIONS)

    assert response.text.count("list-group-item-action") >= 16


def test_creator_becomes_admin_of_new_organisation(outsider):
    sector = Sector.objects.get(code="ict-ai")

    response = logged_in_client(outsider).post(
        MY_ORGANISATIONS,
        {
            "name": "Baku Innovation Centre",
            "kind": "technology_centre",
            "country": "AZ",
            "city": "Baku",
            "website": "",
            "description": "",
            "sectors": [sector.pk],
        },
    )

    organisation = Organisation.objects.get(name="Baku Innovation Centre")
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:organisation_detail", kwargs={"pk": organisation.pk})
    assert list(organisation.sectors.all()) == [sector]
    assert organisation.memberships.get().user == outsider
    assert organisation.memberships.get().role == OrganisationMembership.Role.ADMIN
    assert AuditEvent.objects.filter(action="organisation.create", organisation_id=organisation.pk).exists()


def test_bad_country_is_refused_and_input_kept(outsider):
    response = logged_in_client(outsider).post(
        MY_ORGANISATIONS, {"name": "Nowhere Park", "kind": "science_park", "country": "XX"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert 'value="Nowhere Park"' in response.text
    assert not Organisation.objects.filter(name="Nowhere Park").exists()
