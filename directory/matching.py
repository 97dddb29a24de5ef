"""Organisations in the matching engine: an R&D cooperation request finds the organisations whose
description is closest to it, in whatever language each is written."""

from django.db.models import QuerySet

from core.taxonomies import sector_label
from directory.models import Organisation
from directory.selectors import organisations_visible_to
from matching.registry import MatchableKind, register_kind

ORGANISATION_KIND = "directory.organisation"


def organisation_document(organisation: Organisation) -> str:
    sectors = ", ".join(sector_label(sector.code) for sector in organisation.sectors.all())
    return "\n".join(part for part in (organisation.name, organisation.description, sectors) if part)


def described_active_organisations(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Only a description says what an organisation does; a bare name is not worth matching on."""
    return organisations.filter(status=Organisation.Status.ACTIVE).exclude(description="")


def register_organisation_kind() -> None:
    register_kind(
        MatchableKind(
            key=ORGANISATION_KIND,
            model=Organisation,
            document=organisation_document,
            indexable=described_active_organisations,
            visible_to=organisations_visible_to,
            language=lambda organisation: organisation.description_language,
        )
    )
