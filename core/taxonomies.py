"""Controlled vocabularies every app shares: sectors, countries and languages.

Sector labels live in code so they are translated like every other interface string; the database
keeps only their codes (see `core.models.Sector`).
"""

from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.functional import Promise
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

SECTOR_LABELS: dict[str, Promise] = {
    "biotech-pharma": _("Biotechnology and pharmaceuticals"),
    "ict-ai": _("ICT and artificial intelligence"),
    "agriculture-food": _("Agriculture and food"),
    "energy-environment": _("Energy and environment"),
    "advanced-materials": _("Advanced materials and chemistry"),
    "manufacturing": _("Industrial manufacturing"),
    "metrology": _("Metrology"),
    "product-safety": _("Product safety"),
    "standards-conformity": _("Standardisation and conformity assessment"),
    "space": _("Space technologies"),
    "health-medtech": _("Health and medical technology"),
    "transport-logistics": _("Transport and logistics"),
    "nanotechnology": _("Nanotechnology"),
    "creative-audiovisual": _("Creative industries and audiovisual"),
    "education-training": _("Education and training"),
}


def sector_label(code: str) -> str:
    return str(SECTOR_LABELS.get(code, code))


def _babel_locale() -> Locale:
    try:
        return Locale.parse(to_locale(get_language() or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


@cache
def _country_codes() -> tuple[str, ...]:
    return tuple(sorted(country.alpha_2 for country in pycountry.countries))


def country_name(code: str) -> str:
    """The country's name in the active interface language (English where babel has none)."""
    localised = _babel_locale().territories.get(code)
    if localised:
        return str(localised)
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


def country_choices() -> list[tuple[str, str]]:
    choices = [(code, country_name(code)) for code in _country_codes()]
    return sorted(choices, key=lambda choice: choice[1])


def is_country_code(code: str) -> bool:
    return code in _country_codes()


def language_name(code: str) -> str:
    """An ISO 639 language's name in the active interface language."""
    localised = _babel_locale().languages.get(code)
    if localised:
        return str(localised)
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return language.name if language else code
