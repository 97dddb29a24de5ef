"""Imports stop a zip bomb before reading it (issue 14, item 12): an XLSX file is checked from its zip
directory (total uncompressed size, compression ratio) before openpyxl opens it, then read as a stream of
rows that stops at the row limit; a CSV file is streamed the same way."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from conftest import logged_in_client
from directory import table_files, tabular

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("directory:organisation_import")
SHEET = "xl/worksheets/sheet1.xml"


def workbook_bytes(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(list(tabular.COLUMNS))
    for number in range(rows):
        sheet.append(
            [
                cell if column != "name" else f"Park {number}"
                for column, cell in zip(tabular.COLUMNS, [""] * len(tabular.COLUMNS), strict=True)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(workbook: bytes, sheet_xml: bytes) -> bytes:
    """The same workbook with its first sheet's XML replaced, compressed as hard as zip can."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member in source.infolist():
            target.writestr(member.filename, sheet_xml if member.filename == SHEET else source.read(member))
    return buffer.getvalue()


def bomb_sheet(megabytes: int) -> bytes:
    """A sheet whose rows of repeated inline strings make `megabytes` MB of XML that deflates to kilobytes."""
    row = b'<row><c t="inlineStr"><is><t>' + b"A" * 2000 + b"</t></is></c></row>"
    body = row * (megabytes * 1024 * 1024 // len(row) + 1)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + body + b"</sheetData></worksheet>"
    )


@pytest.fixture
def openpyxl_must_not_open(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def upload(client, content: bytes, name: str):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def test_a_small_xlsx_expanding_beyond_the_limit_is_refused_before_it_is_opened(
    outsider, settings, openpyxl_must_not_open
):
    settings.DIRECTORY_IMPORT_MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024
    bomb = with_sheet(workbook_bytes(1), bomb_sheet(4))
    assert len(bomb) < 100 * 1024

    response = upload(logged_in_client(outsider), bomb, "parks.xlsx")

    assert response.status_code == 400
    assert (
        "The workbook would expand to more than 2.0\xa0MB when opened, so it was not read." in response.text
    )


def test_an_absurd_compression_ratio_is_refused_within_the_size_limit(
    outsider, settings, openpyxl_must_not_open
):
    settings.DIRECTORY_IMPORT_MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
    settings.DIRECTORY_IMPORT_MAX_COMPRESSION_RATIO = 100
    bomb = with_sheet(workbook_bytes(1), bomb_sheet(3))

    response = upload(logged_in_client(outsider), bomb, "parks.xlsx")

    assert response.status_code == 400
    assert "so it was not read" in response.text


def test_a_file_that_only_starts_like_a_zip_is_refused_as_no_workbook(outsider, openpyxl_must_not_open):
    response = upload(logged_in_client(outsider), b"PK\x03\x04" + b"\x00" * 200, "parks.xlsx")

    assert response.status_code == 400
    assert "could not be opened as an Excel (XLSX) workbook" in response.text


def test_rows_are_streamed_and_reading_stops_at_the_row_limit(outsider, monkeypatch):
    workbook = workbook_bytes(4000)
    sheet_xml = zipfile.ZipFile(io.BytesIO(workbook)).read(SHEET)
    # Everything after row 3000 is broken XML: only a reader that gets that far chokes on it.
    cut = sheet_xml.index(b'<row r="3000"')
    assert cut > 100_000
    broken = with_sheet(workbook, sheet_xml[:cut] + b"<row r=9 <<< not XML at all")
    client = logged_in_client(outsider)

    monkeypatch.setattr(table_files, "MAX_ROWS", 10_000)
    read_to_the_break = upload(client, broken, "parks.xlsx")
    monkeypatch.setattr(table_files, "MAX_ROWS", 5)
    stopped_at_the_limit = upload(client, broken, "parks.xlsx")

    assert "could not be opened as an Excel (XLSX) workbook" in read_to_the_break.text
    assert stopped_at_the_limit.status_code == 400
    assert "The file has more than 5 rows. Split it into smaller files." in stopped_at_the_limit.text


def test_a_csv_over_the_row_limit_is_refused_with_the_limit(outsider, monkeypatch):
    monkeypatch.setattr(table_files, "MAX_ROWS", 3)
    content = (",".join(tabular.COLUMNS) + "\n" + "".join(f",Park {n}\n" for n in range(10))).encode()

    response = upload(logged_in_client(outsider), content, "parks.csv")

    assert response.status_code == 400
    assert "The file has more than 3 rows. Split it into smaller files." in response.text


def test_a_workbook_within_the_limits_still_imports_and_trailing_empty_rows_do_not_count(
    outsider, monkeypatch
):
    monkeypatch.setattr(table_files, "MAX_ROWS", 3)
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(list(tabular.COLUMNS))
    sheet.append(["", "Astana Hub", "en", "", "innovation_zone", "KZ"])
    sheet.cell(row=5000, column=1, value=None).number_format = "0.00"  # formatted, empty, far below
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload(logged_in_client(outsider), buffer.getvalue(), "hub.xlsx")

    assert response.status_code == 200
    assert "Astana Hub" in response.text


def test_anonymous_visitors_cannot_reach_the_import(anonymous, openpyxl_must_not_open):
    response = upload(anonymous, with_sheet(workbook_bytes(1), bomb_sheet(1)), "parks.xlsx")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
