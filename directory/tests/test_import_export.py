"""CSV and XLSX export of the directory, and import with a dry-run preview and row-level errors."""

import codecs
import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import logged_in_client
from core.audit import audit_record
from core.models import AuditEvent, Sector
from directory import tabular
from directory.models import (
    ExternalIdentifier,
    Organisation,
    OrganisationMembership,
    OrganisationName,
    Role,
)
from directory.search import search_key_for

IMPORT_URL = reverse("directory:organisation_import")
APPLY_URL = reverse("directory:organisation_import_apply")


def export_url(file_format: str) -> str:
    return reverse("directory:organisation_export", kwargs={"file_format": file_format})


def csv_bytes(rows: list[list[str]], *, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return (codecs.BOM_UTF8 if bom else b"") + buffer.getvalue().encode("utf-8")


def row(**cells: str) -> list[str]:
    return [cells.get(column, "") for column in tabular.COLUMNS]


def upload(client, content: bytes, name: str = "organisations.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.text)
    assert match, "the preview carries the import's token"
    return match.group(1)


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def persian_park(db):
    organisation = Organisation.objects.create(
        name="پارک علم و فناوری تبریز",
        name_language="fa",
        kind=Organisation.Kind.SCIENCE_PARK,
        country="IR",
        city="Tabriz",
        latitude=38.07,
        longitude=46.29,
        website="https://tabriz-park.example/",
    )
    for value, language, kind in (("青岛科技园", "zh", "label"), ("TSP", "", "acronym")):
        OrganisationName.objects.create(
            organisation=organisation,
            value=value,
            language=language,
            kind=kind,
            search_key=search_key_for(value),
        )
    ExternalIdentifier.objects.create(organisation=organisation, scheme="ror", value="05abc1234")
    ExternalIdentifier.objects.create(organisation=organisation, scheme="wikidata", value="Q123")
    organisation.sectors.set(Sector.objects.filter(code__in=["ict-ai", "space"]))
    return organisation


# Export -------------------------------------------------------------------------------------------


def test_anonymous_cannot_export_or_import(anonymous, park):
    for url in (export_url("csv"), export_url("xlsx"), IMPORT_URL):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert anonymous.post(APPLY_URL, {"token": "x"}).status_code == 302


def test_csv_export_has_bom_header_and_non_latin_names(outsider, persian_park):
    response = logged_in_client(outsider).get(export_url("csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == list(tabular.COLUMNS)
    exported = {row[1]: dict(zip(tabular.COLUMNS, row, strict=True)) for row in rows[1:]}
    park = exported["پارک علم و فناوری تبریز"]
    assert park["other_names"] == "TSP (acronym); 青岛科技园 [zh] (label)"
    assert park["sectors"] == "ict-ai;space"
    assert (park["ror_id"], park["wikidata"], park["latitude"]) == ("05abc1234", "Q123", "38.07")


def test_outsider_export_leaves_out_what_they_cannot_see(outsider, park, other_organisation):
    hidden = Organisation.objects.create(
        name="Hidden Inactive Centre", kind="other", country="IR", status=Organisation.Status.INACTIVE
    )

    names = [row[1] for row in read_csv(logged_in_client(outsider).get(export_url("csv")))[1:]]

    assert "Tabriz Science Park" in names
    assert hidden.name not in names


def test_export_applies_the_directory_filters(outsider, park, other_organisation, network, persian_park):
    response = logged_in_client(outsider).get(export_url("csv"), {"kind": "science_park", "sort": "-updated"})

    assert [row[1] for row in read_csv(response)[1:]] == [persian_park.name, "Tabriz Science Park"]

    by_name = logged_in_client(outsider).get(export_url("csv"), {"q": "青岛"})
    assert [row[1] for row in read_csv(by_name)[1:]] == [persian_park.name]

    by_country = logged_in_client(outsider).get(export_url("csv"), {"country": "KZ"})
    assert [row[1] for row in read_csv(by_country)[1:]] == ["Almaty Robotics LLP"]


def test_xlsx_export_opens_in_openpyxl(outsider, persian_park):
    response = logged_in_client(outsider).get(export_url("xlsx"), {"country": "IR"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(tabular.COLUMNS)
    assert rows[1][1] == "پارک علم و فناوری تبریز"


def test_unknown_export_format_is_404(outsider):
    assert logged_in_client(outsider).get(export_url("pdf")).status_code == 404


def test_export_queries_do_not_grow_with_the_list(outsider, django_assert_max_num_queries):
    sector = Sector.objects.get(code="ict-ai")
    for number in range(40):
        organisation = Organisation.objects.create(
            name=f"Park {number}", kind="science_park", country="IR", city="Tabriz"
        )
        OrganisationName.objects.create(
            organisation=organisation, value=f"پارک {number}", language="fa", search_key="x"
        )
        ExternalIdentifier.objects.create(
            organisation=organisation, scheme="ror", value=f"0abcde{number:03d}"
        )
        organisation.sectors.add(sector)
    client = logged_in_client(outsider)

    with django_assert_max_num_queries(12):
        rows = read_csv(client.get(export_url("csv")))
    with django_assert_max_num_queries(12):
        client.get(export_url("xlsx"))

    assert len(rows) == 42  # header, 40 parks and the outsider's own company


# Import: the dry run ------------------------------------------------------------------------------


def test_import_page_explains_the_columns(outsider):
    response = logged_in_client(outsider).get(IMPORT_URL)

    assert response.status_code == 200
    assert "name_language" in response.text


def test_preview_shows_row_errors_and_writes_nothing(outsider):
    content = csv_bytes(
        [
            list(tabular.COLUMNS),
            row(name="Ulaanbaatar Tech Park", kind="science_park", country="MN", city="Ulaanbaatar"),
            row(name="Broken Centre", kind="spaceport", country="XX", latitude="95", website="not a url"),
        ]
    )
    before = Organisation.objects.count()

    response = upload(logged_in_client(outsider), content)

    assert response.status_code == 200
    errors = response.context["plan"].invalid_rows
    assert [error_row.number for error_row in errors] == [3]
    assert {error.column for error in errors[0].errors} == {"kind", "country", "latitude", "website"}
    assert "“XX” is not an ISO 3166 country code." in response.text
    assert response.context["creates"] == 1
    assert Organisation.objects.count() == before


def test_applying_a_plan_with_errors_is_refused_unless_skipping(outsider):
    content = csv_bytes(
        [
            list(tabular.COLUMNS),
            row(name="Ulaanbaatar Tech Park", kind="science_park", country="MN", city="Ulaanbaatar"),
            row(name="Broken Centre", kind="science_park", country="XX"),
        ]
    )
    client = logged_in_client(outsider)
    token = token_of(upload(client, content))

    refused = client.post(APPLY_URL, {"token": token})

    assert refused.status_code == 409
    assert "1 rows have errors" in refused.text
    assert not Organisation.objects.filter(name="Ulaanbaatar Tech Park").exists()

    done = client.post(APPLY_URL, {"token": token, "skip_invalid": "on"})

    assert done.status_code == 200
    created = Organisation.objects.get(name="Ulaanbaatar Tech Park")
    assert not Organisation.objects.filter(name="Broken Centre").exists()
    assert OrganisationMembership.objects.get(organisation=created).role == Role.ADMIN
    assert OrganisationMembership.objects.get(organisation=created).user == outsider
    assert AuditEvent.objects.filter(action="organisation.create", organisation_id=created.pk).exists()
    # the stashed upload is gone once imported
    assert client.post(APPLY_URL, {"token": token}).status_code == 302


def test_valid_file_creates_everything_with_names_ids_and_sectors(outsider):
    content = csv_bytes(
        [
            list(tabular.COLUMNS),
            row(
                name="Пермский университет",
                name_language="ru",
                other_names="Perm University [en] (label); PSU (acronym)",
                kind="university",
                country="ru",
                city="Perm",
                latitude="58.0",
                longitude="56.2",
                founded_year="1916",
                website="https://psu.example",
                email="info@psu.example",
                sectors="education-training; ict-ai",
                ror_id="https://ror.org/029njb796",
                wikidata="q1967680",
            ),
        ]
    )
    client = logged_in_client(outsider)

    client.post(APPLY_URL, {"token": token_of(upload(client, content))})

    created = Organisation.objects.get(name="Пермский университет")
    assert (created.country, created.founded_year, created.latitude) == ("RU", 1916, 58.0)
    assert set(created.names.exclude(kind="display").values_list("value", "language", "kind")) == {
        ("Perm University", "en", "label"),
        ("PSU", "", "acronym"),
    }
    assert set(created.external_ids.values_list("scheme", "value")) == {
        ("ror", "029njb796"),
        ("wikidata", "Q1967680"),
    }
    assert sorted(created.sectors.values_list("code", flat=True)) == ["education-training", "ict-ai"]


def test_export_then_import_round_trips_non_latin_names_unchanged(make_user, persian_park):
    admin = make_user("admin@tabriz.example")
    OrganisationMembership.objects.create(user=admin, organisation=persian_park, role=Role.ADMIN)
    client = logged_in_client(admin)
    exported = b"".join(client.get(export_url("csv"), {"country": "IR"}).streaming_content)  # type: ignore[attr-defined]

    preview = upload(client, exported)

    assert preview.context["unchanged"] == 1
    assert preview.context["invalid"] == 0


def test_owner_updates_their_organisation_from_an_edited_export(owner, park):
    client = logged_in_client(owner)
    rows = read_csv(client.get(export_url("csv"), {"kind": "science_park"}))
    rows[1][tabular.COLUMNS.index("city")] = "Tabriz East"
    rows[1][tabular.COLUMNS.index("other_names")] = "پارک علم و فناوری تبریز [fa] (label)"

    preview = upload(client, csv_bytes(rows))
    assert preview.context["updates"] == 1
    client.post(APPLY_URL, {"token": token_of(preview)})

    park.refresh_from_db()
    assert park.city == "Tabriz East"
    assert park.names.filter(language="fa", kind="label").exists()
    assert AuditEvent.objects.filter(action="organisation.update", organisation_id=park.pk).exists()


def test_outsider_cannot_update_an_organisation_they_do_not_administer(outsider, park):
    content = csv_bytes(
        [list(tabular.COLUMNS), row(id=str(park.pk), name="Taken Over", kind="science_park", country="IR")]
    )
    client = logged_in_client(outsider)

    preview = upload(client, content)

    [error] = preview.context["plan"].invalid_rows[0].errors
    assert error.column == "id"
    client.post(APPLY_URL, {"token": token_of(preview), "skip_invalid": "on"})
    park.refresh_from_db()
    assert park.name == "Tabriz Science Park"


def test_colleague_cannot_update_either(colleague, park):
    content = csv_bytes(
        [list(tabular.COLUMNS), row(id=str(park.pk), name="X", kind="science_park", country="IR")]
    )

    preview = upload(logged_in_client(colleague), content)

    assert preview.context["plan"].invalid_rows[0].errors[0].column == "id"


def test_repeated_and_taken_identifiers_are_row_errors(outsider, persian_park):
    content = csv_bytes(
        [
            list(tabular.COLUMNS),
            row(name="A", kind="company", country="IR", ror_id="05abc1234"),
            row(name="B", kind="company", country="IR", ror_id="0aaaaaa11", sectors="no-such-sector"),
            row(name="C", kind="company", country="IR", ror_id="https://ror.org/0aaaaaa11", wikidata="42"),
        ]
    )

    plan = upload(logged_in_client(outsider), content).context["plan"]

    errors = {error_row.number: [(e.column, e.message) for e in error_row.errors] for error_row in plan.rows}
    assert errors[2] == [("ror_id", f"05abc1234 already belongs to organisation {persian_park.pk}.")]
    assert [column for column, _message in errors[3]] == ["sectors"]
    assert [column for column, _message in errors[4]] == ["ror_id", "wikidata"]
    assert "also given in row 3" in errors[4][0][1]


def test_status_is_not_changed_by_import(owner, park):
    content = csv_bytes(
        [
            list(tabular.COLUMNS),
            row(id=str(park.pk), name=park.name, kind="science_park", country="IR", status="inactive"),
        ]
    )

    plan = upload(logged_in_client(owner), content).context["plan"]

    assert plan.invalid_rows[0].errors[0].column == "status"


def test_header_problems_are_named(outsider):
    content = csv_bytes([["id", "name", "colour"], ["", "X", "red"]])

    response = upload(logged_in_client(outsider), content)

    assert response.status_code == 400
    assert "Unknown columns: colour." in response.text
    assert "Missing columns: name_language, other_names" in response.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.csv", "name,kind\nSão Paulo,park\n".encode("latin-1"), "is not UTF-8 text"),
        (
            "sheet.xlsx",
            b"PK\x03\x04 this is not a workbook",
            "could not be opened as an Excel (XLSX) workbook",
        ),
        ("picture.png", b"\x89PNG\r\n", "Upload a CSV (UTF-8) or an Excel (XLSX) file."),
        ("empty.csv", b"", "file is empty."),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(outsider, name, content, message):
    response = upload(logged_in_client(outsider), content, name)

    assert response.status_code == 400
    assert message in response.text


def test_files_over_five_megabytes_are_refused(outsider):
    content = csv_bytes([list(tabular.COLUMNS)]) + b"x" * (tabular.MAX_UPLOAD_BYTES + 1)

    response = upload(logged_in_client(outsider), content)

    assert response.status_code == 400
    assert "larger than 5 MB" in response.text


def test_xlsx_import(outsider):
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(list(tabular.COLUMNS))
    sheet.append(
        row(name="Astana Hub", kind="innovation_zone", country="KZ", city="Astana", founded_year="2018")
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = logged_in_client(outsider)

    preview = upload(client, buffer.getvalue(), "hub.xlsx")
    client.post(APPLY_URL, {"token": token_of(preview)})

    assert Organisation.objects.get(name="Astana Hub").founded_year == 2018


def test_another_persons_import_token_is_refused(outsider, owner):
    content = csv_bytes([list(tabular.COLUMNS), row(name="Mine", kind="company", country="KZ")])
    token = token_of(upload(logged_in_client(outsider), content))

    response = logged_in_client(owner).post(APPLY_URL, {"token": token})

    assert response.status_code == 302
    assert not Organisation.objects.filter(name="Mine").exists()


def test_a_row_refused_at_apply_time_rolls_back_the_whole_import(outsider, park):
    content = csv_bytes(
        [
            list(tabular.COLUMNS),
            row(name="First New", kind="company", country="KZ"),
            row(name="Second New", kind="company", country="KZ", wikidata="Q77"),
        ]
    )
    client = logged_in_client(outsider)
    token = token_of(upload(client, content))
    # given someone records the same Wikidata id elsewhere between the preview and the import
    identifier = ExternalIdentifier.objects.create(organisation=park, scheme="wikidata", value="Q77")
    audit_record(actor=None, action="test.setup", target=identifier)

    response = client.post(APPLY_URL, {"token": token})

    assert response.status_code == 409
    assert not Organisation.objects.filter(name__in=["First New", "Second New"]).exists()
