"""The membership workflow: which statuses each action may start from (`TRANSITIONS`, which the
pages read too), and what every step shares: the secretariat check, the row lock, the history step
with its audit events, and the email. Anything outside the table is refused with a clear error.

    applied ─> under_review ─> approved ──(paid, and ratified where required)──> active
       │            │              │                                               │
       └────────────┴── rejected ──┴──> cancelled <── cancelled ── grace <── expiry ┘
                                                                     └──> expired (after the grace days)
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless
from directory.services import field_error
from networks.email_tasks import membership_email_send
from networks.models import MembershipStatusChange, NetworkMembership
from networks.selectors import is_secretariat_of

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


def _check_transition(membership: NetworkMembership, action: str) -> None:
    if membership.status not in TRANSITIONS[action]:
        raise field_error(
            "status",
            _("This cannot be done while the membership's status is “%(status)s”."),
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
    person = actor if actor is not None and actor.is_authenticated else None
    MembershipStatusChange.objects.create(
        membership=membership,
        from_status=from_status,
        to_status=membership.status,
        action=action,
        actor=person,
        actor_name=person.get_full_name() if person is not None else "",
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
    membership_id = membership.pk
    transaction.on_commit(
        lambda: membership_email_send.enqueue(membership_id=membership_id, message=message, note=note)
    )
