"""The languages a signed document is written in: the reader's own (from a country, through CLDR's
official languages in babel) when ParkLink speaks it, and English, each page of the document in one."""

from collections.abc import Iterable

from babel.languages import get_official_languages
from django.conf import settings

ENGLISH = "en"


def interface_language(code: str) -> str | None:
    """The interface language (settings.LANGUAGES) for a babel or ISO 639 code, if ParkLink has it."""
    offered = {language for language, _name in settings.LANGUAGES}
    candidate = code.lower().replace("_", "-")
    if candidate in offered:
        return candidate
    if candidate in ("zh", "zh-hans", "zh-cn"):
        return "zh-hans" if "zh-hans" in offered else None
    return None


def country_language(country: str) -> str | None:
    """The first official language of `country` (ISO 3166 alpha-2) that ParkLink speaks, or None."""
    if not country:
        return None
    for code in get_official_languages(country.upper(), de_facto=True):
        language = interface_language(code)
        if language:
            return language
    return None


def document_languages(*, reader_countries: Iterable[str], issuer_languages: Iterable[str] = ()) -> list[str]:
    """The reader's language first (from their country), then English, then the issuer's own languages
    (interface codes) where they differ: each at most once, only languages ParkLink speaks."""
    readers = [country_language(country) for country in reader_countries]
    issuers = [interface_language(code) for code in issuer_languages]
    languages: list[str] = []
    for language in [*readers, ENGLISH, *issuers]:
        if language and language not in languages:
            languages.append(language)
    return languages
