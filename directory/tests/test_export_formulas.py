"""Exports never hand a spreadsheet a live formula (issue 14, item 12): a cell starting with `=`,
`+`, `-` or `@` leaves with a single quote before it, and an export imported again keeps its values."""

import codecs
import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import logged_in_client
from directory import tabular
from directory.models import Organisation, OrganisationMembership, Role

FORMULA = '=HYPERLINK("http://x","y")'


def export_url(file_format: str) -> str:
    return reverse("directory:organisation_export", kwargs={"file_format": file_format})


@pytest.fixture
def formula_park(db):
    return Organisation.objects.create(
        name=FORMULA,
        kind=Organisation.Kind.SCIENCE_PARK,
        country="KG",
        city="@Bishkek",
        region="+1+cmd|calc",
        latitude=-33.5,
        longitude=46.29,
    )


def test_csv_export_writes_a_formula_as_text(outsider, formula_park):
    content = b"".join(logged_in_client(outsider).get(export_url("csv"), {"country": "KG"}).streaming_content)  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = dict(zip(tabular.COLUMNS, rows[1], strict=True))

    assert cells["name"] == "'" + FORMULA
    assert cells["city"] == "'@Bishkek"
    assert cells["region"] == "'+1+cmd|calc"
    assert cells["latitude"] == "-33.5"  # a number stays a number


def test_xlsx_export_writes_a_formula_as_text(outsider, formula_park):
    response = logged_in_client(outsider).get(export_url("xlsx"), {"country": "KG"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    name_cell = sheet.cell(row=2, column=tabular.COLUMNS.index("name") + 1)

    assert name_cell.data_type == "s"
    assert name_cell.value == "'" + FORMULA


def test_exported_formula_text_imports_back_unchanged(make_user, formula_park):
    admin = make_user("admin@formula.example")
    OrganisationMembership.objects.create(user=admin, organisation=formula_park, role=Role.ADMIN)
    client = logged_in_client(admin)
    exported = b"".join(client.get(export_url("csv"), {"country": "KG"}).streaming_content)  # type: ignore[attr-defined]
    assert exported.startswith(codecs.BOM_UTF8)

    rows = tabular.read_table(filename="organisations.csv", content=exported)

    assert rows[1][tabular.COLUMNS.index("name")] == FORMULA
    preview = client.post(
        reverse("directory:organisation_import"),
        {"file": io.BytesIO(exported)},
    )
    assert preview.context["unchanged"] == 1
    assert preview.context["invalid"] == 0
