"""Permission-aware reads of the directory: every view, endpoint and service asks through here.

Who may do what is summarised in docs/permissions.md; this module is where it is decided.
"""

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, moderated_organisation_ids
from directory.models import (
    INVITATION_SIGNING_SALT,
    Invitation,
    Organisation,
    OrganisationMembership,
    Role,
)


@dataclass(frozen=True)
class OrganisationPermissions:
    """What one person may do with one organisation."""

    role: str | None = None  # the person's own role there, if any
    can_view_members: bool = False
    can_edit: bool = False
    can_manage_members: bool = False
    can_moderate: bool = False


def permissions_for(user: Any, organisation: Organisation) -> OrganisationPermissions:
    if not (user.is_authenticated and user.is_active):
        return OrganisationPermissions()
    role = (
        OrganisationMembership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    can_moderate = is_platform_operator(user) or organisation.pk in moderated_organisation_ids(user)
    is_admin = role == Role.ADMIN
    return OrganisationPermissions(
        role=role,
        can_view_members=role is not None or can_moderate,
        can_edit=is_admin,
        can_manage_members=is_admin,
        can_moderate=can_moderate,
    )


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """Active organisations for every signed-in person; inactive ones only to their members, the
    secretariat that moderates them, and platform operators."""
    organisations = Organisation.objects.all()
    if not (user.is_authenticated and user.is_active):
        return organisations.none()
    if is_platform_operator(user):
        return organisations
    return organisations.filter(
        Q(status=Organisation.Status.ACTIVE)
        | Q(memberships__user=user)
        | Q(pk__in=moderated_organisation_ids(user))
    ).distinct()


def get_organisation_for_user(user: Any, pk: int) -> tuple[Organisation, OrganisationPermissions]:
    """The organisation if `user` may see it (else Http404), with what they may do with it."""
    organisation = organisations_visible_to(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    return organisation, permissions_for(user, organisation)


def memberships_of(user: Any) -> QuerySet[OrganisationMembership]:
    """The organisations `user` belongs to, each with their role, by organisation name."""
    if not user.is_authenticated:
        return OrganisationMembership.objects.none()
    return (
        OrganisationMembership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    )


def members_of(
    organisation: Organisation, viewer: Any, *, permissions: OrganisationPermissions | None = None
) -> QuerySet[OrganisationMembership]:
    """The people in `organisation`; PermissionDenied unless `viewer` belongs to it or moderates it."""
    permissions = permissions or permissions_for(viewer, organisation)
    if not permissions.can_view_members:
        raise PermissionDenied(
            str(_("Only the people of this organisation and its moderators see its members."))
        )
    return (
        OrganisationMembership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email", "id")
    )


def pending_invitations_of(
    organisation: Organisation, viewer: Any, *, permissions: OrganisationPermissions | None = None
) -> QuerySet[Invitation]:
    """Invitations still waiting for an answer; only the organisation's admins see them."""
    permissions = permissions or permissions_for(viewer, organisation)
    if not permissions.can_manage_members:
        raise PermissionDenied(str(_("Only an organisation admin manages its invitations.")))
    return Invitation.objects.filter(
        organisation=organisation, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def get_invitation_by_token(token: str) -> Invitation:
    """The invitation an emailed link points to (whatever its state), or Http404 for a forged link."""
    try:
        pk = signing.loads(token, salt=INVITATION_SIGNING_SALT)
    except signing.BadSignature as error:
        raise Http404(_("This invitation link is not valid.")) from error
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None:
        raise Http404(_("This invitation no longer exists."))
    return invitation
