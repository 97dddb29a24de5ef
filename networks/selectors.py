"""Permission-aware reads of networks, memberships, invoices and certificates.

Pages and the API ask through here, so both see the same things; services ask the same questions
(`is_secretariat_of`, `membership_access_for`) before they write.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, is_signed_in
from directory.models import Organisation, Role
from directory.selectors import (
    admin_organisation_ids,
    member_organisation_ids,
    organisation_role,
    organisations_visible_to,
)
from networks.models import (
    Certificate,
    Invoice,
    MembershipCategory,
    MembershipStatusChange,
    NetworkMembership,
    NetworkSettings,
)

OPEN_APPLICATION_STATUSES = (
    NetworkMembership.Status.APPLIED,
    NetworkMembership.Status.UNDER_REVIEW,
    NetworkMembership.Status.APPROVED,
)


def moderated_organisation_ids(user: Any) -> set[int]:
    """Organisations `user` moderates as network secretariat: each such network, plus every organisation
    with an ACTIVE or GRACE membership in it while the network itself is active.

    Platform operators reach everything through `core.permissions.is_platform_operator`, not through here.
    """
    if not is_signed_in(user):
        return set()
    network_ids = secretariat_network_ids(user)
    if not network_ids:
        return set()
    member_ids = NetworkMembership.objects.filter(
        network_id__in=network_ids,
        network__status=Organisation.Status.ACTIVE,
        status__in=NetworkMembership.MODERATED_STATUSES,
    ).values_list("member_id", flat=True)
    return network_ids | set(member_ids)


def secretariat_network_ids(user: Any) -> set[int]:
    """The networks whose secretariat `user` belongs to (a dashboard asks seven times)."""
    return member_organisation_ids(user, role=Role.SECRETARIAT, kind=Organisation.Kind.NETWORK)


def is_secretariat_of(user: Any, network_id: int) -> bool:
    """May `user` run this network's memberships: its secretariat, or a platform operator."""
    return is_platform_operator(user) or network_id in secretariat_network_ids(user)


# Networks


def networks_visible_to(user: Any) -> QuerySet[Organisation]:
    return organisations_visible_to(user).filter(kind=Organisation.Kind.NETWORK).order_by("name", "id")


@dataclass(frozen=True)
class NetworkAccess:
    is_secretariat: bool = False
    # Organisations of which the viewer is an admin and that could apply to this network.
    can_apply_for: tuple[int, ...] = ()


def get_network_for_user(user: Any, pk: int) -> tuple[Organisation, NetworkAccess]:
    network = networks_visible_to(user).filter(pk=pk).first()
    if network is None:
        raise Http404(_("No such network."))
    admin_of = sorted(admin_organisation_ids(user) - {network.pk})
    return network, NetworkAccess(
        is_secretariat=is_secretariat_of(user, network.pk), can_apply_for=tuple(admin_of)
    )


def network_settings_of(network: Organisation) -> NetworkSettings:
    """The network's settings, or unsaved defaults when the secretariat has not set any."""
    found = NetworkSettings.objects.filter(network=network).first()
    return found or NetworkSettings(network=network)


def categories_of(network: Organisation, *, include_inactive: bool = False) -> QuerySet[MembershipCategory]:
    categories = MembershipCategory.objects.filter(network=network)
    return categories if include_inactive else categories.filter(active=True)


def memberships_of_network(network: Organisation, viewer: Any) -> QuerySet[NetworkMembership]:
    """The secretariat and operators see every membership; everyone else the active (and grace) ones,
    plus those of their own organisations."""
    memberships = NetworkMembership.objects.filter(network=network).select_related("member", "category")
    if is_secretariat_of(viewer, network.pk):
        return memberships.order_by("member__name", "id")
    own = member_organisation_ids(viewer)
    return memberships.filter(
        Q(status__in=NetworkMembership.MODERATED_STATUSES) | Q(member_id__in=own)
    ).order_by("member__name", "id")


def network_memberships_of_my_organisations(user: Any) -> QuerySet[NetworkMembership]:
    """Every network membership (whatever its status) of the organisations `user` belongs to."""
    return (
        NetworkMembership.objects.filter(member_id__in=member_organisation_ids(user))
        .select_related("member", "network", "category")
        .order_by("network__name", "member__name", "id")
    )


def memberships_of_applicants(
    network: Organisation, member_ids: tuple[int, ...]
) -> QuerySet[NetworkMembership]:
    """The memberships of this network held by the organisations the viewer could apply for."""
    return (
        NetworkMembership.objects.filter(network=network, member_id__in=member_ids)
        .select_related("member", "category")
        .order_by("member__name", "id")
    )


def free_to_apply(network: Organisation, member_ids: tuple[int, ...]) -> tuple[int, ...]:
    """Those of `member_ids` that may apply now: no membership of the network, or one cancelled or expired
    (the statuses from which the workflow lets an organisation apply again)."""
    taken = set(
        NetworkMembership.objects.filter(network=network, member_id__in=member_ids)
        .exclude(status__in=(NetworkMembership.Status.CANCELLED, NetworkMembership.Status.EXPIRED))
        .values_list("member_id", flat=True)
    )
    return tuple(member_id for member_id in member_ids if member_id not in taken)


def open_invoice_of(membership: NetworkMembership) -> Any:
    """The invoice a payment would settle: the latest unpaid one, or None."""
    return membership.invoices.filter(paid_at=None).order_by("-issued_at", "-id").first()


def application_queue(viewer: Any) -> QuerySet[NetworkMembership]:
    """Open applications (applied, under review, approved) in the networks `viewer` runs."""
    memberships = NetworkMembership.objects.filter(status__in=OPEN_APPLICATION_STATUSES).select_related(
        "member", "network", "category", "applied_by"
    )
    if not is_platform_operator(viewer):
        memberships = memberships.filter(network_id__in=secretariat_network_ids(viewer))
    return memberships.order_by("created_at", "id")


# One membership


@dataclass(frozen=True)
class MembershipAccess:
    is_secretariat: bool = False
    is_member_person: bool = False  # anyone in the member organisation
    is_member_admin: bool = False
    is_operator: bool = False

    @property
    def can_download_invoices(self) -> bool:
        return self.is_secretariat or self.is_member_person or self.is_operator

    @property
    def can_download_certificates(self) -> bool:
        return self.can_download_invoices


def membership_access_for(user: Any, membership: NetworkMembership) -> MembershipAccess:
    member_role = organisation_role(user, membership.member_id)
    return MembershipAccess(
        is_secretariat=is_secretariat_of(user, membership.network_id),
        is_member_person=member_role is not None,
        is_member_admin=member_role == Role.ADMIN,
        is_operator=is_platform_operator(user),
    )


def get_membership_for_user(user: Any, pk: int) -> tuple[NetworkMembership, MembershipAccess]:
    """A membership with its history, for its organisation's people, its secretariat and operators
    (Http404 for everyone else, who learn nothing about applications)."""
    membership = (
        NetworkMembership.objects.select_related("member", "network", "category", "applied_by")
        .filter(pk=pk)
        .first()
    )
    if membership is None or not is_signed_in(user):
        raise Http404(_("No such membership."))
    access = membership_access_for(user, membership)
    if not (access.is_secretariat or access.is_member_person or access.is_operator):
        raise Http404(_("No such membership."))
    return membership, access


def history_of(membership: NetworkMembership) -> QuerySet[MembershipStatusChange]:
    return membership.history.select_related("actor").order_by("at", "id")


def invoices_of(membership: NetworkMembership) -> QuerySet[Invoice]:
    return membership.invoices.order_by("-issued_at", "-id")


def certificates_of(membership: NetworkMembership) -> QuerySet[Certificate]:
    return membership.certificates.order_by("-issued_at", "-id")


def get_invoice_for_user(user: Any, number: str) -> Invoice:
    invoice = (
        Invoice.objects.select_related("membership__member", "membership__network", "membership__category")
        .filter(number=number)
        .first()
    )
    if invoice is None or not is_signed_in(user):
        raise Http404(_("No such invoice."))
    if not membership_access_for(user, invoice.membership).can_download_invoices:
        raise Http404(_("No such invoice."))
    return invoice


def get_certificate_for_download(user: Any, number: str) -> Certificate:
    """The certificate PDF is for the member's people, its secretariat and operators; anyone may
    verify a number (`get_certificate_by_number`)."""
    certificate = get_certificate_by_number(number)
    if certificate is None or not is_signed_in(user):
        raise Http404(_("No such certificate."))
    if not membership_access_for(user, certificate.membership).can_download_certificates:
        raise Http404(_("No such certificate."))
    return certificate


def get_certificate_by_number(number: str) -> Certificate | None:
    """Public: what the verification page and endpoint look up."""
    return (
        Certificate.objects.select_related(
            "membership__member", "membership__network", "membership__category"
        )
        .filter(number=number.strip().upper())
        .first()
    )
