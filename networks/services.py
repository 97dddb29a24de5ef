"""Every write to network memberships: checked, atomic and recorded in the audit trail."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless, is_platform_operator
from directory.models import Organisation, Role
from directory.selectors import permissions_for
from directory.services import field_error
from networks.models import NetworkMembership


@transaction.atomic
def network_membership_create(
    *, actor: Any, network: Organisation, member: Organisation
) -> NetworkMembership:
    """Record that `member` applies to `network`; the secretariat then moves it through its statuses."""
    deny_unless(
        is_platform_operator(actor) or permissions_for(actor, member).can_manage_members,
        _("Only an admin of the organisation, or a ParkLink operator, can apply for a network membership."),
    )
    if not network.is_network:
        raise field_error("network", _("Only a network can have members."), code="not_a_network")
    if network.pk == member.pk:
        raise field_error("member", _("A network cannot be a member of itself."), code="self_membership")
    if NetworkMembership.objects.filter(network=network, member=member).exists():
        raise field_error(
            "member", _("This organisation already has a membership of the network."), code="duplicate"
        )
    network_membership = NetworkMembership.objects.create(
        network=network, member=member, status=NetworkMembership.Status.APPLIED
    )
    for organisation_id in (network.pk, member.pk):
        audit_record(
            actor=actor,
            action="network_membership.create",
            target=network_membership,
            changes={"network": network.pk, "member": member.pk, "status": network_membership.status},
            organisation_id=organisation_id,
        )
    return network_membership


@transaction.atomic
def network_membership_set_status(
    *, actor: Any, network_membership: NetworkMembership, status: str
) -> NetworkMembership:
    """Move an organisation's network membership to `status` (the network's secretariat or an operator)."""
    deny_unless(
        is_platform_operator(actor)
        or permissions_for(actor, network_membership.network).role == Role.SECRETARIAT,
        _("Only the network secretariat can change memberships of the network."),
    )
    if status not in NetworkMembership.Status.values:
        raise field_error("status", _("Choose one of the offered statuses."), code="invalid_status")
    before = snapshot(network_membership, ["status", "since"])
    network_membership.status = status
    if status == NetworkMembership.Status.ACTIVE and network_membership.since is None:
        network_membership.since = timezone.localdate()
    network_membership.save(update_fields=["status", "since", "updated_at"])
    changes = changes_between(before, snapshot(network_membership, ["status", "since"]))
    for organisation_id in (network_membership.network_id, network_membership.member_id):
        audit_record(
            actor=actor,
            action="network_membership.set_status",
            target=network_membership,
            changes=changes,
            organisation_id=organisation_id,
        )
    return network_membership
