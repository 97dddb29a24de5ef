"""Applying for a membership and the secretariat's decisions on the application."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import snapshot
from core.permissions import deny_unless, is_platform_operator
from directory.models import Organisation
from directory.selectors import permissions_for
from directory.services import field_error
from networks.models import MembershipCategory, NetworkMembership
from networks.services.invoices import _invoice_issue
from networks.services.workflow import (
    MEMBERSHIP_AUDIT_FIELDS,
    TRANSITIONS,
    Status,
    _check_transition,
    _deny_unless_secretariat,
    _locked,
    _notify,
    _record,
)

# Applying


@transaction.atomic
def membership_apply(
    *,
    actor: Any,
    network: Organisation,
    member: Organisation,
    category: MembershipCategory | None = None,
    message: str = "",
    category_required: bool = True,
) -> NetworkMembership:
    """An organisation admin applies for `member`'s membership of `network` (status applied), in one of
    its categories when the network offers any (`category_required=False` only for the older callers
    that record a membership without one)."""
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
    if (
        category is None
        and category_required
        and MembershipCategory.objects.filter(network=network, active=True).exists()
    ):
        raise field_error(
            "category", _("Choose the category of membership you apply for."), code="category_required"
        )
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
    return membership_apply(actor=actor, network=network, member=member, category_required=False)


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
