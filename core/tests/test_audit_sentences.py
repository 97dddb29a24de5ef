"""The audit trail reads as sentences in the reader's language, never as codes (core/audit_sentences.py)."""

import ast
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.services import api_token_create
from conftest import logged_in_client
from core.audit_sentences import AUDIT_SENTENCES
from directory.models import Organisation
from directory.services import organisation_update

ROOT = Path(settings.BASE_DIR)
AUDIT_URL = reverse("core:audit_trail")
# A code as services record it: lower-case words joined by dots and underscores.
CODE = re.compile(r"\b[a-z]{2,}(?:[._][a-z]{2,})+\b")
EMAIL = re.compile(r"\S+@\S+")


def _edit_city(*, actor, organisation, city):
    organisation_update(
        actor=actor,
        organisation=organisation,
        name=organisation.name,
        kind=organisation.kind,
        country=organisation.country,
        city=city,
        website=organisation.website,
        description=organisation.description,
        sectors=organisation.sectors.all(),
    )


def _recorded_codes() -> set[str]:
    """Every action code a service passes to audit_record as a literal."""
    codes = set()
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & {".venv", "tests", "migrations", "var"} or path.name.startswith("test_"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "audit_record":
                for keyword in node.keywords:
                    if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                        assert isinstance(keyword.value.value, str)
                        codes.add(keyword.value.value)
    return codes


def test_every_code_a_service_records_has_its_own_sentence():
    codes = _recorded_codes()
    assert len(codes) > 40
    assert sorted(codes - set(AUDIT_SENTENCES)) == []


def test_every_sentence_names_only_the_actor_and_the_object():
    for code, sentence in AUDIT_SENTENCES.items():
        assert set(re.findall(r"%\((\w+)\)s", str(sentence))) <= {"actor", "object"}, code


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.django_db
def test_the_audit_trail_page_and_api_say_what_happened_in_a_sentence(secretariat, owner, park, language):
    # given the park's admin edited its city, and its network's secretariat reads the audit trail
    _edit_city(actor=owner, organisation=park, city="Tabriz (East Azerbaijan)")
    client = logged_in_client(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    _token, key = api_token_create(user=secretariat, name="audit", scope="read")

    # when they open the page, and ask the API
    page = client.get(AUDIT_URL).content.decode()
    item = client.get(
        "/api/v1/audit-events", headers={"Authorization": f"Bearer {key}", "Accept-Language": language}
    ).json()["items"][0]

    # then both say it with the sentence for the event's type, in their language
    with translation.override(language):
        expected = str(AUDIT_SENTENCES["organisation.update"]) % {"actor": owner.email, "object": park.name}
        city = str(Organisation._meta.get_field("city").verbose_name)
    assert item["description"] == expected
    assert item["action"] == "organisation.update"
    table = page[page.index('id="audit-events"') : page.index("</table>")]
    assert html.escape(expected) in table
    assert f"{city[0].upper()}{city[1:]}: Tabriz → Tabriz (East Azerbaijan)" in table
    if language == "en":
        assert "Owner Parvin" not in expected  # the actor as recorded: their email
        assert expected == f"{owner.email} edited the organisation {park.name}."

    # and no code shows: neither the action, nor the model's label, nor a field's name
    visible = EMAIL.sub(" ", re.sub(r"<[^>]+>", " ", table))
    assert CODE.findall(visible) == []
