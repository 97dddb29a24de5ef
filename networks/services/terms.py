"""A membership's term: renewal, cancellation, the daily expiry sweep, and direct corrections."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import snapshot
from core.permissions import deny_unless
from directory.services import field_error
from networks.models import Invoice, NetworkMembership, NetworkSettings
from networks.selectors import membership_access_for
from networks.services.certificates import _revoke_current_certificates
from networks.services.invoices import _invoice_issue
from networks.services.workflow import (
    MEMBERSHIP_AUDIT_FIELDS,
    Status,
    _check_transition,
    _deny_unless_secretariat,
    _locked,
    _notify,
    _record,
)


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
