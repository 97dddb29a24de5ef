"""The directory's API endpoints: the same selectors and services as the pages, so the same permissions."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from accounts.api_auth import api_user
from directory import services
from directory.models import Invitation, Organisation, OrganisationMembership, Role
from directory.selectors import get_organisation_for_user, members_of, memberships_of

router = Router(tags=["directory"])


class MyOrganisationOut(Schema):
    id: int = Field(..., alias="organisation.id")
    name: str = Field(..., alias="organisation.name")
    kind: Organisation.Kind = Field(..., alias="organisation.kind")
    country: str = Field(..., alias="organisation.country")
    role: Role
    membership_id: int = Field(..., alias="id")


class PermissionsOut(Schema):
    can_view_members: bool
    can_edit: bool
    can_manage_members: bool
    can_moderate: bool


class OrganisationOut(Schema):
    id: int
    name: str
    kind: Organisation.Kind
    country: str
    city: str
    website: str
    description: str
    status: Organisation.Status
    sectors: list[str]
    my_role: Role | None
    permissions: PermissionsOut


class MemberOut(Schema):
    id: int
    user_id: int
    email: str = Field(..., alias="user.email")
    full_name: str = Field(..., alias="user.full_name")
    role: Role
    joined_at: datetime.datetime = Field(..., alias="created_at")


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)  # checked by the service, like the page's input
    role: Role = Role.MEMBER


class InvitationOut(Schema):
    id: int
    email: str
    role: Role
    state: Invitation.State
    expires_at: datetime.datetime


class MembershipPatchIn(Schema):
    role: Role


@router.get("/me/organisations", response=list[MyOrganisationOut])
@paginate
def my_organisations(request: HttpRequest) -> QuerySet[OrganisationMembership]:
    """The organisations you belong to, with your role in each."""
    return memberships_of(api_user(request))


@router.get("/organisations/{organisation_id}", response=OrganisationOut)
def organisation_detail(request: HttpRequest, organisation_id: int) -> dict[str, object]:
    organisation, permissions = get_organisation_for_user(api_user(request), organisation_id)
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "country": organisation.country,
        "city": organisation.city,
        "website": organisation.website,
        "description": organisation.description,
        "status": organisation.status,
        "sectors": [sector.code for sector in organisation.sectors.all()],
        "my_role": permissions.role,
        "permissions": permissions,
    }


@router.get("/organisations/{organisation_id}/members", response=list[MemberOut])
@paginate
def organisation_members(request: HttpRequest, organisation_id: int) -> QuerySet[OrganisationMembership]:
    """The people in an organisation; for its own people and its moderators only."""
    organisation, permissions = get_organisation_for_user(api_user(request), organisation_id)
    return members_of(organisation, api_user(request), permissions=permissions)


@router.post("/organisations/{organisation_id}/invitations", response={201: InvitationOut})
def invitation_send(request: HttpRequest, organisation_id: int, payload: InvitationIn) -> Status[Invitation]:
    """Invite someone by email (organisation admins only); they receive a link to accept."""
    organisation, _permissions = get_organisation_for_user(api_user(request), organisation_id)
    invitation = services.invitation_send(
        actor=api_user(request), organisation=organisation, email=payload.email, role=payload.role
    )
    return Status(201, invitation)


def _membership(request: HttpRequest, organisation_id: int, membership_id: int) -> OrganisationMembership:
    organisation, permissions = get_organisation_for_user(api_user(request), organisation_id)
    return get_object_or_404(
        members_of(organisation, api_user(request), permissions=permissions), pk=membership_id
    )


@router.patch("/organisations/{organisation_id}/members/{membership_id}", response=MemberOut)
def membership_change_role(
    request: HttpRequest, organisation_id: int, membership_id: int, payload: MembershipPatchIn
) -> OrganisationMembership:
    """Change a person's role (organisation admins only)."""
    membership = _membership(request, organisation_id, membership_id)
    return services.membership_change_role(actor=api_user(request), membership=membership, role=payload.role)


@router.delete("/organisations/{organisation_id}/members/{membership_id}", response={204: None})
def membership_remove(request: HttpRequest, organisation_id: int, membership_id: int) -> Status[None]:
    """Remove a person (organisation admins, the network secretariat, or the person themselves)."""
    membership = _membership(request, organisation_id, membership_id)
    services.membership_remove(actor=api_user(request), membership=membership)
    return Status(204, None)
