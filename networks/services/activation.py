"""Activation: payment of the open invoice and ratification start (or extend) the term."""

import calendar
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, snapshot
from directory.services import field_error
from networks.models import NetworkMembership
from networks.selectors import network_settings_of
from networks.services.certificates import _certificate_issue
from networks.services.workflow import (
    MEMBERSHIP_AUDIT_FIELDS,
    Status,
    _check_transition,
    _deny_unless_secretariat,
    _locked,
    _notify,
    _record,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _activate_if_ready(*, actor: Any, membership: NetworkMembership, paid_on: datetime.date) -> bool:
    """Start (or extend) the term once the latest invoice is paid and, where required, ratified."""
    latest = membership.invoices.order_by("-issued_at", "-id").first()
    if latest is None or latest.paid_at is None:
        return False
    if (
        membership.status == Status.APPROVED
        and network_settings_of(membership.network).ratification_required
        and membership.ratified_at is None
    ):
        return False
    category = membership.category
    assert category is not None
    if membership.status in (Status.ACTIVE, Status.GRACE) and membership.valid_until is not None:
        # A renewal paid in time continues the term without a gap.
        starts = membership.valid_until + datetime.timedelta(days=1)
    else:
        starts = membership.valid_from = paid_on
    membership.valid_until = add_months(starts, category.term_months) - datetime.timedelta(days=1)
    membership.status = Status.ACTIVE
    membership.since = membership.since or paid_on
    membership.last_reminder_for = None
    membership.save(
        update_fields=["status", "valid_from", "valid_until", "since", "last_reminder_for", "updated_at"]
    )
    return True


def _check_payment(*, reference: str, paid_on: datetime.date | None) -> None:
    errors: dict[str, list[ValidationError]] = {}
    if not reference.strip():
        errors["reference"] = [
            ValidationError(
                _("Give the payment's reference (the bank transfer's or the receipt's)."), code="required"
            )
        ]
    if paid_on is None:
        errors["paid_on"] = [ValidationError(_("Give the day the payment was received."), code="required")]
    elif paid_on > timezone.localdate():
        errors["paid_on"] = [ValidationError(_("A payment cannot be received in the future."), code="future")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_payment_record(
    *, actor: Any, membership: NetworkMembership, reference: str, paid_on: datetime.date | None
) -> NetworkMembership:
    """Mark the open invoice paid; the membership becomes active and a signed certificate is issued.
    The payment's reference and the day it was received (not in the future) are required."""
    _deny_unless_secretariat(actor, membership)
    _check_payment(reference=reference, paid_on=paid_on)
    membership = _locked(membership)
    _check_transition(membership, "payment_record")
    invoice = (
        membership.invoices.select_for_update().filter(paid_at=None).order_by("-issued_at", "-id").first()
    )
    if invoice is None:
        raise field_error(
            "invoice", _("There is no unpaid invoice for this membership."), code="nothing_to_pay"
        )
    assert paid_on is not None  # _check_payment said so
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    invoice.paid_at = timezone.now()
    invoice.payment_reference = reference.strip()
    invoice.save(update_fields=["paid_at", "payment_reference", "updated_at"])
    audit_record(
        actor=actor,
        action="invoice.pay",
        target=invoice,
        changes={"paid_at": invoice.paid_at, "payment_reference": invoice.payment_reference},
        organisation_id=membership.network_id,
    )
    activated = _activate_if_ready(actor=actor, membership=membership, paid_on=paid_on)
    certificate = _certificate_issue(actor=actor, membership=membership) if activated else None
    _record(
        actor=actor,
        membership=membership,
        action="payment_record",
        before=before,
        from_status=from_status,
        note=str(_("Invoice %(number)s paid.")) % {"number": invoice.number},
        extra={"invoice": invoice.number, "certificate": certificate.number if certificate else None},
    )
    if certificate is not None:
        _notify(membership, "activated")
    return membership


@transaction.atomic
def membership_ratify(*, actor: Any, membership: NetworkMembership, note: str = "") -> NetworkMembership:
    """Confirm an approval where the network requires it (e.g. by its general assembly)."""
    _deny_unless_secretariat(actor, membership)
    membership = _locked(membership)
    _check_transition(membership, "ratify")
    if membership.ratified_at is not None:
        raise field_error("status", _("This approval has already been ratified."), code="already_ratified")
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.ratified_at = timezone.now()
    membership.save(update_fields=["ratified_at", "updated_at"])
    activated = _activate_if_ready(actor=actor, membership=membership, paid_on=timezone.localdate())
    certificate = _certificate_issue(actor=actor, membership=membership) if activated else None
    _record(
        actor=actor,
        membership=membership,
        action="ratify",
        before=before,
        from_status=from_status,
        note=note.strip(),
        extra={"certificate": certificate.number if certificate else None},
    )
    if certificate is not None:
        _notify(membership, "activated")
    return membership
