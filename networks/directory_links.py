"""Network memberships as the directory needs them: its network filter, an organisation's networks on
its page and in the API, and how memberships follow a merge of two records.

Registered with `directory.registry` at start-up (`networks.apps.NetworksConfig.ready`): the directory
stands below networks and never imports them.
"""

from django.db.models import Exists, OuterRef

from directory.models import Organisation
from directory.registry import MergeLog, NetworkLink
from networks.models import NetworkMembership


def network_members(network_id: int) -> Exists:
    return Exists(
        NetworkMembership.objects.filter(
            network_id=network_id,
            member_id=OuterRef("pk"),
            status__in=NetworkMembership.MODERATED_STATUSES,
        )
    )


def network_links(organisation: Organisation, *, pending_too: bool) -> list[NetworkLink]:
    memberships = NetworkMembership.objects.filter(member=organisation).select_related("network")
    if not pending_too:
        memberships = memberships.filter(status__in=NetworkMembership.MODERATED_STATUSES)
    return [
        NetworkLink(
            network_id=membership.network_id,
            network_name=membership.network.name,
            status=membership.status,
            status_label=membership.get_status_display(),
            since=membership.since,
        )
        for membership in memberships.order_by("network__name", "id")
    ]


# When both records belong to one network, the membership further along survives the merge.
NETWORK_STATUS_STRENGTH: dict[str, int] = {
    NetworkMembership.Status.CANCELLED: 0,
    NetworkMembership.Status.EXPIRED: 1,
    NetworkMembership.Status.APPLIED: 2,
    NetworkMembership.Status.UNDER_REVIEW: 3,
    NetworkMembership.Status.APPROVED: 4,
    NetworkMembership.Status.GRACE: 5,
    NetworkMembership.Status.ACTIVE: 6,
}
MERGED_RELATIONS = {(NetworkMembership, "member"), (NetworkMembership, "network")}


def merge_network_links(survivor: Organisation, duplicate: Organisation, log: MergeLog) -> None:
    """Move the duplicate's memberships (as member and as network) to the survivor, keeping the more
    advanced one where both have one with the same counterpart."""
    label = NetworkMembership._meta.label_lower
    for side, other_side in (("member", "network"), ("network", "member")):
        for link in NetworkMembership.objects.filter(**{side: duplicate}):
            other_id = getattr(link, f"{other_side}_id")
            if other_id == survivor.pk:
                link.delete()  # the survivor would be a member of itself
                log.drop(label)
                continue
            kept = NetworkMembership.objects.filter(**{side: survivor, other_side + "_id": other_id}).first()
            if kept is None:
                setattr(link, side, survivor)
                link.save(update_fields=[side, "updated_at"])
                log.move(label)
                continue
            if NETWORK_STATUS_STRENGTH[link.status] > NETWORK_STATUS_STRENGTH[kept.status]:
                # The duplicate's link is the more advanced one: it moves, and the survivor's goes.
                kept.delete()
                setattr(link, side, survivor)
                link.save(update_fields=[side, "updated_at"])
                log.move(label)
            else:
                link.delete()
            log.drop(label)
