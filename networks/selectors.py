from typing import Any

from directory.models import Organisation, OrganisationMembership, Role
from networks.models import NetworkMembership


def moderated_organisation_ids(user: Any) -> set[int]:
    """Organisations `user` moderates as network secretariat: each such network, plus every organisation
    with an ACTIVE or GRACE membership in it while the network itself is active.

    Platform operators reach everything through `core.permissions.is_platform_operator`, not through here.
    """
    if not (user.is_authenticated and user.is_active):
        return set()
    network_ids = set(
        OrganisationMembership.objects.filter(
            user=user, role=Role.SECRETARIAT, organisation__kind=Organisation.Kind.NETWORK
        ).values_list("organisation_id", flat=True)
    )
    if not network_ids:
        return set()
    member_ids = NetworkMembership.objects.filter(
        network_id__in=network_ids,
        network__status=Organisation.Status.ACTIVE,
        status__in=NetworkMembership.MODERATED_STATUSES,
    ).values_list("member_id", flat=True)
    return network_ids | set(member_ids)
