"""The demo's data files: read through typed readers that name the file, entry and field of a mistake,
and holding what the demo promises of its content (no database needed)."""

import json
import re

import pytest

from demo.content import ORGANISATIONS, _organisations_read
from demo.datafiles import DATA_DIRECTORY, DemoDataError, data_file_read
from demo.exchanges import _application_read
from demo.marketplace import PROFILES, _profile_read


def _write(tmp_path, name: str, content: object) -> None:
    (tmp_path / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


def _profiles_read(tmp_path):
    return data_file_read(
        "profiles.json", lambda file: file.entries("profiles", _profile_read), directory=tmp_path
    )


def _profile(**fields: object) -> dict[str, object]:
    return {
        "owner": "AST Technology Center",
        "kind": "TO",
        "status": "published",
        "title": "Freeze-dried PCR reagent beads",
        "summary": "Beads.",
        "description": "Beads that need no cold chain.",
        "sectors": ["biotech-pharma"],
        "partnership_types": ["licence"],
        **fields,
    }


def test_every_data_file_is_utf8_json_with_its_letters_unescaped():
    files = sorted(DATA_DIRECTORY.glob("*.json"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        assert "\\u" not in text, f"{path.name} escapes letters; write it with ensure_ascii=False"


def test_a_well_formed_profile_is_read_with_the_defaults_of_the_fields_it_leaves_out(tmp_path):
    _write(tmp_path, "profiles.json", {"profiles": [_profile(sdgs=[3])]})

    (profile,) = _profiles_read(tmp_path)

    assert profile.owner == "AST Technology Center"
    assert profile.sdgs == (3,)
    assert profile.visibility == "public"
    assert profile.trl is None
    assert not profile.anonymous


def test_a_choice_outside_its_list_names_the_file_entry_and_field(tmp_path):
    _write(tmp_path, "profiles.json", {"profiles": [_profile(), _profile(title="Second", kind="XX")]})

    with pytest.raises(DemoDataError) as error:
        _profiles_read(tmp_path)

    message = str(error.value)
    assert message.startswith("profiles.json: profiles[1] ('Second')")
    assert '"kind"' in message and "'XX'" in message


def test_a_misspelt_field_is_refused_rather_than_ignored(tmp_path):
    _write(tmp_path, "profiles.json", {"profiles": [_profile(anonymus=True)]})

    with pytest.raises(DemoDataError, match=r"profiles\[0\] .* unknown field\(s\) anonymus"):
        _profiles_read(tmp_path)


def test_a_field_of_the_wrong_type_or_a_missing_field_is_named(tmp_path):
    _write(tmp_path, "profiles.json", {"profiles": [_profile(trl="six")]})
    with pytest.raises(DemoDataError, match='field "trl" that must be a whole number, not text'):
        _profiles_read(tmp_path)

    _write(tmp_path, "profiles.json", {"profiles": [{"owner": "AST Technology Center", "kind": "TO"}]})
    with pytest.raises(DemoDataError, match=r'profiles\.json: profiles\[0\] has no field "status"'):
        _profiles_read(tmp_path)


def test_a_broken_or_missing_file_says_which_file(tmp_path):
    (tmp_path / "profiles.json").write_text('{"profiles": [', encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"^profiles\.json: is not valid JSON \(line 1"):
        _profiles_read(tmp_path)

    with pytest.raises(DemoDataError, match=r"^absent\.json: cannot be read"):
        data_file_read("absent.json", lambda file: file, directory=tmp_path)


def test_an_organisation_linking_to_an_unknown_key_is_refused(tmp_path):
    organisation = {"key": "ast", "name": "AST", "kind": "technology_centre", "country": "TM", "city": ""}
    organisation |= {"description": "", "parent": "elsewhere"}
    _write(tmp_path, "organisations.json", {"organisations": [organisation]})

    with pytest.raises(DemoDataError, match="organisation 'ast' links to unknown key"):
        data_file_read("organisations.json", _organisations_read, directory=tmp_path)


def test_no_anonymous_demo_profile_names_its_owner_in_its_own_text():
    by_name = {organisation.name: organisation for organisation in ORGANISATIONS}
    anonymous = [profile for profile in PROFILES if profile.anonymous]
    assert len(anonymous) >= 3
    for profile in anonymous:
        owner = by_name[profile.owner]
        names = {owner.name, *(value for value, _language, _kind in owner.names)}
        text = " ".join((profile.title, profile.summary, profile.description, profile.innovation))
        for name in names:
            assert not re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE), (
                f"the anonymous profile {profile.title!r} names its owner as {name!r}"
            )


def test_profiles_name_organisations_of_the_demo_and_their_titles_are_unique_per_owner():
    names = {organisation.name for organisation in ORGANISATIONS}
    assert {profile.owner for profile in PROFILES} <= names
    owned_titles = [(profile.owner, profile.title) for profile in PROFILES]
    assert len(set(owned_titles)) == len(owned_titles)


def test_an_application_taken_to_its_placement_must_say_where_it_stayed(tmp_path):
    application = {
        "applicant": "company@demo.parklink.org",
        "home": "Hanbit Biosensors (demo resident company)",
        "host": "Toshkent Farma Park",
        "stage": "placement",
        "summary": "Validating biosensor strips.",
        "participant_type": "staff",
        "career_stage": "professional",
        "duration": 3,
    }
    _write(tmp_path, "applications.json", {"applications": [application]})

    with pytest.raises(DemoDataError, match=r"applications\[0\] has no field \"placement\""):
        data_file_read(
            "applications.json",
            lambda file: file.entries("applications", _application_read),
            directory=tmp_path,
        )
