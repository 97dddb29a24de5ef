"""The areas of cooperation an agreement's scope is drawn from.

The first eleven are the Organization of Turkic States' areas of cooperation in industry, science,
technology and innovation (seed 002); the rest are the kinds of work parks' hubs do together.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COOPERATION_AREA_LABELS: dict[str, Promise] = {
    "rd-collaboration": _("R&D collaboration"),
    "fellowships-exchange": _("Fellowships and exchange"),
    "ai-digital-transformation": _("AI and digital transformation"),
    "innovation-ecosystems": _("Innovation ecosystems"),
    "investment-entrepreneurship": _("Investment and entrepreneurship"),
    "smes": _("Small and medium-sized enterprises"),
    "metrology": _("Metrology"),
    "product-safety": _("Product safety"),
    "standardisation-conformity": _("Standardisation and conformity"),
    "industrial-property": _("Industrial property"),
    "space-technologies": _("Space technologies"),
    "technology-transfer": _("Technology transfer"),
    "joint-office": _("Joint office or desk"),
    "trade-market-access": _("Trade and market access"),
    "training-capacity": _("Training and capacity building"),
}

OTS_AREAS = tuple(list(COOPERATION_AREA_LABELS)[:11])


def cooperation_area_label(code: str) -> str:
    return str(COOPERATION_AREA_LABELS.get(code, code))


def cooperation_area_choices() -> list[tuple[str, Promise]]:
    return list(COOPERATION_AREA_LABELS.items())
