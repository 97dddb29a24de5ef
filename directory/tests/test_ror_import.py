"""`manage.py import_ror` and the `ror_import` service behind it."""

import gzip
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from core.models import AuditEvent
from directory.models import ExternalIdentifier, Organisation, OrganisationName, OrganisationRelationship
from directory.ror import kind_for, read_ror_files, ror_import
from directory.search import search_key_for

pytestmark = pytest.mark.django_db

FOCUS_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "ror" / "ror_v2_focus_countries.jsonl"


def ror_record(ror_id: str, name: str, **overrides):
    record = {
        "id": f"https://ror.org/{ror_id}",
        "names": [{"value": name, "lang": "en", "types": ["label", "ror_display"]}],
        "types": ["education"],
        "status": "active",
        "established": 1916,
        "links": [{"type": "wikipedia", "value": "https://en.wikipedia.org/x"}],
        "external_ids": [],
        "relationships": [],
        "locations": [
            {
                "geonames_id": 511196,
                "geonames_details": {
                    "country_code": "RU",
                    "country_subdivision_name": "Perm Krai",
                    "name": "Perm",
                    "lat": 58.01,
                    "lng": 56.25,
                },
            }
        ],
    }
    record.update(overrides)
    return record


PERM = ror_record(
    "029njb796",
    "Perm State University",
    names=[
        {"value": "Perm State University", "lang": "en", "types": ["label", "ror_display"]},
        {"value": "Пермский государственный университет", "lang": "ru", "types": ["label"]},
        {"value": "PSU", "lang": None, "types": ["acronym"]},
        {"value": "Perm University", "lang": "en", "types": ["alias"]},
    ],
    links=[{"type": "website", "value": "http://www.psu.ru/"}],
    external_ids=[
        {"type": "wikidata", "all": ["Q1986005"], "preferred": "Q1986005"},
        {"type": "isni", "all": ["0000 0001 2230 5262", "0000 0001 0000 0001"], "preferred": None},
    ],
    relationships=[
        {"type": "child", "id": "https://ror.org/00tech001", "label": "Perm Technology Transfer Center"},
        {"type": "related", "id": "https://ror.org/00relat01", "label": "Perm Polytechnic"},
        {"type": "parent", "id": "https://ror.org/0notthere", "label": "Not in this import"},
    ],
)
TRANSFER_CENTRE = ror_record(
    "00tech001",
    "Perm Technology Transfer Center",
    types=["facility"],
    established=None,
    relationships=[{"type": "parent", "id": "https://ror.org/029njb796", "label": "Perm State University"}],
)
POLYTECHNIC = ror_record(
    "00relat01",
    "Perm National Research Polytechnic University",
    status="inactive",
    relationships=[{"type": "related", "id": "https://ror.org/029njb796", "label": "Perm State University"}],
)


def write_lines(path: Path, lines: list[str]) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    return path


def write_records(path: Path, *records) -> Path:
    return write_lines(path, [json.dumps(record, ensure_ascii=False) for record in records])


def organisation_with_ror(ror_id: str) -> Organisation:
    return Organisation.objects.get(external_ids__scheme="ror", external_ids__value=ror_id)


def test_import_creates_organisations_with_fields_names_identifiers_and_relationships(tmp_path, capsys):
    path = write_records(tmp_path / "ror.jsonl", PERM, TRANSFER_CENTRE, POLYTECHNIC)

    call_command("import_ror", str(path))

    perm = organisation_with_ror("029njb796")
    assert (perm.name, perm.name_language, perm.kind) == ("Perm State University", "en", "university")
    assert (perm.country, perm.region, perm.city) == ("RU", "Perm Krai", "Perm")
    assert (perm.latitude, perm.longitude, perm.founded_year) == (58.01, 56.25, 1916)
    assert (perm.website, perm.status) == ("http://www.psu.ru/", "active")
    assert set(perm.names.values_list("value", "language", "kind")) == {
        ("Perm State University", "en", "display"),
        ("Пермский государственный университет", "ru", "label"),
        ("PSU", "", "acronym"),
        ("Perm University", "en", "alias"),
    }
    russian = perm.names.get(language="ru")
    assert russian.search_key == search_key_for("Пермский государственный университет")
    assert set(perm.external_ids.values_list("scheme", "value", "preferred")) == {
        ("ror", "029njb796", True),
        ("wikidata", "Q1986005", True),
        ("isni", "0000 0001 2230 5262", False),
        ("isni", "0000 0001 0000 0001", False),
    }
    centre = organisation_with_ror("00tech001")
    assert centre.kind == "technology_transfer_centre"
    assert centre.founded_year is None
    polytechnic = organisation_with_ror("00relat01")
    assert polytechnic.status == "inactive"
    # the child link and the parent link state one fact: one row, from the child's side
    # the child link and the parent link state one fact; both sides' "related" links state another
    assert set(OrganisationRelationship.objects.values_list("subject", "object", "kind")) == {
        (centre.pk, perm.pk, "parent"),
        (perm.pk, polytechnic.pk, "related"),
    }
    output = capsys.readouterr()
    assert "3 created" in output.out
    assert "1 to organisations not imported" in output.out
    assert "3/3" in output.err


def test_reimport_updates_in_place_replaces_names_and_never_duplicates(tmp_path):
    call_command("import_ror", str(write_records(tmp_path / "first.jsonl", PERM, TRANSFER_CENTRE)))
    perm = organisation_with_ror("029njb796")
    counts = (Organisation.objects.count(), OrganisationRelationship.objects.count())

    renamed = {
        **PERM,
        "names": [
            {"value": "Perm State National Research University", "lang": "en", "types": ["ror_display"]},
            {"value": "Пермский государственный университет", "lang": "ru", "types": ["label"]},
        ],
        "status": "inactive",
    }
    call_command("import_ror", str(write_records(tmp_path / "second.jsonl", renamed, TRANSFER_CENTRE)))

    assert (Organisation.objects.count(), OrganisationRelationship.objects.count()) == counts
    perm.refresh_from_db()
    assert (perm.name, perm.status) == ("Perm State National Research University", "inactive")
    assert set(perm.names.values_list("value", flat=True)) == {
        "Perm State National Research University",
        "Пермский государственный университет",
    }
    assert ExternalIdentifier.objects.filter(scheme="ror", value="029njb796").count() == 1


def test_unchanged_reimport_writes_nothing(tmp_path, capsys):
    path = write_records(tmp_path / "ror.jsonl", PERM, TRANSFER_CENTRE, POLYTECHNIC)
    call_command("import_ror", str(path))
    names = list(OrganisationName.objects.values_list("pk", flat=True))
    events = AuditEvent.objects.count()

    call_command("import_ror", str(path))

    assert list(OrganisationName.objects.values_list("pk", flat=True)) == names
    assert AuditEvent.objects.count() == events
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_bad_lines_and_withdrawn_records_are_skipped_with_their_reason(tmp_path, capsys):
    path = write_lines(
        tmp_path / "ror.jsonl.gz",
        [
            json.dumps(PERM),
            "{not json",
            json.dumps({"names": []}),
            json.dumps(ror_record("0withdrwn", "Gone Institute", status="withdrawn")),
            json.dumps(ror_record("0nocntry1", "Nowhere Institute", locations=[])),
            json.dumps(PERM),
        ],
    )

    call_command("import_ror", str(path), "--no-progress")

    assert list(Organisation.objects.values_list("name", flat=True)) == ["Perm State University"]
    out = capsys.readouterr().out
    assert "ror.jsonl.gz:2: unreadable line: invalid JSON" in out
    assert "ror.jsonl.gz:3: no ROR id" in out
    assert "0withdrwn: withdrawn from ROR" in out
    assert "0nocntry1: no valid country" in out
    assert "029njb796: repeated in this import" in out
    assert "1 created, 0 updated, 0 unchanged, 5 skipped" in out


def test_one_audit_event_for_the_whole_import(tmp_path):
    call_command("import_ror", str(write_records(tmp_path / "ror.jsonl", PERM, TRANSFER_CENTRE, POLYTECHNIC)))

    event = AuditEvent.objects.get()
    assert event.action == "ror.import"
    assert event.actor_label == "system"
    assert event.changes["created"] == 3
    assert event.changes["relationships_created"] == 2


def test_identifier_held_by_another_organisation_stays_there(tmp_path):
    other = Organisation.objects.create(name="Someone Else", kind="other", country="RU")
    ExternalIdentifier.objects.create(organisation=other, scheme="wikidata", value="Q1986005")

    summary = ror_import(records=read_ror_files([write_records(tmp_path / "ror.jsonl", PERM)]))

    assert summary.identifier_conflicts == 1
    assert ExternalIdentifier.objects.get(value="Q1986005").organisation == other


def test_a_person_must_be_a_platform_operator_to_import(outsider, operator, tmp_path):
    path = write_records(tmp_path / "ror.jsonl", PERM)
    with pytest.raises(PermissionDenied):
        ror_import(records=read_ror_files([path]), actor=outsider)
    assert not ExternalIdentifier.objects.exists()

    ror_import(records=read_ror_files([path]), actor=operator)
    assert AuditEvent.objects.get(action="ror.import").actor == operator


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_ror", str(tmp_path / "absent.jsonl"))


@pytest.mark.parametrize(
    ("types", "name", "kind"),
    [
        (["education", "funder"], "Any University", "university"),
        (["funder", "government"], "National Science Foundation", "government_body"),
        (["company", "funder"], "Pharma Ltd", "company"),
        (["facility"], "Institute of Physics", "research_institute"),
        (["facility"], "Zhongguancun Science Park", "science_park"),
        (["nonprofit"], "Tabriz Technology Incubator", "incubator"),
        (["facility"], "AST Technology Center", "technology_centre"),
        (["healthcare"], "City Hospital", "other"),
        (["funder"], "Research Foundation", "investor"),
        ([], "Unknown", "other"),
    ],
)
def test_kind_mapping(types, name, kind):
    assert kind_for(types, name) == kind


@pytest.mark.skipif(not FOCUS_FILE.is_file(), reason=f"ROR data file {FOCUS_FILE} is absent")
def test_real_focus_countries_file_imports_and_its_names_are_searchable_in_their_script():
    summary = ror_import(records=read_ror_files([FOCUS_FILE]))

    lines = sum(1 for line in FOCUS_FILE.open(encoding="utf-8") if line.strip())
    assert summary.created + summary.skipped == lines
    assert set(summary.skipped_by_reason()) == {"withdrawn from ROR"}
    assert Organisation.objects.count() == summary.created
    assert Organisation.objects.count() == ExternalIdentifier.objects.filter(scheme="ror").count()
    assert OrganisationName.objects.filter(language="ko").exists()
    assert OrganisationName.objects.filter(search_key__contains="университет").exists()
    assert OrganisationRelationship.objects.filter(kind="parent").exists()
