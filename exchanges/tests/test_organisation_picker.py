"""The application form's host organisation uses the organisation picker (issue 16 item 3): the page
stays small with thousands of organisations, and the picker asks only for the hosts the call allows."""

import html

from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation
from exchanges.models import Application, Programme
from exchanges.tests.conftest import open_call


def test_application_form_stays_small_with_3000_organisations(colleague, call):
    Organisation.objects.bulk_create(
        Organisation(name=f"한국 과학기술 연구소 {number}", kind="research_institute", country="KR")
        for number in range(3000)
    )
    response = logged_in_client(colleague).get(reverse("exchanges:application_create", args=[call.pk]))

    assert response.status_code == 200
    assert 'data-picker-name="host_organisation"' in response.text
    assert "연구소 1234" not in response.text
    assert len(response.content) < 60_000


def test_host_picker_asks_only_for_the_host_countries_of_the_programme(
    colleague, secretariat, programme, park, host_organisation
):
    # a one-way programme from Iran to Korea
    programme.direction = Programme.Direction.ONE_WAY
    programme.sending_countries, programme.host_countries = ["IR"], ["KR"]
    programme.save(update_fields=["direction", "sending_countries", "host_countries"])
    call = open_call(secretariat, programme, title="Korean placements")
    # the duration is missing, so the form comes back with the chosen host
    response = logged_in_client(colleague).post(
        reverse("exchanges:application_create", args=[call.pk]),
        {"home_organisation": park.pk, "host_organisation": host_organisation.pk},
    )

    assert response.status_code == 200 and not Application.objects.exists()
    assert html.escape("purpose=exchanges.host&country=KR") in response.text
    assert f'name="host_organisation" value="{host_organisation.pk}" checked' in response.text
