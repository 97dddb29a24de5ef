"""The directory's API endpoints: the same selectors and services as the pages, so the same permissions."""

import datetime
import decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import OPTIONAL_TOKEN, api_caller, api_user
from core.api_contract import inline_choices
from core.models import Sector
from directory import services
from directory.identity import contact_person_for
from directory.models import (
    ContactVisibility,
    ExternalIdentifier,
    Invitation,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.picker import organisations_pick
from directory.search_ranking import KeptRanking
from directory.selectors import (
    INVERSE_RELATIONSHIP_LABELS,
    OrganisationPermissions,
    RelationshipLink,
    get_organisation_for_user,
    members_of,
    memberships_of,
    organisation_profile,
    organisations_search_results,
    relationships_of,
)

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
ExternalIdentifierScheme = Annotated[ExternalIdentifier.Scheme, inline_choices(ExternalIdentifier.Scheme)]
InvitationState = Annotated[Invitation.State, inline_choices(Invitation.State)]
OrganisationFigureMetric = Annotated[OrganisationFigure.Metric, inline_choices(OrganisationFigure.Metric)]
OrganisationKind = Annotated[Organisation.Kind, inline_choices(Organisation.Kind)]
OrganisationNameKind = Annotated[OrganisationName.Kind, inline_choices(OrganisationName.Kind)]
RelationshipKind = Annotated[OrganisationRelationship.Kind, inline_choices(OrganisationRelationship.Kind)]
ContactVisibilityChoice = Annotated[ContactVisibility, inline_choices(ContactVisibility)]
OrganisationStatus = Annotated[Organisation.Status, inline_choices(Organisation.Status)]

router = Router(tags=["directory"])


class MyOrganisationOut(Schema):
    id: int = Field(..., alias="organisation.id")
    name: str = Field(..., alias="organisation.name")
    kind: OrganisationKind = Field(..., alias="organisation.kind")
    country: str = Field(..., alias="organisation.country")
    role: Role
    membership_id: int = Field(..., alias="id")


class OrganisationPermissionsOut(Schema):
    can_view_members: bool
    can_edit: bool
    can_manage_members: bool
    can_moderate: bool


class NameOut(Schema):
    id: int
    value: str
    language: str
    kind: OrganisationNameKind


class ExternalIdOut(Schema):
    id: int
    scheme: ExternalIdentifierScheme
    value: str
    preferred: bool


class OrganisationListItemOut(Schema):
    id: int
    name: str
    kind: OrganisationKind
    country: str
    city: str
    names: list[NameOut]
    external_ids: list[ExternalIdOut]


class OrganisationPickOut(Schema):
    id: int
    name: str
    matched_name: str = Field(description="The name or alias `q` matched, when not the display name.")
    country: str
    city: str


class FigureOut(Schema):
    id: int
    value: decimal.Decimal
    as_of: datetime.date
    source: str
    source_url: str


class FigureSeriesOut(Schema):
    metric: OrganisationFigureMetric
    label: str
    current: FigureOut
    history: list[FigureOut]


class RelationshipOut(Schema):
    """A direct link, read "subject <kind> object"; `label` reads it from the organisation asked about."""

    id: int
    kind: RelationshipKind
    subject_id: int
    object_id: int
    label: str
    other_id: int
    other_name: str


class OrganisationNetworkMembershipOut(Schema):
    network_id: int
    network_name: str
    status: str
    since: datetime.date | None


class ContactPersonOut(Schema):
    name: str
    role: str
    email: str
    phone: str
    visibility: ContactVisibilityChoice


class OrganisationOut(Schema):
    id: int
    name: str
    name_language: str
    kind: OrganisationKind
    country: str
    region: str
    city: str
    time_zone: str = Field(
        description="IANA zone, e.g. Asia/Tehran; its new events take it. Empty when unknown."
    )
    latitude: float | None
    longitude: float | None
    founded_year: int | None
    founded_on: datetime.date | None
    website: str
    email: str | None = Field(
        description="The contact email; null without a token (contacts are not public)."
    )
    phone: str | None = Field(
        description="The contact phone; null without a token (contacts are not public)."
    )
    description: str
    description_language: str
    status: OrganisationStatus
    merged_into_id: int | None
    sectors: list[str]
    names: list[NameOut]
    external_ids: list[ExternalIdOut]
    figures: list[FigureSeriesOut]
    relationships: list[RelationshipOut]
    network_memberships: list[OrganisationNetworkMembershipOut]
    logo_url: str | None = Field(description="The logo image's address; null when there is none.")
    contact: ContactPersonOut | None = Field(
        description="The contact person; null when there is none or it is hidden from the caller."
    )
    my_role: Role | None
    permissions: OrganisationPermissionsOut


class OrganisationIn(Schema):
    name: str = Field(..., max_length=300)
    kind: OrganisationKind
    country: str = Field(..., max_length=2)
    name_language: str = Field("", max_length=8)
    region: str = Field("", max_length=120)
    city: str = Field("", max_length=120)
    time_zone: str = Field("", max_length=64, description="An IANA zone name such as Asia/Tehran.")
    latitude: float | None = None
    longitude: float | None = None
    founded_year: int | None = None
    founded_on: datetime.date | None = None
    website: str = Field("", max_length=500)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    description: str = Field("", max_length=10000)
    description_language: str = Field("", max_length=8)
    sectors: list[Annotated[str, Field(max_length=100)]] = []


class OrganisationPatchIn(Schema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, max_length=300)
    kind: OrganisationKind | None = None
    country: str | None = Field(None, max_length=2)
    name_language: str | None = Field(None, max_length=8)
    region: str | None = Field(None, max_length=120)
    city: str | None = Field(None, max_length=120)
    time_zone: str | None = Field(None, max_length=64, description="An IANA zone name such as Asia/Tehran.")
    latitude: float | None = None
    longitude: float | None = None
    founded_year: int | None = None
    founded_on: datetime.date | None = None
    website: str | None = Field(None, max_length=500)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=50)
    description: str | None = Field(None, max_length=10000)
    description_language: str | None = Field(None, max_length=8)
    sectors: list[Annotated[str, Field(max_length=100)]] | None = None
    contact_name: str | None = Field(None, max_length=200)
    contact_role: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=50)
    contact_visibility: ContactVisibilityChoice | None = None


class NameIn(Schema):
    value: str = Field(..., max_length=300)
    language: str = Field("", max_length=8)
    kind: Literal["label", "alias", "acronym"] = "label"


class ExternalIdIn(Schema):
    scheme: ExternalIdentifierScheme
    value: str = Field(..., max_length=200)
    preferred: bool = False


class FigureIn(Schema):
    metric: OrganisationFigureMetric
    value: decimal.Decimal = Field(..., max_digits=18, decimal_places=2)
    as_of: datetime.date
    source: str = Field(..., max_length=300)
    source_url: str = Field("", max_length=500)


class RelationshipIn(Schema):
    """ "child" links the other organisation as part of this one (stored as its parent link)."""

    kind: Literal["parent", "child", "related", "successor", "predecessor"]
    other_id: int


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
    state: InvitationState
    expires_at: datetime.datetime


class MembershipPatchIn(Schema):
    role: Role


@router.get("/me/organisations", response=list[MyOrganisationOut])
@paginate
def my_organisations(request: HttpRequest) -> QuerySet[OrganisationMembership]:
    """The organisations you belong to, with your role in each."""
    return memberships_of(api_user(request))


@router.get("/organisations", response=list[OrganisationListItemOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def organisation_list(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    kind: OrganisationKind | None = None,
    country: str = Query("", max_length=2),
    network: int | None = None,
    sector: str = Query("", max_length=100),
    sort: Literal["relevance", "name", "-founded", "country", "-updated"] = "relevance",
) -> QuerySet[Organisation] | KeptRanking:
    """The directory: `q` matches any name, the city or the kind, in any script (or its Latin
    transliteration). `relevance` (the default) puts exact name or acronym matches first, then names
    that begin with `q`, then word matches, then the rest, ties by name, and lists the best 1,000
    matches (other sorts list every match); without `q` it sorts by name.
    Public: without a token it lists what the directory page shows an anonymous visitor."""
    return organisations_search_results(
        api_caller(request), q=q, kind=kind or "", country=country, network=network, sector=sector, sort=sort
    ).prefetch_related("names", "external_ids")


@router.get("/organisations/pick", response=list[OrganisationPickOut])
def organisation_pick(
    request: HttpRequest,
    purpose: str = Query(..., max_length=100),
    q: str = Query("", max_length=200),
    country: str = Query("", max_length=2),
) -> list[dict[str, object]]:
    """What the pages' organisation picker offers: up to 20 organisations you may choose for a form
    field's `purpose` (`marketplace.visible_to`, `hubs`, `exchanges.host`) whose names or aliases match
    `q` in any script, exact and prefix matches first; `country` narrows. At least two characters, or
    one Chinese, Japanese or Korean one; 403 without the role the form needs."""
    options = organisations_pick(api_user(request), purpose=purpose, q=q, countries=[country])
    return [vars(option) for option in options]


def _relationship_out(link: RelationshipLink) -> dict[str, object]:
    relationship = link.relationship
    return {
        "id": relationship.pk,
        "kind": relationship.kind,
        "subject_id": relationship.subject_id,
        "object_id": relationship.object_id,
        "label": link.label,
        "other_id": link.other.pk,
        "other_name": link.other.name,
    }


def _logo_url(organisation: Organisation) -> str | None:
    return reverse("directory:organisation_logo", args=[organisation.pk]) if organisation.logo else None


def _organisation_out(
    user: Any, organisation: Organisation, permissions: OrganisationPermissions
) -> dict[str, object]:
    profile = organisation_profile(user, organisation, permissions)
    return {
        **{field: getattr(organisation, field) for field in services.ORGANISATION_FIELDS},
        # Contacts stay protected: an anonymous caller gets null, as the page shows it none.
        **({} if permissions.can_view_contacts else {"email": None, "phone": None}),
        "id": organisation.pk,
        "status": organisation.status,
        "merged_into_id": organisation.merged_into_id,
        "time_zone": organisation.time_zone,
        "sectors": [sector.code for sector in profile.sectors],
        "names": profile.names,
        "external_ids": profile.external_ids,
        "figures": [
            {
                "metric": series.metric,
                "label": series.label,
                "current": series.current,
                "history": series.history,
            }
            for series in profile.figures
        ],
        "relationships": [_relationship_out(link) for link in profile.links],
        "network_memberships": [
            {
                "network_id": membership.network_id,
                "network_name": membership.network_name,
                "status": membership.status,
                "since": membership.since,
            }
            for membership in profile.network_memberships
        ],
        "logo_url": _logo_url(organisation),
        "contact": contact_person_for(user, organisation, permissions),
        "my_role": permissions.role,
        "permissions": permissions,
    }


def _sectors(codes: list[str]) -> list[Sector]:
    sectors = list(Sector.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {sector.code for sector in sectors})
    if unknown:
        raise ValidationError(
            {"sectors": _("Unknown sector codes: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return sectors


@router.get("/organisations/{organisation_id}", response=OrganisationOut, auth=OPTIONAL_TOKEN)
def organisation_detail(request: HttpRequest, organisation_id: int) -> dict[str, object]:
    """One organisation in full: names, identifiers, figures with their history, links, memberships.
    Public as its page is; without a token the contact email and phone are null."""
    viewer = api_caller(request)
    organisation, permissions = get_organisation_for_user(viewer, organisation_id)
    return _organisation_out(viewer, organisation, permissions)


@router.post("/organisations", response={201: OrganisationOut})
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Status[dict[str, object]]:
    """Create an organisation; you become its admin."""
    user = api_user(request)
    data = payload.dict()
    data["sectors"] = _sectors(data["sectors"])
    organisation = services.organisation_create(creator=user, **data)
    _organisation, permissions = get_organisation_for_user(user, organisation.pk)
    return Status(201, _organisation_out(user, organisation, permissions))


@router.patch("/organisations/{organisation_id}", response=OrganisationOut)
def organisation_update(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatchIn
) -> dict[str, object]:
    """Change an organisation's profile (its admins only); only the fields sent change."""
    user = api_user(request)
    organisation, _permissions = get_organisation_for_user(user, organisation_id)
    data = payload.dict(exclude_unset=True)
    if "sectors" in data:
        data["sectors"] = _sectors(data["sectors"] or [])
    for field in ("name", "kind", "country", "contact_visibility"):
        if field in data and data[field] is None:
            raise ValidationError({field: _("This field cannot be empty.")})
    for field in services.TEXT_FIELDS | {"description"}:
        if field in data and data[field] is None:
            data[field] = ""
    organisation = services.organisation_update(actor=user, organisation=organisation, **data)
    organisation, permissions = get_organisation_for_user(user, organisation.pk)
    return _organisation_out(user, organisation, permissions)


@router.get(
    "/organisations/{organisation_id}/relationships", response=list[RelationshipOut], auth=OPTIONAL_TOKEN
)
def organisation_relationships(request: HttpRequest, organisation_id: int) -> list[dict[str, object]]:
    """The organisation's direct links with organisations you may see; public, as on its page."""
    user = api_caller(request)
    organisation, permissions = get_organisation_for_user(user, organisation_id)
    return [_relationship_out(link) for link in organisation_profile(user, organisation, permissions).links]


@router.post("/organisations/{organisation_id}/relationships", response={201: RelationshipOut})
def organisation_relationship_add(
    request: HttpRequest, organisation_id: int, payload: RelationshipIn
) -> Status[dict[str, object]]:
    """Link the organisation to another: parent (it is part of the other), child, related, successor,
    predecessor. A link that would make the hierarchy go round in a circle is refused (422)."""
    user = api_user(request)
    organisation, _permissions = get_organisation_for_user(user, organisation_id)
    other, _other_permissions = get_organisation_for_user(user, payload.other_id)
    relationship = services.organisation_relationship_add(
        actor=user, organisation=organisation, other=other, kind=payload.kind
    )
    outgoing = relationship.subject_id == organisation.pk
    kind = OrganisationRelationship.Kind(relationship.kind)
    label = kind.label if outgoing else INVERSE_RELATIONSHIP_LABELS[kind]
    return Status(201, _relationship_out(RelationshipLink(relationship, str(label), other)))


@router.delete("/organisations/{organisation_id}/relationships/{relationship_id}", response={204: None})
def organisation_relationship_remove(
    request: HttpRequest, organisation_id: int, relationship_id: int
) -> Status[None]:
    user = api_user(request)
    organisation, _permissions = get_organisation_for_user(user, organisation_id)
    relationship = get_object_or_404(relationships_of(organisation), pk=relationship_id)
    services.organisation_relationship_remove(actor=user, relationship=relationship)
    return Status(204, None)


@router.post("/organisations/{organisation_id}/names", response={201: NameOut})
def organisation_name_add(
    request: HttpRequest, organisation_id: int, payload: NameIn
) -> Status[OrganisationName]:
    """Add a label (a name in another language), an alias or an acronym."""
    user = api_user(request)
    organisation, _permissions = get_organisation_for_user(user, organisation_id)
    name = services.organisation_name_add(actor=user, organisation=organisation, **payload.dict())
    return Status(201, name)


@router.post("/organisations/{organisation_id}/figures", response={201: FigureOut})
def organisation_figure_record(
    request: HttpRequest, organisation_id: int, payload: FigureIn
) -> Status[OrganisationFigure]:
    """Record a dated, sourced value of a figure; earlier values are kept as its history."""
    user = api_user(request)
    organisation, _permissions = get_organisation_for_user(user, organisation_id)
    figure = services.organisation_figure_record(actor=user, organisation=organisation, **payload.dict())
    return Status(201, figure)


@router.post("/organisations/{organisation_id}/external-ids", response={201: ExternalIdOut})
def external_identifier_set(
    request: HttpRequest, organisation_id: int, payload: ExternalIdIn
) -> Status[ExternalIdentifier]:
    """Record the organisation's identifier in ROR, Wikidata, ISNI, GRID or Crossref Funder."""
    user = api_user(request)
    organisation, _permissions = get_organisation_for_user(user, organisation_id)
    identifier = services.external_identifier_set(actor=user, organisation=organisation, **payload.dict())
    return Status(201, identifier)


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
