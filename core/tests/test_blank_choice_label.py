"""The empty choice of a select ("- Select an option -") is translated like every other string: it is
ParkLink's own string (core/apps.py), so each language's catalog gives it in the reader's language."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import fields
from django.urls import reverse
from django.utils import translation

from conftest import logged_in_client

pytestmark = pytest.mark.django_db

ENGLISH = "- Select an option -"


def _select_page(person, language: str) -> str:
    person.preferred_language = language
    person.save(update_fields=["preferred_language"])
    return logged_in_client(person).get(reverse("marketplace:profile_create")).content.decode()


def test_the_blank_choice_is_parklinks_own_string():
    with translation.override("en"):
        assert str(fields.BLANK_CHOICE_LABEL) == ENGLISH


def test_the_blank_choice_reads_in_turkish_on_a_turkish_page(owner):
    page = _select_page(owner, "tr")
    with translation.override("tr"):
        turkish = str(fields.BLANK_CHOICE_LABEL)
    assert turkish != ENGLISH
    assert turkish in page
    assert ENGLISH not in page


def test_the_blank_choice_reads_in_persian_on_a_persian_page(owner):
    catalog = Path(settings.BASE_DIR) / "locale" / "fa" / "LC_MESSAGES" / "django.mo"
    persian = gettext.GNUTranslations(catalog.open("rb")).gettext(ENGLISH) if catalog.exists() else ENGLISH
    if persian == ENGLISH:
        pytest.skip(
            "locale/fa has no translation of the blank choice yet: run `make messages` and translate it"
        )
    page = _select_page(owner, "fa")
    assert persian in page
    assert ENGLISH not in page
