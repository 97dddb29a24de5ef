"""Every write to the directory. Each function checks who may do it, runs in one transaction and
records what it did to the audit trail (core.audit) against the organisation concerned."""

import datetime
import decimal
import enum
from collections.abc import Iterable
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.forms import field_error
from core.models import Sector
from core.permissions import deny_unless
from core.validators import validate_web_url
from directory.identity import check_contact, logo_store
from directory.matching import ORGANISATION_KIND
from directory.models import (
    ORGANISATION_CONTACT_FIELDS,
    ORGANISATION_PROFILE_FIELDS,
    ExternalIdentifier,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.search import search_key_for
from directory.selectors import permissions_for
from directory.services.team import (  # the team's writes live beside, by concept
    invitation_accept as invitation_accept,
)
from directory.services.team import (
    invitation_check_acceptable as invitation_check_acceptable,
)
from directory.services.team import (
    invitation_revoke as invitation_revoke,
)
from directory.services.team import (
    invitation_send as invitation_send,
)
from directory.services.team import (
    membership_change_role as membership_change_role,
)
from directory.services.team import (
    membership_remove as membership_remove,
)
from matching.services import record_changed

ORGANISATION_FIELDS = ORGANISATION_PROFILE_FIELDS
TEXT_FIELDS = frozenset(
    {"name", "name_language", "region", "city", "website", "email", "phone", "description_language"}
    | {"contact_name", "contact_role", "contact_email", "contact_phone"}
)


class _Keep(enum.Enum):
    """Marks an argument of `organisation_update` the caller leaves as it is (a partial update)."""

    KEEP = "keep"


KEEP = _Keep.KEEP


def _sector_codes(organisation: Organisation) -> list[str]:
    return sorted(organisation.sectors.values_list("code", flat=True))


def is_language_code(code: str) -> bool:
    """An ISO 639-1 or 639-3 code, optionally with a script or region subtag (zh-Hant, pt-BR)."""
    base = code.split("-", 1)[0].lower()
    if len(base) == 2:
        return pycountry.languages.get(alpha_2=base) is not None
    return len(base) == 3 and pycountry.languages.get(alpha_3=base) is not None


def _check_language(field: str, code: str) -> None:
    if code and not is_language_code(code):
        raise field_error(
            field,
            _("%(value)s is not an ISO 639 language code (for example en, fa, ru, zh)."),
            code="invalid_language",
            params={"value": code},
        )


def _display_name_sync(organisation: Organisation) -> None:
    """Keep the one DISPLAY name row equal to `Organisation.name`, so search finds the display name too."""
    rows = list(organisation.names.filter(kind=OrganisationName.Kind.DISPLAY))
    display, extra = (rows[0], rows[1:]) if rows else (OrganisationName(organisation=organisation), [])
    OrganisationName.objects.filter(pk__in=[row.pk for row in extra]).delete()
    # A label identical to the new display name would only repeat it.
    organisation.names.exclude(kind=OrganisationName.Kind.DISPLAY).filter(
        value=organisation.name, language=organisation.name_language
    ).delete()
    display.kind = OrganisationName.Kind.DISPLAY
    display.value, display.language = organisation.name, organisation.name_language
    display.search_key = search_key_for(organisation.name)
    display.save()


def _profile(organisation: Organisation) -> dict[str, Any]:
    identity = {**snapshot(organisation, ORGANISATION_CONTACT_FIELDS), "logo": organisation.logo.name or ""}
    fields = (*ORGANISATION_FIELDS, "time_zone")
    return {**snapshot(organisation, fields), **identity, "sectors": _sector_codes(organisation)}


@transaction.atomic
def organisation_create(
    *,
    creator: Any,
    name: str,
    kind: str,
    country: str,
    name_language: str = "",
    region: str = "",
    city: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    founded_year: int | None = None,
    founded_on: datetime.date | None = None,
    website: str = "",
    email: str = "",
    phone: str = "",
    description: str = "",
    description_language: str = "",
    sectors: Iterable[Sector] = (),
    time_zone: str = "",
) -> Organisation:
    """Create an organisation; its creator becomes its first admin."""
    deny_unless(creator.is_authenticated, _("Log in to create an organisation."))
    organisation = Organisation(
        name=name.strip(),
        name_language=name_language.strip(),
        kind=kind,
        country=country,
        region=region.strip(),
        city=city.strip(),
        latitude=latitude,
        longitude=longitude,
        founded_year=founded_year,
        founded_on=founded_on,
        website=website.strip(),
        email=email.strip(),
        phone=phone.strip(),
        description=description,
        description_language=description_language.strip(),
        time_zone=time_zone.strip(),
    )
    _check_profile(organisation)
    organisation.save()
    organisation.sectors.set(sectors)
    _display_name_sync(organisation)
    membership = OrganisationMembership.objects.create(
        user=creator, organisation=organisation, role=Role.ADMIN
    )
    record_changed(kind=ORGANISATION_KIND, object_id=organisation.pk)
    audit_record(
        actor=creator,
        action="organisation.create",
        target=organisation,
        changes=_profile(organisation),
        organisation_id=organisation.pk,
    )
    audit_record(
        actor=creator,
        action="membership.create",
        target=membership,
        changes={"user": creator.pk, "role": membership.role},
        organisation_id=organisation.pk,
    )
    return organisation


def _check_profile(organisation: Organisation) -> None:
    organisation.website = validate_web_url("website", organisation.website)
    _check_language("name_language", organisation.name_language)
    _check_language("description_language", organisation.description_language)
    if (organisation.latitude is None) != (organisation.longitude is None):
        raise field_error(
            "longitude" if organisation.longitude is None else "latitude",
            _("Give both the latitude and the longitude, or neither."),
            code="half_coordinates",
        )
    if organisation.latitude is not None and not -90 <= organisation.latitude <= 90:
        raise field_error("latitude", _("A latitude lies between -90 and 90."), code="invalid_latitude")
    if organisation.longitude is not None and not -180 <= organisation.longitude <= 180:
        raise field_error("longitude", _("A longitude lies between -180 and 180."), code="invalid_longitude")
    this_year = timezone.localdate().year
    if organisation.founded_year is not None and not 800 <= organisation.founded_year <= this_year:
        raise field_error(
            "founded_year",
            _("Give a founding year between 800 and %(year)s."),
            code="invalid_founded_year",
            params={"year": this_year},
        )
    if organisation.founded_on is not None:
        if organisation.founded_on > timezone.localdate():
            raise field_error("founded_on", _("The founding date cannot be in the future."), code="future")
        if organisation.founded_year is None:
            organisation.founded_year = organisation.founded_on.year
        elif organisation.founded_year != organisation.founded_on.year:
            raise field_error(
                "founded_year",
                _("The founding year and the founding date disagree."),
                code="founded_mismatch",
            )
    organisation.full_clean(exclude=["sectors", "merged_into"])


@transaction.atomic
def organisation_update(
    *,
    actor: Any,
    organisation: Organisation,
    name: str | _Keep = KEEP,
    kind: str | _Keep = KEEP,
    country: str | _Keep = KEEP,
    name_language: str | _Keep = KEEP,
    region: str | _Keep = KEEP,
    city: str | _Keep = KEEP,
    latitude: float | _Keep | None = KEEP,
    longitude: float | _Keep | None = KEEP,
    founded_year: int | _Keep | None = KEEP,
    founded_on: datetime.date | _Keep | None = KEEP,
    website: str | _Keep = KEEP,
    email: str | _Keep = KEEP,
    phone: str | _Keep = KEEP,
    description: str | _Keep = KEEP,
    description_language: str | _Keep = KEEP,
    sectors: Iterable[Sector] | _Keep = KEEP,
    contact_name: str | _Keep = KEEP,
    contact_role: str | _Keep = KEEP,
    contact_email: str | _Keep = KEEP,
    contact_phone: str | _Keep = KEEP,
    contact_visibility: str | _Keep = KEEP,
    time_zone: str | _Keep | None = KEEP,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """Change an organisation's profile (its admins only). Arguments left out keep their value; a new
    `logo` replaces the old one, `remove_logo` takes it away."""
    deny_unless(
        permissions_for(actor, organisation).can_edit, _("Only an organisation admin can edit its profile.")
    )
    # Start from the stored row: a ModelForm may already have written its input onto the caller's instance.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _profile(organisation)
    given: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "country": country,
        "name_language": name_language,
        "region": region,
        "city": city,
        "latitude": latitude,
        "longitude": longitude,
        "founded_year": founded_year,
        "founded_on": founded_on,
        "website": website,
        "email": email,
        "phone": phone,
        "description": description,
        "description_language": description_language,
        "contact_name": contact_name,
        "contact_role": contact_role,
        "contact_email": contact_email,
        "contact_phone": contact_phone,
        "contact_visibility": contact_visibility,
        # An API client may send null for "no zone".
        "time_zone": time_zone if isinstance(time_zone, _Keep) else (time_zone or "").strip(),
    }
    for field, value in given.items():
        if value is not KEEP:
            setattr(organisation, field, value.strip() if field in TEXT_FIELDS else value)
    if (
        organisation.is_network is False
        and before["kind"] == Organisation.Kind.NETWORK
        and organisation.memberships.filter(role=Role.SECRETARIAT).exists()
    ):
        raise field_error(
            "kind",
            _("This network still has secretariat staff; change their roles before changing its kind."),
            code="kind_has_secretariat",
        )
    _check_profile(organisation)
    check_contact(organisation)
    if logo is not None:
        logo_store(organisation, logo)
    elif remove_logo:
        organisation.logo = ""  # type: ignore[assignment]
    identity_fields = [*ORGANISATION_CONTACT_FIELDS, "logo", "time_zone"]
    organisation.save(update_fields=[*ORGANISATION_FIELDS, *identity_fields, "updated_at"])
    if not isinstance(sectors, _Keep):
        organisation.sectors.set(sectors)
    _display_name_sync(organisation)
    record_changed(kind=ORGANISATION_KIND, object_id=organisation.pk)
    audit_record(
        actor=actor,
        action="organisation.update",
        target=organisation,
        changes=changes_between(before, _profile(organisation)),
        organisation_id=organisation.pk,
    )
    return organisation


def _check_can_curate(actor: Any, organisation: Organisation) -> None:
    deny_unless(
        permissions_for(actor, organisation).can_curate,
        _(
            "Only an admin of this organisation, its network secretariat or a platform operator "
            "can change it."
        ),
    )


def _touch(organisation: Organisation) -> None:
    """A change to a name, figure or link is a change to the record ("recently updated" sorts by it)."""
    Organisation.objects.filter(pk=organisation.pk).update(updated_at=timezone.now())


@transaction.atomic
def organisation_name_add(
    *, actor: Any, organisation: Organisation, value: str, language: str = "", kind: str
) -> OrganisationName:
    """Add a label (a name in another language), an alias or an acronym, with the language it is in."""
    _check_can_curate(actor, organisation)
    value, language = " ".join(value.split()), language.strip().lower()
    if kind == OrganisationName.Kind.DISPLAY:
        raise field_error(
            "kind",
            _("The display name is the organisation's name; change it on the profile instead."),
            code="display_name",
        )
    if kind not in OrganisationName.Kind.values:
        raise field_error("kind", _("Choose one of the offered kinds of name."), code="invalid_kind")
    if not value:
        raise field_error("value", _("Give the name."), code="required")
    _check_language("language", language)
    if organisation.names.filter(value=value, language=language, kind=kind).exists():
        raise field_error(
            "value",
            _("%(organisation)s already has this name."),
            code="duplicate_name",
            params={"organisation": organisation.name},
        )
    name = OrganisationName(
        organisation=organisation, value=value, language=language, kind=kind, search_key=search_key_for(value)
    )
    name.full_clean()
    name.save()
    _touch(organisation)
    audit_record(
        actor=actor,
        action="organisation_name.add",
        target=name,
        changes=snapshot(name, ("value", "language", "kind")),
        organisation_id=organisation.pk,
    )
    return name


@transaction.atomic
def organisation_name_remove(*, actor: Any, name: OrganisationName) -> None:
    organisation = name.organisation
    _check_can_curate(actor, organisation)
    if name.kind == OrganisationName.Kind.DISPLAY:
        raise ValidationError(
            _("The display name cannot be removed; change the organisation's name instead."),
            code="display_name",
        )
    audit_record(
        actor=actor,
        action="organisation_name.remove",
        target=name,
        changes={"value": [name.value, None], "language": name.language, "kind": name.kind},
        organisation_id=organisation.pk,
    )
    name.delete()
    _touch(organisation)


_ROR_PREFIXES = ("https://ror.org/", "http://ror.org/", "ror.org/")


def _normalised_identifier(scheme: str, value: str) -> str:
    value = "".join(value.split())
    if scheme == ExternalIdentifier.Scheme.ROR:
        lowered = value.lower()
        for prefix in _ROR_PREFIXES:
            if lowered.startswith(prefix):
                return lowered.removeprefix(prefix)
        return lowered
    if scheme == ExternalIdentifier.Scheme.WIKIDATA:
        return value.upper()
    return value


@transaction.atomic
def external_identifier_set(
    *, actor: Any, organisation: Organisation, scheme: str, value: str, preferred: bool = False
) -> ExternalIdentifier:
    """Record the organisation's identifier in another registry; one organisation per identifier."""
    _check_can_curate(actor, organisation)
    if scheme not in ExternalIdentifier.Scheme.values:
        raise field_error("scheme", _("Choose one of the offered registries."), code="invalid_scheme")
    value = _normalised_identifier(scheme, value)
    if not value:
        raise field_error("value", _("Give the identifier."), code="required")
    existing = (
        ExternalIdentifier.objects.select_for_update()
        .select_related("organisation")
        .filter(scheme=scheme, value=value)
        .first()
    )
    if existing is not None and existing.organisation_id != organisation.pk:
        raise field_error(
            "value",
            _("%(scheme)s %(value)s already belongs to another organisation, %(organisation)s."),
            code="identifier_taken",
            params={
                "scheme": existing.get_scheme_display(),
                "value": value,
                "organisation": existing.organisation.name,
            },
        )
    identifier = existing or ExternalIdentifier(organisation=organisation, scheme=scheme, value=value)
    before = snapshot(identifier, ("scheme", "value", "preferred")) if existing else {}
    identifier.preferred = preferred
    identifier.full_clean(validate_unique=False)
    if preferred:
        organisation.external_ids.filter(scheme=scheme, preferred=True).exclude(pk=identifier.pk).update(
            preferred=False
        )
    identifier.save()
    _touch(organisation)
    audit_record(
        actor=actor,
        action="external_identifier.set",
        target=identifier,
        changes=changes_between(before, snapshot(identifier, ("scheme", "value", "preferred"))),
        organisation_id=organisation.pk,
    )
    return identifier


@transaction.atomic
def external_identifier_remove(*, actor: Any, identifier: ExternalIdentifier) -> None:
    organisation = identifier.organisation
    _check_can_curate(actor, organisation)
    audit_record(
        actor=actor,
        action="external_identifier.remove",
        target=identifier,
        changes={"scheme": identifier.scheme, "value": [identifier.value, None]},
        organisation_id=organisation.pk,
    )
    identifier.delete()
    _touch(organisation)


@transaction.atomic
def organisation_figure_record(
    *,
    actor: Any,
    organisation: Organisation,
    metric: str,
    value: decimal.Decimal | int | float | str,
    as_of: datetime.date,
    source: str,
    source_url: str = "",
) -> OrganisationFigure:
    """Add a dated, sourced value of a figure. Earlier values stay: together they are its history."""
    _check_can_curate(actor, organisation)
    if metric not in OrganisationFigure.Metric.values:
        raise field_error("metric", _("Choose one of the offered figures."), code="invalid_metric")
    try:
        amount = decimal.Decimal(str(value))
    except decimal.InvalidOperation as error:
        raise field_error("value", _("Give a number."), code="invalid_value") from error
    if not amount.is_finite() or amount < 0:
        raise field_error("value", _("A figure cannot be negative."), code="negative_value")
    if as_of > timezone.localdate():
        raise field_error("as_of", _("A figure cannot be dated in the future."), code="future")
    source = " ".join(source.split())
    if not source:
        raise field_error(
            "source", _("Say where the figure comes from (a report, a website…)."), code="required"
        )
    figure = OrganisationFigure(
        organisation=organisation,
        metric=metric,
        value=amount,
        as_of=as_of,
        source=source,
        source_url=validate_web_url("source_url", source_url),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    figure.full_clean()
    figure.save()
    _touch(organisation)
    audit_record(
        actor=actor,
        action="organisation_figure.record",
        target=figure,
        changes=snapshot(figure, ("metric", "value", "as_of", "source", "source_url")),
        organisation_id=organisation.pk,
    )
    return figure


CHILD = "child"  # accepted from people and ROR; stored as the child's PARENT edge


def _ancestor_ids(organisation_id: int) -> set[int]:
    """Every organisation above `organisation_id` in the parent hierarchy, one query per level."""
    found: set[int] = set()
    frontier = {organisation_id}
    while frontier:
        parents = set(
            OrganisationRelationship.objects.filter(
                kind=OrganisationRelationship.Kind.PARENT, subject_id__in=frontier
            ).values_list("object_id", flat=True)
        )
        frontier = parents - found
        found |= parents
    return found


@transaction.atomic
def organisation_relationship_add(
    *, actor: Any, organisation: Organisation, other: Organisation, kind: str
) -> OrganisationRelationship:
    """Link `organisation` to `other`: "organisation <kind> other", kind one of the relationship kinds or
    "child" (other is part of organisation), which is stored from the child's side as PARENT."""
    _check_can_curate(actor, organisation)
    if kind != CHILD and kind not in OrganisationRelationship.Kind.values:
        raise field_error("kind", _("Choose one of the offered relationships."), code="invalid_kind")
    if other.pk == organisation.pk:
        raise field_error("other", _("An organisation cannot be linked to itself."), code="self_link")
    if other.status == Organisation.Status.MERGED:
        raise field_error(
            "other",
            _("%(organisation)s was merged into another record; link to that one instead."),
            code="merged",
            params={"organisation": other.name},
        )
    subject, object_, stored_kind = organisation, other, kind
    if kind == CHILD:
        subject, object_, stored_kind = other, organisation, OrganisationRelationship.Kind.PARENT
    if stored_kind == OrganisationRelationship.Kind.PARENT:
        # Serialise hierarchy changes so two concurrent links cannot close a cycle between them.
        list(
            Organisation.objects.select_for_update().filter(pk__in=[subject.pk, object_.pk]).values_list("pk")
        )
        if object_.pk in _ancestor_ids(subject.pk):
            raise field_error(
                "other",
                _("%(child)s is already part of %(parent)s."),
                code="duplicate_relationship",
                params={"child": subject.name, "parent": object_.name},
            )
        if subject.pk in _ancestor_ids(object_.pk):
            raise field_error(
                "other",
                _("%(parent)s is itself part of %(child)s: the hierarchy would go round in a circle."),
                code="hierarchy_cycle",
                params={"child": subject.name, "parent": object_.name},
            )
    if OrganisationRelationship.objects.filter(subject=subject, object=object_, kind=stored_kind).exists():
        raise field_error("other", _("This link exists already."), code="duplicate_relationship")
    relationship = OrganisationRelationship.objects.create(subject=subject, object=object_, kind=stored_kind)
    _touch(subject)
    _touch(object_)
    audit_record(
        actor=actor,
        action="organisation_relationship.add",
        target=relationship,
        changes={"subject": subject.pk, "object": object_.pk, "kind": stored_kind},
        organisation_id=organisation.pk,
    )
    return relationship


@transaction.atomic
def organisation_relationship_remove(*, actor: Any, relationship: OrganisationRelationship) -> None:
    """Remove a link; whoever may change either of the two organisations may."""
    deny_unless(
        permissions_for(actor, relationship.subject).can_curate
        or permissions_for(actor, relationship.object).can_curate,
        _(
            "Only an admin of one of the two organisations, their network secretariat or a platform "
            "operator can remove this link."
        ),
    )
    audit_record(
        actor=actor,
        action="organisation_relationship.remove",
        target=relationship,
        changes={
            "subject": relationship.subject_id,
            "object": relationship.object_id,
            "kind": [relationship.kind, None],
        },
        organisation_id=relationship.subject_id,
    )
    relationship.delete()
    _touch(relationship.subject)
    _touch(relationship.object)
