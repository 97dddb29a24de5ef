"""Calls for applications: their dates and eligibility, the form they ask applicants to fill, their
evaluation criteria, and opening and closing."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless
from directory.models import Organisation
from directory.services import field_error
from exchanges.models import Call, CallField, CareerStage, Criterion, Programme
from exchanges.services.access import _deny_unless_manager
from exchanges.services.programmes import _choices, _countries

MAX_FORM_FIELDS = 30


MAX_CRITERIA = 15


CALL_FIELDS = (
    "title",
    "description",
    "opens_on",
    "closes_on",
    "mobility_year",
    "blind_review",
    "same_country_conflict",
    "reviews_per_application",
)


def _call_apply(call: Call, *, values: Mapping[str, Any]) -> None:
    if values["opens_on"] > values["closes_on"]:
        raise field_error("closes_on", _("The call must close after it opens."), code="date_order")
    for name in CALL_FIELDS:
        setattr(call, name, values[name])
    call.eligible_countries = _countries(values["eligible_countries"], "eligible_countries")
    call.eligible_organisation_kinds = _choices(
        values["eligible_organisation_kinds"], Organisation.Kind.values, "eligible_organisation_kinds"
    )
    call.eligible_career_stages = _choices(
        values["eligible_career_stages"], CareerStage.values, "eligible_career_stages"
    )
    call.full_clean(exclude=["programme", "created_by"])
    call.save()


@transaction.atomic
def call_create(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    mobility_year: int,
    description: str = "",
    eligible_countries: Sequence[str] = (),
    eligible_organisation_kinds: Sequence[str] = (),
    eligible_career_stages: Sequence[str] = (),
    blind_review: bool = False,
    same_country_conflict: bool = False,
    reviews_per_application: int = 2,
) -> Call:
    _deny_unless_manager(actor, programme)
    deny_unless(programme.status == Programme.Status.ACTIVE, _("The programme is closed."))
    call = Call(programme=programme, created_by=actor)
    _call_apply(call, values=locals())
    audit_record(
        actor=actor, action="exchanges.call.create", target=call, organisation_id=programme.network_id
    )
    return call


@transaction.atomic
def call_update(
    *,
    actor: Any,
    call: Call,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    mobility_year: int,
    description: str,
    eligible_countries: Sequence[str],
    eligible_organisation_kinds: Sequence[str],
    eligible_career_stages: Sequence[str],
    blind_review: bool,
    same_country_conflict: bool,
    reviews_per_application: int,
) -> Call:
    _deny_unless_manager(actor, call.programme)
    if call.status != Call.Status.DRAFT and blind_review != call.blind_review:
        raise field_error(
            "blind_review", _("Blind review cannot change once the call is open."), code="blind_locked"
        )
    _call_apply(call, values=locals())
    audit_record(
        actor=actor, action="exchanges.call.update", target=call, organisation_id=call.programme.network_id
    )
    return call


def _deny_unless_form_editable(actor: Any, call: Call) -> None:
    _deny_unless_manager(actor, call.programme)
    if call.applications.exists():
        raise ValidationError(
            _("The form and criteria cannot change once someone has applied."), code="form_locked"
        )


@transaction.atomic
def call_field_add(
    *,
    actor: Any,
    call: Call,
    label: str,
    kind: str,
    choices: Sequence[str] = (),
    required: bool = True,
    help_text: str = "",
) -> CallField:
    _deny_unless_form_editable(actor, call)
    if call.fields.count() >= MAX_FORM_FIELDS:
        raise ValidationError(
            _("A form has at most %(n)s questions."), code="too_many", params={"n": MAX_FORM_FIELDS}
        )
    cleaned_choices = [choice.strip() for choice in choices if choice.strip()]
    if kind == CallField.Kind.CHOICE and len(cleaned_choices) < 2:
        raise field_error("choices", _("A choice needs at least two options, one a line."), code="choices")
    if kind != CallField.Kind.CHOICE:
        cleaned_choices = []
    position = (call.fields.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    call_field = CallField(
        call=call,
        label=label.strip(),
        kind=kind,
        choices=cleaned_choices,
        required=required,
        help_text=help_text,
        position=position,
    )
    call_field.full_clean()
    call_field.save()
    audit_record(
        actor=actor,
        action="exchanges.call.field_add",
        target=call,
        changes={"field": label},
        organisation_id=call.programme.network_id,
    )
    return call_field


@transaction.atomic
def call_field_remove(*, actor: Any, call_field: CallField) -> None:
    _deny_unless_form_editable(actor, call_field.call)
    audit_record(
        actor=actor,
        action="exchanges.call.field_remove",
        target=call_field.call,
        changes={"field": call_field.label},
        organisation_id=call_field.call.programme.network_id,
    )
    call_field.delete()


@transaction.atomic
def criterion_add(*, actor: Any, call: Call, name: str, weight: int, description: str = "") -> Criterion:
    _deny_unless_form_editable(actor, call)
    if call.criteria.count() >= MAX_CRITERIA:
        raise ValidationError(
            _("A call has at most %(n)s criteria."), code="too_many", params={"n": MAX_CRITERIA}
        )
    position = (call.criteria.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    criterion = Criterion(
        call=call, name=name.strip(), weight=weight, description=description, position=position
    )
    criterion.full_clean()
    criterion.save()
    audit_record(
        actor=actor,
        action="exchanges.call.criterion_add",
        target=call,
        changes={"criterion": name, "weight": weight},
        organisation_id=call.programme.network_id,
    )
    return criterion


@transaction.atomic
def criterion_remove(*, actor: Any, criterion: Criterion) -> None:
    _deny_unless_form_editable(actor, criterion.call)
    audit_record(
        actor=actor,
        action="exchanges.call.criterion_remove",
        target=criterion.call,
        changes={"criterion": criterion.name},
        organisation_id=criterion.call.programme.network_id,
    )
    criterion.delete()


@transaction.atomic
def call_open(*, actor: Any, call: Call) -> Call:
    _deny_unless_manager(actor, call.programme)
    if call.status == Call.Status.OPEN:
        raise ValidationError(_("The call is already open."), code="invalid_transition")
    if not call.criteria.exists():
        raise ValidationError(
            _("Add at least one evaluation criterion before opening the call."), code="no_criteria"
        )
    if call.closes_on < timezone.localdate():
        raise field_error("closes_on", _("The call's closing date has passed; move it first."), code="closed")
    call.status = Call.Status.OPEN
    call.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="exchanges.call.open", target=call, organisation_id=call.programme.network_id
    )
    return call


@transaction.atomic
def call_close(*, actor: Any, call: Call) -> Call:
    _deny_unless_manager(actor, call.programme)
    if call.status != Call.Status.OPEN:
        raise ValidationError(_("Only an open call can be closed."), code="invalid_transition")
    call.status = Call.Status.CLOSED
    call.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="exchanges.call.close", target=call, organisation_id=call.programme.network_id
    )
    return call
