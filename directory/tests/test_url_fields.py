"""An organisation's website and a figure's source address are web addresses, through the API as
through the pages (issue 14, item 2)."""

import pytest

from directory.models import Organisation, OrganisationFigure

pytestmark = pytest.mark.django_db
API = "/api/v1"
MESSAGE = "Enter a web address starting with http:// or https://."


def test_organisation_website_must_be_a_web_address(api_client, owner, park):
    client = api_client(owner)
    refused = client.patch(
        f"{API}/organisations/{park.pk}", {"website": "javascript:alert(1)"}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert MESSAGE in refused.json()["message"]
    assert Organisation.objects.get(pk=park.pk).website == park.website

    created = client.post(
        f"{API}/organisations",
        {
            "name": "Osh Innovation Hub",
            "kind": "science_park",
            "country": "KG",
            "website": "data:text/html,<b>x</b>",
        },
        content_type="application/json",
    )
    assert created.status_code == 422
    assert MESSAGE in created.json()["message"]
    assert not Organisation.objects.filter(name="Osh Innovation Hub").exists()


def test_figure_source_address_must_be_a_web_address(api_client, owner, park):
    refused = api_client(owner).post(
        f"{API}/organisations/{park.pk}/figures",
        {
            "metric": OrganisationFigure.Metric.values[0],
            "value": "12",
            "as_of": "2025-01-01",
            "source": "Annual report",
            "source_url": "javascript:alert(1)",
        },
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"]["source_url"] == [MESSAGE]
    assert not OrganisationFigure.objects.exists()


def test_ror_import_drops_a_website_that_is_not_a_web_address(tmp_path):
    from django.core.management import call_command

    from directory.tests.test_ror_import import organisation_with_ror, ror_record, write_records

    record = ror_record(
        "0script01", "Script University", links=[{"type": "website", "value": "javascript:alert(1)"}]
    )
    call_command("import_ror", str(write_records(tmp_path / "ror.jsonl", record)))

    assert organisation_with_ror("0script01").website == ""
