"""Flow: a person uploads a CSV with one bad row, sees the row's error in the preview with nothing
written, then imports the valid rows and skips the bad one; the organisations appear."""

import codecs
import csv
import io

import pytest
from playwright.sync_api import expect

from directory import tabular
from directory.models import Organisation, OrganisationMembership, Role
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def csv_file(rows: list[dict[str, str]]) -> dict[str, object]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(tabular.COLUMNS)
    for cells in rows:
        writer.writerow([cells.get(column, "") for column in tabular.COLUMNS])
    return {
        "name": "parks.csv",
        "mimeType": "text/csv",
        "buffer": codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"),
    }


def test_person_previews_errors_then_imports_the_valid_rows(page, make_user):
    person = make_user("nargiza@tashkent-park.example", full_name="Nargiza Importer")
    upload = csv_file(
        [
            {
                "name": "Yashnobod Innovation Park",
                "kind": "science_park",
                "country": "UZ",
                "city": "Tashkent",
            },
            {
                "name": "Ташкентский технопарк",
                "name_language": "ru",
                "kind": "science_park",
                "country": "UZ",
                "city": "Tashkent",
                "other_names": "Tashkent Technopark [en] (label)",
            },
            {"name": "Nowhere Centre", "kind": "technology_centre", "country": "XX", "city": "Nowhere"},
        ]
    )

    # given a person who uploads a file whose fourth line has a bad country code
    log_in(page, person.email)
    page.goto("/organisations/import/")
    page.locator("#import-upload input[name=file]").set_input_files(upload)
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()

    # then the preview names the row, the column and the problem, and nothing is written
    error = page.locator("#import-errors tbody tr").first
    assert error.locator("td").nth(0).inner_text() == "4"
    assert error.locator("td").nth(1).inner_text() == "country"
    assert "not an ISO 3166 country code" in error.locator("td").nth(2).inner_text()
    assert page.locator("[data-count=create]").inner_text() == "2"
    assert not Organisation.objects.filter(city="Tashkent").exists()

    # when they choose to import the valid rows and skip the bad one
    page.get_by_label("Import the valid rows and skip the 1 invalid one").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Import the valid rows").click()

    # then both valid organisations exist, with them as admin, and the bad one does not
    imported = page.locator("#imported-organisations")
    expect(imported.get_by_role("link", name="Yashnobod Innovation Park")).to_be_visible()
    expect(imported.get_by_role("link", name="Ташкентский технопарк")).to_be_visible()
    assert not Organisation.objects.filter(name="Nowhere Centre").exists()
    assert set(
        OrganisationMembership.objects.filter(user=person, role=Role.ADMIN).values_list(
            "organisation__name", flat=True
        )
    ) == {"Yashnobod Innovation Park", "Ташкентский технопарк"}

    with page.expect_navigation():
        imported.get_by_role("link", name="Ташкентский технопарк").click()
    expect(page.get_by_role("heading", name="Ташкентский технопарк").first).to_be_visible()
