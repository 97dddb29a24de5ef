import json

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from core.models import AuditEvent
from demo.content import ORGANISATIONS, PEOPLE
from demo.events import CROWD_EMAIL, CROWD_SIZE
from directory.models import (
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.search import fold_script
from networks.models import NetworkMembership
from networks.selectors import moderated_organisation_ids
from tests.shared_demo import DEMO_PASSWORD

# The demo is loaded once for the session (conftest.py `demo`); each test below reads it or runs
# load_demo again on top of it, in its own savepoint.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture(autouse=True)
def no_shared_ror_file(monkeypatch, tmp_path):
    """Unless a test names a ROR file, the demo finds none (the shared data is not the tests' input)."""
    monkeypatch.setenv("PARKLINK_DEMO_ROR_FILE", str(tmp_path / "absent.jsonl"))


def ror_line(ror_id: str, name: str, **extra) -> str:
    record = {
        "id": f"https://ror.org/{ror_id}",
        "names": [{"value": name, "lang": "en", "types": ["ror_display", "label"]}],
        "types": ["education"],
        "status": "active",
        "locations": [
            {"geonames_details": {"country_code": "UZ", "name": "Tashkent", "lat": 41.3, "lng": 69.2}}
        ],
        **extra,
    }
    return json.dumps(record, ensure_ascii=False)


def test_demo_creates_every_persona_and_organisation():
    crowd = {CROWD_EMAIL.format(number=number) for number in range(CROWD_SIZE)}  # the B2B day's participants
    assert set(User.objects.values_list("email", flat=True)) == {person.email for person in PEOPLE} | crowd
    assert set(Organisation.objects.values_list("name", flat=True)) == {entry.name for entry in ORGANISATIONS}
    for person in PEOPLE:
        user = User.objects.get(email=person.email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified


def test_second_run_changes_nothing(capsys):
    counts = (User.objects.count(), Organisation.objects.count(), OrganisationMembership.objects.count())
    events = AuditEvent.objects.count()

    call_command("load_demo")

    assert (
        User.objects.count(),
        Organisation.objects.count(),
        OrganisationMembership.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events
    assert "nothing to do" in capsys.readouterr().out


def test_personas_hold_their_roles_and_the_secretariat_moderates_its_member():
    secretariat = User.objects.get(email="secretariat@demo.parklink.org")
    iasp = Organisation.objects.get(name__contains="(IASP)")
    ast = Organisation.objects.get(name="AST Technology Center")

    assert OrganisationMembership.objects.get(user=secretariat).role == Role.SECRETARIAT
    assert NetworkMembership.objects.get(network=iasp, member=ast).status == NetworkMembership.Status.ACTIVE
    assert moderated_organisation_ids(secretariat) == {iasp.pk, ast.pk}
    outsider = User.objects.get(email="outsider@demo.parklink.org")
    assert moderated_organisation_ids(outsider) == set()


def test_demo_uses_the_password_from_the_settings(settings):
    # The shared demo ran load_demo with PARKLINK_DEMO_PASSWORD set to DEMO_PASSWORD, not the default.
    assert settings.PARKLINK_DEMO_PASSWORD != DEMO_PASSWORD
    researcher = User.objects.get(email="researcher@demo.parklink.org")
    assert researcher.check_password(DEMO_PASSWORD)
    assert not researcher.check_password(settings.PARKLINK_DEMO_PASSWORD)


def test_figures_cite_their_seed_and_turkmenistans_memberships_are_not_a_figure():
    pangyo = Organisation.objects.get(name="Pangyo Techno Valley")
    assert set(pangyo.figures.values_list("metric", "value")) == {
        ("area_m2", 662000),
        ("resident_companies", 1622),
    }
    assert pangyo.founded_year == 2005
    bio = Organisation.objects.get(name="Gyeonggi Bio Center")
    assert set(bio.figures.values_list("metric", "value")) == {
        ("area_m2", 32000),
        ("resident_companies", 24),
        ("employees", 50000),
    }
    assert all(
        source.startswith("Seed 00") for source in OrganisationFigure.objects.values_list("source", flat=True)
    )
    assert bio.figures.get(metric="employees").source.startswith(
        "Seed 003: Uzbekistan to exchange experience"
    )
    assert not OrganisationFigure.objects.filter(metric="international_memberships").exists()


def test_transfer_centre_is_a_child_of_ast_and_names_in_other_scripts_are_searchable():
    ast = Organisation.objects.get(name="AST Technology Center")
    centre = Organisation.objects.get(kind="technology_transfer_centre")
    assert str(centre.founded_on) == "2022-01-01"
    assert OrganisationRelationship.objects.filter(subject=centre, object=ast, kind="parent").exists()
    persian = OrganisationName.objects.get(value="پارک علم و فناوری آذربایجان شرقی")
    assert persian.organisation.name == "East Azerbaijan Science and Technology Park"
    assert fold_script("پارک علم و فناوری") in persian.search_key
    chinese = OrganisationName.objects.get(language="zh", value="上海合作组织经贸合作示范区")
    assert chinese.organisation.city == "Qingdao"


def test_demo_says_plainly_when_it_has_no_ror_file(capsys, tmp_path):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert f"Skipped the ROR records: {tmp_path / 'absent.jsonl'} does not exist." in out


def test_demo_imports_the_named_ror_file_once(tmp_path, capsys):
    ror_file = tmp_path / "ror.jsonl"
    ror_file.write_text(
        ror_line("04xyz0001", "Tashkent Pharmaceutical Institute")
        + "\n"
        + ror_line("04xyz0002", "Old Institute", status="withdrawn")
        + "\n",
        encoding="utf-8",
    )

    call_command("load_demo", "--ror-file", str(ror_file))
    assert Organisation.objects.filter(external_ids__scheme="ror").count() == 1
    assert "1 created, 0 updated, 0 unchanged, 1 skipped" in capsys.readouterr().out
    events = AuditEvent.objects.count()

    call_command("load_demo", "--ror-file", str(ror_file))
    out = capsys.readouterr().out
    assert "every record of" in out and "already imported" in out
    assert "nothing to do" in out
    assert AuditEvent.objects.count() == events
