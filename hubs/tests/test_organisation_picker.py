"""The hubs' organisation fields use the picker (issue 16 item 3): the pages stay small with thousands
of organisations, what was picked survives an invalid submit, and only the hub desk may search."""

import html

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from conftest import logged_in_client
from directory.models import Organisation, OrganisationName
from directory.search import search_key_for
from hubs.models import Interaction, Need

PICK_URL = reverse("directory:organisation_pick")


@pytest.fixture
def many_organisations(db) -> list[Organisation]:
    """3,000 active organisations with Persian names, as the registry holds after a national import."""
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"شرکت دانش‌بنیان فناوری پیشرفته شماره {number}", kind="company", country="IR")
        for number in range(3000)
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


@pytest.fixture
def searchable_partner(partner) -> Organisation:
    """The partner park with the display-name row the directory's services give every organisation."""
    OrganisationName.objects.create(
        organisation=partner,
        value=partner.name,
        kind=OrganisationName.Kind.DISPLAY,
        search_key=search_key_for(partner.name),
    )
    return partner


@pytest.mark.parametrize(
    ("page", "persona"),
    [
        ("hubs:need_list", "desk_member"),
        ("hubs:interaction_list", "desk_member"),
        ("hubs:agreement_list", "owner"),
    ],
)
def test_forms_with_organisation_fields_stay_small_with_3000_organisations(
    page, persona, request, hub, many_organisations
):
    user = request.getfixturevalue(persona)
    response = logged_in_client(user).get(reverse(page, args=[hub.pk]))

    assert response.status_code == 200
    assert "data-org-picker" in response.text
    assert many_organisations[1234].name not in response.text
    assert len(response.content) < 60_000


def test_picked_organisations_are_linked_to_the_need(hub, desk_member, partner, park):
    response = logged_in_client(desk_member).post(
        reverse("hubs:need_list", args=[hub.pk]),
        {
            "title": "Calibration of medical devices",
            "description": "Turkish hospitals seek calibration laboratories.",
            "source": "visit",
            "identified_on": "2024-05-02",
            "organisations": [partner.pk, park.pk],
        },
    )

    assert response.status_code == 302
    assert set(Need.objects.get().organisations.all()) == {partner, park}


def test_picked_organisations_stay_picked_when_the_form_is_refused(hub, desk_member, partner, park):
    # the date is missing, so the form comes back with its errors
    response = logged_in_client(desk_member).post(
        reverse("hubs:interaction_list", args=[hub.pk]),
        {
            "kind": Interaction.Kind.choices[0][0],
            "title": "Visit to Teknopark Istanbul",
            "our_organisations": [park.pk],
            "partner_organisations": [partner.pk],
        },
    )

    assert response.status_code == 200 and not Interaction.objects.exists()
    page = response.text
    assert f'name="our_organisations" value="{park.pk}" checked' in page
    assert f'name="partner_organisations" value="{partner.pk}" checked' in page
    assert html.escape(partner.name) in page


def test_an_organisation_the_field_does_not_offer_is_refused_in_the_visitors_language(
    hub, desk_member, partner
):
    closed = Organisation.objects.create(
        name="Closed Incubator", kind="incubator", country="TR", status=Organisation.Status.INACTIVE
    )
    response = logged_in_client(desk_member).post(
        reverse("hubs:need_list", args=[hub.pk]),
        {
            "title": "Calibration of medical devices",
            "description": "Turkish hospitals seek calibration laboratories.",
            "source": "visit",
            "identified_on": "2024-05-02",
            "organisations": [partner.pk, closed.pk],
        },
        HTTP_ACCEPT_LANGUAGE="fa",
    )

    assert response.status_code == 200 and not Need.objects.exists()
    message = forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]
    with translation.override("fa"):
        persian = str(message) % {"value": closed.pk}
    with translation.override("en"):
        assert persian != str(message) % {"value": closed.pk}
    assert html.escape(persian) in response.text
    # the refused organisation is not named back; the allowed one stays picked
    assert "Closed Incubator" not in response.text
    assert f'value="{partner.pk}" checked' in response.text


def test_only_the_hub_desk_may_search_organisations_for_hub_forms(
    hub, desk_member, outsider, anonymous, searchable_partner
):
    query = {"purpose": "hubs", "q": "Teknopark"}

    assert anonymous.get(PICK_URL, query).status_code == 403
    assert logged_in_client(outsider).get(PICK_URL, query).status_code == 403
    response = logged_in_client(desk_member).get(PICK_URL, query)
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [searchable_partner.pk]


def test_a_party_to_an_agreement_may_search_organisations_for_it(
    agreement, partner_admin, searchable_partner
):
    response = logged_in_client(partner_admin).get(PICK_URL, {"purpose": "hubs", "q": "Teknopark"})
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [searchable_partner.pk]
