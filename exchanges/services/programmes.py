"""Exchange programmes: created and changed by the secretariat of their network."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.models import Sector
from core.permissions import deny_unless
from core.taxonomies import is_country_code
from directory.models import Organisation
from directory.services import field_error
from exchanges.models import ParticipantType, Programme
from exchanges.services.access import _deny_unless_manager, _signed_in
from hubs.models import Agreement
from hubs.selectors import agreements_visible_to


def _countries(values: Iterable[str], field: str) -> list[str]:
    codes = sorted({value.strip().upper() for value in values if value.strip()})
    unknown = [code for code in codes if not is_country_code(code)]
    if unknown:
        raise field_error(
            field,
            _("%(codes)s: not ISO 3166 country codes."),
            code="invalid_country",
            params={"codes": ", ".join(unknown)},
        )
    return codes


def _choices(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    chosen = sorted(set(values))
    allowed_set = set(allowed)
    if any(value not in allowed_set for value in chosen):
        raise field_error(field, _("Choose among the values offered."), code="invalid_choice")
    return chosen


PROGRAMME_FIELDS = (
    "title",
    "description",
    "mobilities_per_year",
    "duration_unit",
    "min_duration",
    "max_duration",
    "language",
    "language_level",
    "participant_types",
    "direction",
    "sending_countries",
    "host_countries",
)


def _programme_agreement_check(actor: Any, agreement: Agreement | None) -> None:
    """A programme may carry out only a signed agreement its creator can see."""
    if agreement is None:
        return
    if not agreements_visible_to(actor).filter(pk=agreement.pk).exists():
        raise field_error("agreement", _("No such agreement."), code="unknown_agreement")
    if agreement.status != Agreement.Status.SIGNED:
        raise field_error(
            "agreement",
            _("Only an agreement that is signed and in effect can carry an exchange programme."),
            code="agreement_not_in_effect",
        )


def _programme_apply(
    programme: Programme, *, values: Mapping[str, Any], subject_areas: Sequence[Sector] | None
) -> None:
    if not str(values["title"]).strip():
        raise field_error("title", _("Give the programme a title."), code="required")
    if values["min_duration"] > values["max_duration"]:
        raise field_error(
            "max_duration",
            _("The longest stay must not be shorter than the shortest."),
            code="duration_order",
        )
    participant_types = _choices(values["participant_types"], ParticipantType.values, "participant_types")
    if not participant_types:
        raise field_error("participant_types", _("Say who may go."), code="required")
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, values[name])
    programme.agreement = values.get("agreement")
    programme.participant_types = participant_types
    programme.sending_countries = _countries(values["sending_countries"], "sending_countries")
    programme.host_countries = _countries(values["host_countries"], "host_countries")
    programme.full_clean(exclude=["network", "created_by"])
    programme.save()
    if subject_areas is not None:
        programme.subject_areas.set(subject_areas)


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    network: Organisation,
    title: str,
    mobilities_per_year: int,
    min_duration: int,
    max_duration: int,
    participant_types: Sequence[str],
    duration_unit: str = Programme.DurationUnit.MONTHS,
    description: str = "",
    subject_areas: Sequence[Sector] = (),
    language: str = "",
    language_level: str = "",
    direction: str = Programme.Direction.BOTH_WAYS,
    sending_countries: Sequence[str] = (),
    host_countries: Sequence[str] = (),
    agreement: Agreement | None = None,
) -> Programme:
    deny_unless(network.is_network, _("A programme belongs to a network."))
    _programme_agreement_check(actor, agreement)
    programme = Programme(network=network, created_by=actor if _signed_in(actor) else None)
    _deny_unless_manager(actor, programme)
    _programme_apply(programme, values=locals(), subject_areas=subject_areas)
    audit_record(
        actor=actor, action="exchanges.programme.create", target=programme, organisation_id=network.pk
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    mobilities_per_year: int,
    min_duration: int,
    max_duration: int,
    participant_types: Sequence[str],
    duration_unit: str,
    description: str,
    subject_areas: Sequence[Sector],
    language: str,
    language_level: str,
    direction: str,
    sending_countries: Sequence[str],
    host_countries: Sequence[str],
    agreement: Agreement | None = None,
) -> Programme:
    _deny_unless_manager(actor, programme)
    if agreement is not None and agreement.pk != programme.agreement_id:
        _programme_agreement_check(actor, agreement)
    values = dict(locals())
    before = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
    _programme_apply(programme, values=values, subject_areas=subject_areas)
    changes = {
        name: [before[name], getattr(programme, name)]
        for name in PROGRAMME_FIELDS
        if before[name] != getattr(programme, name)
    }
    audit_record(
        actor=actor,
        action="exchanges.programme.update",
        target=programme,
        changes=changes,
        organisation_id=programme.network_id,
    )
    return programme
