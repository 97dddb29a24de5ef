"""Every write to network memberships: checked, atomic, on the membership's history and in the audit
trail. The workflow is a state machine (`TRANSITIONS`); anything else is refused with a clear error.

    applied ─> under_review ─> approved ──(paid, and ratified where required)──> active
       │            │              │                                               │
       └────────────┴── rejected ──┴──> cancelled <── cancelled ── grace <── expiry ┘
                                                                     └──> expired (after the grace days)
"""

import calendar
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pycountry
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless, is_platform_operator
from directory.models import Organisation
from directory.selectors import permissions_for
from directory.services import field_error
from networks import signing
from networks.models import (
    Certificate,
    Invoice,
    MembershipCategory,
    MembershipStatusChange,
    NetworkMembership,
    NetworkSettings,
    NumberSequence,
)
from networks.selectors import is_secretariat_of, membership_access_for, network_settings_of

Status = NetworkMembership.Status

# Which statuses each action may start from.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "apply": (Status.CANCELLED, Status.EXPIRED),
    "review_start": (Status.APPLIED,),
    "request_information": (Status.APPLIED, Status.UNDER_REVIEW),
    "approve": (Status.APPLIED, Status.UNDER_REVIEW),
    "reject": (Status.APPLIED, Status.UNDER_REVIEW, Status.APPROVED),
    "ratify": (Status.APPROVED,),
    "payment_record": (Status.APPROVED, Status.ACTIVE, Status.GRACE, Status.EXPIRED),
    "cancel": (Status.APPLIED, Status.UNDER_REVIEW, Status.APPROVED, Status.ACTIVE, Status.GRACE),
    "renew": (Status.ACTIVE, Status.GRACE, Status.EXPIRED),
}

MEMBERSHIP_AUDIT_FIELDS = ("status", "category_id", "valid_from", "valid_until", "since", "decision_reason")
ISO_CURRENCY_LENGTH = 3
CATEGORY_AUDIT_FIELDS = ("name", "description", "annual_fee", "currency", "term_months", "active")
MAX_TERM_MONTHS = 120
INVOICE_PREFIX_PATTERN = re.compile(r"[A-Z0-9]*")


def _check_transition(membership: NetworkMembership, action: str) -> None:
    if membership.status not in TRANSITIONS[action]:
        raise field_error(
            "status",
            _("This cannot be done while the membership is %(status)s."),
            code="invalid_transition",
            params={"status": membership.get_status_display()},
        )


def _deny_unless_secretariat(actor: Any, membership: NetworkMembership) -> None:
    deny_unless(
        is_secretariat_of(actor, membership.network_id),
        _("Only the network secretariat can change memberships of the network."),
    )


def _locked(membership: NetworkMembership) -> NetworkMembership:
    return (
        NetworkMembership.objects.select_for_update(of=("self",))
        .select_related("member", "network", "category")
        .get(pk=membership.pk)
    )


def _record(
    *,
    actor: Any,
    membership: NetworkMembership,
    action: str,
    before: dict[str, Any],
    from_status: str,
    note: str = "",
    extra: dict[str, Any] | None = None,
) -> None:
    """Write the history step and the audit events (one for the network, one for the member)."""
    MembershipStatusChange.objects.create(
        membership=membership,
        from_status=from_status,
        to_status=membership.status,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
    )
    changes: dict[str, Any] = dict(changes_between(before, snapshot(membership, MEMBERSHIP_AUDIT_FIELDS)))
    if note:
        changes["note"] = note
    changes.update(extra or {})
    for organisation_id in (membership.network_id, membership.member_id):
        audit_record(
            actor=actor,
            action=f"network_membership.{action}",
            target=membership,
            changes=changes,
            organisation_id=organisation_id,
        )


def _notify(membership: NetworkMembership, message: str, note: str = "") -> None:
    from networks.tasks import membership_email_send

    membership_id = membership.pk
    transaction.on_commit(
        lambda: membership_email_send.enqueue(membership_id=membership_id, message=message, note=note)
    )


def _next_number(scope: str, year: int) -> int:
    """The next number in `scope` for `year`, safe under concurrency: the sequence row is locked."""
    NumberSequence.objects.get_or_create(scope=scope, year=year)
    sequence = NumberSequence.objects.select_for_update().get(scope=scope, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def invoice_prefix_for(network: Organisation) -> str:
    configured = network_settings_of(network).invoice_prefix.strip().upper()
    if configured:
        return configured
    name = network.name
    if "(" in name and name.rstrip().endswith(")"):
        acronym = name[name.rindex("(") + 1 : -1].strip()
        if acronym.isalnum():
            return acronym.upper()[:12]
    initials = "".join(word[0] for word in name.split() if word[:1].isalpha())
    return (initials or "NET").upper()[:12]


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fee_for(category: MembershipCategory) -> Decimal:
    fee = category.annual_fee * Decimal(category.term_months) / Decimal(12)
    return fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _invoice_issue(*, actor: Any, membership: NetworkMembership, description: str) -> Invoice:
    category = membership.category
    assert category is not None
    now = timezone.now()
    prefix = invoice_prefix_for(membership.network)
    number = _next_number(f"invoice:{membership.network_id}", now.year)
    invoice = Invoice.objects.create(
        membership=membership,
        number=f"{prefix}-{now.year}-{number:04d}",
        amount=_fee_for(category),
        currency=category.currency,
        description=description,
        issued_at=now,
        due_on=timezone.localdate(now) + datetime.timedelta(days=settings.INVOICE_DUE_DAYS),
    )
    audit_record(
        actor=actor,
        action="invoice.issue",
        target=invoice,
        changes={"number": invoice.number, "amount": invoice.amount, "currency": invoice.currency},
        organisation_id=membership.network_id,
    )
    return invoice


def certificate_payload(
    *, number: str, membership: NetworkMembership, issued_at: datetime.datetime
) -> dict[str, Any]:
    """Exactly what a certificate's signature covers."""
    assert membership.valid_from is not None and membership.valid_until is not None
    return {
        "number": number,
        "member": membership.member.name,
        "member_id": membership.member_id,
        "network": membership.network.name,
        "network_id": membership.network_id,
        "category": membership.category.name if membership.category else "",
        "valid_from": membership.valid_from.isoformat(),
        "valid_until": membership.valid_until.isoformat(),
        "issued_at": issued_at.replace(microsecond=0).isoformat(),
    }


def _certificate_issue(*, actor: Any, membership: NetworkMembership) -> Certificate:
    issued_at = timezone.now().replace(microsecond=0)
    number = f"PLC-{issued_at.year}-{_next_number('certificate', issued_at.year):06d}"
    payload = certificate_payload(number=number, membership=membership, issued_at=issued_at)
    assert membership.valid_from is not None and membership.valid_until is not None
    certificate = Certificate.objects.create(
        membership=membership,
        number=number,
        languages=list(network_settings_of(membership.network).certificate_languages or ["en"]),
        issued_at=issued_at,
        valid_from=membership.valid_from,
        valid_until=membership.valid_until,
        payload=payload,
        signature=signing.sign(payload),
    )
    for organisation_id in (membership.network_id, membership.member_id):
        audit_record(
            actor=actor,
            action="certificate.issue",
            target=certificate,
            changes={"number": number, "valid_until": certificate.valid_until},
            organisation_id=organisation_id,
        )
    return certificate


def _revoke_current_certificates(*, actor: Any, membership: NetworkMembership, reason: StrOrPromise) -> None:
    for certificate in membership.certificates.filter(revoked_at=None):
        _certificate_revoke(actor=actor, certificate=certificate, reason=str(reason))


# Applying


@transaction.atomic
def membership_apply(
    *,
    actor: Any,
    network: Organisation,
    member: Organisation,
    category: MembershipCategory | None = None,
    message: str = "",
) -> NetworkMembership:
    """An organisation admin applies for `member`'s membership of `network` (status applied)."""
    deny_unless(
        is_platform_operator(actor) or permissions_for(actor, member).can_manage_members,
        _("Only an admin of the organisation, or a ParkLink operator, can apply for a network membership."),
    )
    if not network.is_network:
        raise field_error("network", _("Only a network can have members."), code="not_a_network")
    if network.status != Organisation.Status.ACTIVE:
        raise field_error("network", _("This network is not taking applications."), code="network_inactive")
    if network.pk == member.pk:
        raise field_error("member", _("A network cannot be a member of itself."), code="self_membership")
    if category is not None and (category.network_id != network.pk or not category.active):
        raise field_error("category", _("Choose one of the network's categories."), code="invalid_category")
    existing = NetworkMembership.objects.select_for_update().filter(network=network, member=member).first()
    if existing is not None and existing.status not in TRANSITIONS["apply"]:
        raise field_error(
            "member", _("This organisation already has a membership of the network."), code="duplicate"
        )
    membership = existing or NetworkMembership(network=network, member=member)
    before = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS) if existing else {}
    from_status = existing.status if existing else ""
    membership.status = Status.APPLIED
    membership.category = category
    membership.application_message = message.strip()
    membership.decision_reason = ""
    membership.ratified_at = None
    membership.applied_by = actor if actor.is_authenticated else None
    membership.save()
    _record(
        actor=actor,
        membership=membership,
        action="apply",
        before=before,
        from_status=from_status,
        note=membership.application_message,
    )
    return membership


def network_membership_create(
    *, actor: Any, network: Organisation, member: Organisation
) -> NetworkMembership:
    """Kept for existing callers: an application without a category or message."""
    return membership_apply(actor=actor, network=network, member=member)


# The secretariat's decisions


@transaction.atomic
def membership_review_start(*, actor: Any, membership: NetworkMembership) -> NetworkMembership:
    _deny_unless_secretariat(actor, membership)
    membership = _locked(membership)
    _check_transition(membership, "review_start")
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.status = Status.UNDER_REVIEW
    membership.save(update_fields=["status", "updated_at"])
    _record(actor=actor, membership=membership, action="review_start", before=before, from_status=from_status)
    return membership


@transaction.atomic
def membership_request_information(
    *, actor: Any, membership: NetworkMembership, note: str
) -> NetworkMembership:
    """Ask the applicant for more; the application stays under review and the applicant is emailed."""
    _deny_unless_secretariat(actor, membership)
    if not note.strip():
        raise field_error("note", _("Say what information you need."), code="required")
    membership = _locked(membership)
    _check_transition(membership, "request_information")
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.status = Status.UNDER_REVIEW
    membership.save(update_fields=["status", "updated_at"])
    _record(
        actor=actor,
        membership=membership,
        action="request_information",
        before=before,
        from_status=from_status,
        note=note.strip(),
    )
    _notify(membership, "information_requested", note.strip())
    return membership


@transaction.atomic
def membership_approve(
    *, actor: Any, membership: NetworkMembership, category: MembershipCategory, note: str = ""
) -> NetworkMembership:
    """Approve with a category and issue the numbered invoice. Payment (and ratification, where the
    network requires it) then makes the membership active."""
    _deny_unless_secretariat(actor, membership)
    membership = _locked(membership)
    _check_transition(membership, "approve")
    if category.network_id != membership.network_id or not category.active:
        raise field_error("category", _("Choose one of the network's categories."), code="invalid_category")
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.status = Status.APPROVED
    membership.category = category
    membership.decision_reason = note.strip()
    membership.ratified_at = None
    membership.save(update_fields=["status", "category", "decision_reason", "ratified_at", "updated_at"])
    invoice = _invoice_issue(
        actor=actor,
        membership=membership,
        description=str(_("Membership fee: %(category)s")) % {"category": category.name},
    )
    _record(
        actor=actor,
        membership=membership,
        action="approve",
        before=before,
        from_status=from_status,
        note=note.strip(),
        extra={"invoice": invoice.number},
    )
    _notify(membership, "approved")
    return membership


@transaction.atomic
def membership_reject(*, actor: Any, membership: NetworkMembership, reason: str) -> NetworkMembership:
    """Turn the application down with a reason (the membership ends cancelled); the applicant is emailed."""
    _deny_unless_secretariat(actor, membership)
    if not reason.strip():
        raise field_error("reason", _("Give the applicant a reason."), code="required")
    membership = _locked(membership)
    _check_transition(membership, "reject")
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.status = Status.CANCELLED
    membership.decision_reason = reason.strip()
    membership.save(update_fields=["status", "decision_reason", "updated_at"])
    _record(
        actor=actor,
        membership=membership,
        action="reject",
        before=before,
        from_status=from_status,
        note=reason,
    )
    _notify(membership, "rejected", reason.strip())
    return membership


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


@transaction.atomic
def membership_payment_record(
    *, actor: Any, membership: NetworkMembership, reference: str = "", paid_on: datetime.date | None = None
) -> NetworkMembership:
    """Mark the open invoice paid; the membership becomes active and a signed certificate is issued."""
    _deny_unless_secretariat(actor, membership)
    membership = _locked(membership)
    _check_transition(membership, "payment_record")
    invoice = (
        membership.invoices.select_for_update().filter(paid_at=None).order_by("-issued_at", "-id").first()
    )
    if invoice is None:
        raise field_error(
            "invoice", _("There is no unpaid invoice for this membership."), code="nothing_to_pay"
        )
    paid_on = paid_on or timezone.localdate()
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


@transaction.atomic
def membership_cancel(*, actor: Any, membership: NetworkMembership, reason: str = "") -> NetworkMembership:
    """End a membership or withdraw an application (the secretariat, or an admin of the member);
    its certificates are revoked."""
    access = membership_access_for(actor, membership)
    deny_unless(
        access.is_secretariat or access.is_member_admin,
        _("Only the network secretariat or an admin of the member can cancel this membership."),
    )
    membership = _locked(membership)
    _check_transition(membership, "cancel")
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.status = Status.CANCELLED
    membership.decision_reason = reason.strip()
    membership.save(update_fields=["status", "decision_reason", "updated_at"])
    _revoke_current_certificates(
        actor=actor, membership=membership, reason=reason.strip() or _("The membership was cancelled.")
    )
    _record(
        actor=actor,
        membership=membership,
        action="cancel",
        before=before,
        from_status=from_status,
        note=reason,
    )
    _notify(membership, "cancelled", reason.strip())
    return membership


@transaction.atomic
def membership_renew(*, actor: Any, membership: NetworkMembership) -> Invoice:
    """Issue the renewal invoice (the secretariat, or an admin of the member); paying it extends the term."""
    access = membership_access_for(actor, membership)
    deny_unless(
        access.is_secretariat or access.is_member_admin,
        _("Only the network secretariat or an admin of the member can renew this membership."),
    )
    membership = _locked(membership)
    _check_transition(membership, "renew")
    if membership.category is None or not membership.category.active:
        raise field_error(
            "category",
            _("The membership's category is no longer offered; ask the secretariat."),
            code="invalid_category",
        )
    if membership.invoices.filter(paid_at=None).exists():
        raise field_error(
            "invoice", _("A renewal invoice is already waiting for payment."), code="invoice_open"
        )
    before = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS)
    invoice = _invoice_issue(
        actor=actor,
        membership=membership,
        description=str(_("Membership renewal: %(category)s")) % {"category": membership.category.name},
    )
    _record(
        actor=actor,
        membership=membership,
        action="renew",
        before=before,
        from_status=membership.status,
        extra={"invoice": invoice.number},
    )
    return invoice


@transaction.atomic
def network_membership_set_status(
    *, actor: Any, network_membership: NetworkMembership, status: str
) -> NetworkMembership:
    """Set a status directly, outside the workflow (the network's secretariat or an operator): for
    memberships that predate ParkLink or corrections."""
    _deny_unless_secretariat(actor, network_membership)
    if status not in Status.values:
        raise field_error("status", _("Choose one of the offered statuses."), code="invalid_status")
    membership = _locked(network_membership)
    before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
    membership.status = status
    if status == Status.ACTIVE and membership.since is None:
        membership.since = timezone.localdate()
    membership.save(update_fields=["status", "since", "updated_at"])
    _record(actor=actor, membership=membership, action="set_status", before=before, from_status=from_status)
    network_membership.status, network_membership.since = membership.status, membership.since
    return membership


# Certificates


def _certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    membership = certificate.membership
    for organisation_id in (membership.network_id, membership.member_id):
        audit_record(
            actor=actor,
            action="certificate.revoke",
            target=certificate,
            changes={"revoked_at": certificate.revoked_at, "revocation_reason": reason},
            organisation_id=organisation_id,
        )
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """The secretariat withdraws a certificate, with a reason shown to whoever verifies it."""
    _deny_unless_secretariat(actor, certificate.membership)
    if not reason.strip():
        raise field_error("reason", _("Give a reason for the revocation."), code="required")
    certificate = Certificate.objects.select_for_update().select_related("membership").get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise field_error("reason", _("This certificate has already been revoked."), code="already_revoked")
    return _certificate_revoke(actor=actor, certificate=certificate, reason=reason.strip())


# Network settings and categories


@transaction.atomic
def network_settings_update(
    *,
    actor: Any,
    network: Organisation,
    certificate_languages: list[str],
    ratification_required: bool,
    grace_days: int,
    reminder_days_before_expiry: int,
    certificate_title: str = "",
    invoice_prefix: str = "",
) -> NetworkSettings:
    """How the network runs its memberships; applies to the next approval, certificate and reminder."""
    deny_unless(
        is_secretariat_of(actor, network.pk), _("Only the network secretariat can change its settings.")
    )
    if not network.is_network:
        raise field_error("network", _("Only a network can have members."), code="not_a_network")
    known = {code for code, _name in settings.LANGUAGES}
    if not certificate_languages or any(code not in known for code in certificate_languages):
        raise field_error(
            "certificate_languages",
            _("Choose one or more of the interface languages."),
            code="invalid_language",
        )
    if len(set(certificate_languages)) != len(certificate_languages):
        raise field_error(
            "certificate_languages", _("Choose each language only once."), code="duplicate_language"
        )
    for field, days in (
        ("grace_days", grace_days),
        ("reminder_days_before_expiry", reminder_days_before_expiry),
    ):
        if days < 0:
            raise field_error(field, _("Give a number of days, zero or more."), code="invalid_days")
    if not INVOICE_PREFIX_PATTERN.fullmatch(invoice_prefix.strip().upper()):
        raise field_error(
            "invoice_prefix",
            _("Use only the letters A to Z and digits, e.g. IASP."),
            code="invalid_prefix",
        )
    network_settings, _created = NetworkSettings.objects.select_for_update().get_or_create(network=network)
    fields = [
        "certificate_languages",
        "ratification_required",
        "grace_days",
        "reminder_days_before_expiry",
        "certificate_title",
        "invoice_prefix",
    ]
    before = snapshot(network_settings, fields)
    network_settings.certificate_languages = list(certificate_languages)
    network_settings.ratification_required = ratification_required
    network_settings.grace_days = grace_days
    network_settings.reminder_days_before_expiry = reminder_days_before_expiry
    network_settings.certificate_title = certificate_title.strip()
    network_settings.invoice_prefix = invoice_prefix.strip().upper()
    network_settings.full_clean()
    network_settings.save()
    audit_record(
        actor=actor,
        action="network_settings.update",
        target=network_settings,
        changes=changes_between(before, snapshot(network_settings, fields)),
        organisation_id=network.pk,
    )
    return network_settings


def _deny_unless_category_manager(actor: Any, network_id: int) -> None:
    deny_unless(
        is_secretariat_of(actor, network_id),
        _("Only the network secretariat can define membership categories."),
    )


def _clean_currency(currency: str) -> str:
    code = currency.strip().upper()
    if len(code) != ISO_CURRENCY_LENGTH or pycountry.currencies.get(alpha_3=code) is None:
        raise field_error("currency", _("Give an ISO 4217 currency code, e.g. EUR."), code="invalid_currency")
    return code


CENT = Decimal("0.01")


def _clean_category_terms(*, annual_fee: Decimal, term_months: int) -> Decimal:
    """Check the fee and term; the fee comes back to the cent, so 1500 and 1500.00 are the same fee."""
    if not annual_fee.is_finite() or annual_fee < 0:
        raise field_error("annual_fee", _("Give an annual fee of zero or more."), code="invalid_fee")
    if annual_fee != annual_fee.quantize(CENT, rounding=ROUND_HALF_UP):
        raise field_error("annual_fee", _("Give the fee to the cent at most."), code="invalid_fee")
    if not 1 <= term_months <= MAX_TERM_MONTHS:
        raise field_error(
            "term_months",
            _("Give a term between 1 and %(max)s months."),
            code="invalid_term",
            params={"max": MAX_TERM_MONTHS},
        )
    return annual_fee.quantize(CENT)


def _check_category_name_free(*, network_id: int, name: str, exclude_pk: int | None = None) -> None:
    if not name:
        raise field_error("name", _("Give the category a name."), code="required")
    taken = MembershipCategory.objects.filter(network_id=network_id, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise field_error("name", _("The network already has a category with this name."), code="duplicate")


@transaction.atomic
def membership_category_create(
    *,
    actor: Any,
    network: Organisation,
    name: str,
    annual_fee: Decimal,
    currency: str,
    term_months: int = 12,
    description: str = "",
) -> MembershipCategory:
    """The secretariat offers a new kind of membership, with its annual fee and term."""
    _deny_unless_category_manager(actor, network.pk)
    if not network.is_network:
        raise field_error("network", _("Only a network can have members."), code="not_a_network")
    currency = _clean_currency(currency)
    annual_fee = _clean_category_terms(annual_fee=annual_fee, term_months=term_months)
    _check_category_name_free(network_id=network.pk, name=name.strip())
    category = MembershipCategory(
        network=network,
        name=name.strip(),
        annual_fee=annual_fee,
        currency=currency,
        term_months=term_months,
        description=description.strip(),
    )
    category.full_clean()
    category.save()
    audit_record(
        actor=actor,
        action="membership_category.create",
        target=category,
        changes=snapshot(category, CATEGORY_AUDIT_FIELDS),
        organisation_id=network.pk,
    )
    return category


@transaction.atomic
def membership_category_update(
    *,
    actor: Any,
    category: MembershipCategory,
    name: str,
    annual_fee: Decimal,
    currency: str,
    term_months: int,
    description: str = "",
) -> MembershipCategory:
    """Change a category. Invoices already issued keep their amount; the new fee and term apply from
    the next approval or renewal."""
    _deny_unless_category_manager(actor, category.network_id)
    category = MembershipCategory.objects.select_for_update().get(pk=category.pk)
    currency = _clean_currency(currency)
    annual_fee = _clean_category_terms(annual_fee=annual_fee, term_months=term_months)
    _check_category_name_free(network_id=category.network_id, name=name.strip(), exclude_pk=category.pk)
    before = snapshot(category, CATEGORY_AUDIT_FIELDS)
    category.name = name.strip()
    category.description = description.strip()
    category.annual_fee = annual_fee
    category.currency = currency
    category.term_months = term_months
    category.full_clean()
    category.save(
        update_fields=["name", "description", "annual_fee", "currency", "term_months", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="membership_category.update",
        target=category,
        changes=changes_between(before, snapshot(category, CATEGORY_AUDIT_FIELDS)),
        organisation_id=category.network_id,
    )
    return category


@transaction.atomic
def membership_category_deactivate(*, actor: Any, category: MembershipCategory) -> MembershipCategory:
    """Stop offering a category. It is never deleted: memberships and invoices keep pointing at it, and
    it stays on their history; it is no longer offered to applicants nor used for approvals or renewals."""
    _deny_unless_category_manager(actor, category.network_id)
    category = MembershipCategory.objects.select_for_update().get(pk=category.pk)
    if not category.active:
        raise field_error("active", _("This category is already no longer offered."), code="already_inactive")
    before = snapshot(category, CATEGORY_AUDIT_FIELDS)
    category.active = False
    category.save(update_fields=["active", "updated_at"])
    audit_record(
        actor=actor,
        action="membership_category.deactivate",
        target=category,
        changes={
            **changes_between(before, snapshot(category, CATEGORY_AUDIT_FIELDS)),
            "memberships": category.memberships.count(),
        },
        organisation_id=category.network_id,
    )
    return category


# The periodic sweep


@transaction.atomic
def membership_expiry_sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """Move lapsed memberships to grace and then expired, and email renewal reminders; run daily by
    `manage.py send_membership_reminders`. Safe to run any number of times a day."""
    today = today or timezone.localdate()
    counts = {"grace": 0, "expired": 0, "reminded": 0}
    memberships = (
        NetworkMembership.objects.select_for_update(of=("self",))
        .filter(status__in=NetworkMembership.MODERATED_STATUSES, valid_until__isnull=False)
        .select_related("network", "member", "category")
    )
    settings_by_network = {item.network_id: item for item in NetworkSettings.objects.all()}
    for membership in memberships:
        network_settings = settings_by_network.get(membership.network_id) or NetworkSettings()
        assert membership.valid_until is not None
        before, from_status = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS), membership.status
        grace_ends = membership.valid_until + datetime.timedelta(days=network_settings.grace_days)
        if today > grace_ends:
            membership.status = Status.EXPIRED
            counts["expired"] += 1
        elif today > membership.valid_until and membership.status == Status.ACTIVE:
            membership.status = Status.GRACE
            counts["grace"] += 1
        elif (
            membership.status == Status.ACTIVE
            and (membership.valid_until - today).days <= network_settings.reminder_days_before_expiry
            and membership.last_reminder_for != membership.valid_until
        ):
            membership.last_reminder_for = membership.valid_until
            membership.save(update_fields=["last_reminder_for", "updated_at"])
            _notify(membership, "renewal_reminder")
            counts["reminded"] += 1
            continue
        else:
            continue
        membership.save(update_fields=["status", "updated_at"])
        _record(actor=None, membership=membership, action="expiry", before=before, from_status=from_status)
        _notify(membership, membership.status)
    return counts
