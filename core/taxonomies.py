"""Controlled vocabularies every app shares: sectors, keywords, SDGs, countries and languages.

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


# Technology keywords, each under one sector, in the spirit of the Enterprise Europe Network's
# keyword taxonomy (shorter: the sectors the networks' members work in).
KEYWORD_LABELS: dict[str, Promise] = {
    "biotech-pharma/biopharmaceuticals": _("Biopharmaceuticals"),
    "biotech-pharma/generic-medicines": _("Generic medicines"),
    "biotech-pharma/vaccines": _("Vaccines"),
    "biotech-pharma/diagnostics": _("Diagnostics and biosensors"),
    "biotech-pharma/industrial-biotech": _("Industrial biotechnology and fermentation"),
    "biotech-pharma/plant-extracts": _("Medicinal plants and natural extracts"),
    "ict-ai/machine-learning": _("Machine learning"),
    "ict-ai/computer-vision": _("Computer vision"),
    "ict-ai/natural-language": _("Natural language processing"),
    "ict-ai/iot": _("Internet of things"),
    "ict-ai/cybersecurity": _("Cybersecurity"),
    "ict-ai/industrial-digitalisation": _("Industrial digitalisation"),
    "agriculture-food/precision-agriculture": _("Precision agriculture"),
    "agriculture-food/irrigation": _("Irrigation and water saving"),
    "agriculture-food/seeds-breeding": _("Seeds and plant breeding"),
    "agriculture-food/food-processing": _("Food processing"),
    "agriculture-food/halal": _("Halal quality infrastructure"),
    "energy-environment/solar": _("Solar energy"),
    "energy-environment/water-treatment": _("Water treatment"),
    "energy-environment/recycling": _("Recycling and waste"),
    "advanced-materials/composites": _("Composite materials"),
    "advanced-materials/catalysis": _("Catalysis and synthesis of new substances"),
    "advanced-materials/polymers": _("Polymers"),
    "manufacturing/robotics": _("Robotics and automation"),
    "manufacturing/additive": _("Additive manufacturing"),
    "metrology/calibration": _("Calibration"),
    "metrology/measurement-instruments": _("Measurement instruments"),
    "metrology/reference-materials": _("Reference materials"),
    "product-safety/testing": _("Product testing"),
    "product-safety/market-surveillance": _("Market surveillance and inspection"),
    "standards-conformity/certification": _("Certification and conformity assessment"),
    "standards-conformity/laboratory-accreditation": _("Laboratory accreditation"),
    "space/satellites": _("Small satellites"),
    "space/earth-observation": _("Earth observation"),
    "space/ground-segment": _("Ground stations and space communication"),
    "health-medtech/medical-devices": _("Medical devices"),
    "health-medtech/telemedicine": _("Telemedicine"),
    "transport-logistics/logistics-platforms": _("Logistics platforms"),
    "nanotechnology/nanomaterials": _("Nanomaterials"),
    "creative-audiovisual/audiovisual": _("Audiovisual production"),
    "education-training/e-learning": _("E-learning"),
}

# The United Nations Sustainable Development Goals, by number.
SDG_LABELS: dict[int, Promise] = {
    1: _("No poverty"),
    2: _("Zero hunger"),
    3: _("Good health and well-being"),
    4: _("Quality education"),
    5: _("Gender equality"),
    6: _("Clean water and sanitation"),
    7: _("Affordable and clean energy"),
    8: _("Decent work and economic growth"),
    9: _("Industry, innovation and infrastructure"),
    10: _("Reduced inequalities"),
    11: _("Sustainable cities and communities"),
    12: _("Responsible consumption and production"),
    13: _("Climate action"),
    14: _("Life below water"),
    15: _("Life on land"),
    16: _("Peace, justice and strong institutions"),
    17: _("Partnerships for the goals"),
}


def keyword_label(code: str) -> str:
    return str(KEYWORD_LABELS.get(code, code))


def sdg_label(number: int) -> str:
    return str(SDG_LABELS.get(number, number))


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
    """Every country, by its name in the active interface language."""
    return list(_country_choices_in(get_language() or "en"))


@cache
def _country_choices_in(language: str) -> tuple[tuple[str, str], ...]:
    # Made once per language and process: 249 names looked up in babel cost 5 ms on every form.
    choices = [(code, country_name(code)) for code in _country_codes()]
    return tuple(sorted(choices, key=lambda choice: choice[1]))


def is_country_code(code: str) -> bool:
    return code in _country_codes()


def language_name(code: str) -> str:
    """An ISO 639 language's name in the active interface language."""
    localised = _babel_locale().languages.get(code)
    if localised:
        return str(localised)
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return language.name if language else code


# The UN M49 geographic sub-regions (https://unstats.un.org/unsd/methodology/m49/), by their M49 code,
# with the ISO 3166 countries each holds. An anonymous profile may show its owner's region instead of
# its country; region names come from CLDR through babel, in the interface language.
M49_SUBREGIONS: dict[str, str] = {  # region code: its countries, separated by spaces
    # Northern Africa
    "015": "DZ EG EH LY MA SD TN",
    # Sub-Saharan Africa
    "202": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW IO KE KM LR LS MG ML MR "
        "MU MW MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA ZM ZW"
    ),
    # Latin America and the Caribbean
    "419": (
        "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN "
        "HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"
    ),
    # Northern America
    "021": "BM CA GL PM US",
    # Central Asia
    "143": "KG KZ TJ TM UZ",
    # Eastern Asia
    "030": "CN HK JP KP KR MN MO TW",
    # South-eastern Asia
    "035": "BN ID KH LA MM MY PH SG TH TL VN",
    # Southern Asia
    "034": "AF BD BT IN IR LK MV NP PK",
    # Western Asia
    "145": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    # Eastern Europe
    "151": "BG BY CZ HU MD PL RO RU SK UA",
    # Northern Europe
    "154": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    # Southern Europe
    "039": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA",
    # Western Europe
    "155": "AT BE CH DE FR LI LU MC NL",
    # Australia and New Zealand
    "053": "AU CC CX HM NF NZ",
    # Melanesia
    "054": "FJ NC PG SB VU",
    # Micronesia
    "057": "FM GU KI MH MP NR PW UM",
    # Polynesia
    "061": "AS CK NU PF PN TK TO TV WF WS",
}
_REGION_OF: dict[str, str] = {
    country: region for region, countries in M49_SUBREGIONS.items() for country in countries.split()
}
WORLD = "001"  # Antarctica and any code in no sub-region


def region_of(country: str) -> str:
    """The M49 code of the sub-region that holds `country` (the world for a country in none)."""
    return _REGION_OF.get(country.upper(), WORLD)


def region_name(code: str) -> str:
    """An M49 region's name in the active interface language (CLDR, through babel)."""
    localised = _babel_locale().territories.get(code) or Locale("en").territories.get(code)
    return str(localised) if localised else code
