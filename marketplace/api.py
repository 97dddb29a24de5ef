"""Marketplace profiles in the API: the same selectors and services as the pages, so the same
permissions. An anonymous profile's owner leaves as `{"id": null, "name": "Anonymous organisation",
"country": ..., "region": ...}` to everyone the selectors do not disclose it to, with an empty country
where the owner chose to show only its region (`owner_place`)."""

import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import OPTIONAL_TOKEN, api_caller, api_user
from core.api_contract import inline_choices
from core.models import Keyword, Sector
from core.permissions import deny_unless
from core.taxonomies import region_name, region_of
from directory.models import Organisation
from marketplace import services
from marketplace.models import Profile, ProfilePartnershipType
from marketplace.selectors import (
    ProfilePermissions,
    get_profile_for_user,
    moderates_anything,
    moderation_queue,
    owner_country_hidden,
    profiles_search,
)

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
ProfileIprStatus = Annotated[Profile.IprStatus, inline_choices(Profile.IprStatus)]
ProfileKind = Annotated[Profile.Kind, inline_choices(Profile.Kind)]
ProfileOwnerPlace = Annotated[Profile.OwnerPlace, inline_choices(Profile.OwnerPlace)]
ProfilePartnerSize = Annotated[Profile.PartnerSize, inline_choices(Profile.PartnerSize)]
ProfilePartnerType = Annotated[Profile.PartnerType, inline_choices(Profile.PartnerType)]
PartnershipType = Annotated[ProfilePartnershipType.Type, inline_choices(ProfilePartnershipType.Type)]
ProfileStage = Annotated[Profile.Stage, inline_choices(Profile.Stage)]
ProfileStatus = Annotated[Profile.Status, inline_choices(Profile.Status)]
ProfileVisibility = Annotated[Profile.Visibility, inline_choices(Profile.Visibility)]

router = Router(tags=["marketplace"])


class OwnerOut(Schema):
    id: int | None
    name: str
    country: str = Field(description="Empty where an anonymous owner shows only its region.")
    region: str = Field(description="The UN M49 sub-region of the owner's country, e.g. 145.")
    region_name: str = Field(description="The region's name in the reader's language.")


def _owner(profile: Profile) -> dict[str, Any]:
    region = region_of(profile.owner.country)
    place = {
        "country": "" if owner_country_hidden(profile) else profile.owner.country,
        "region": region,
        "region_name": region_name(region),
    }
    if getattr(profile, "owner_shown", False):
        return {"id": profile.owner_id, "name": profile.owner.name, **place}
    return {"id": None, "name": _("Anonymous organisation"), **place}


class ProfileSummaryOut(Schema):
    id: int
    reference: str
    kind: ProfileKind
    status: ProfileStatus
    title: str
    summary: str
    language: str
    visibility: ProfileVisibility
    anonymous: bool
    owner_place: ProfileOwnerPlace
    open_for_eoi: bool
    owner: OwnerOut
    sectors: list[str]
    partnership_types: list[str]
    published_at: datetime.datetime | None
    expires_at: datetime.datetime | None


class ProfileListItemOut(ProfileSummaryOut):
    @staticmethod
    def resolve_owner(obj: Profile) -> dict[str, Any]:
        return _owner(obj)

    @staticmethod
    def resolve_sectors(obj: Profile) -> list[str]:
        return [sector.code for sector in obj.sectors.all()]

    @staticmethod
    def resolve_partnership_types(obj: Profile) -> list[str]:
        return [row.type for row in obj.partnership_types.all()]


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class ProfilePermissionsOut(Schema):
    can_edit: bool
    can_moderate: bool
    can_send_eoi: bool
    owner_disclosed: bool


class ProfileOut(ProfileSummaryOut):
    description: str
    innovation: str
    technical_specification: str
    stage: str
    trl: int | None
    ipr_status: str
    patent_numbers: str
    partner_type: str
    partner_size: str
    partner_role: str
    deadline: datetime.date | None
    detected_language: str
    keywords: list[str]
    target_countries: list[str]
    sdgs: list[int]
    visible_to: list[int] | None
    moderation_comment: str | None
    extended: bool
    submitted_at: datetime.datetime | None
    attachments: list[AttachmentOut]
    permissions: ProfilePermissionsOut


def _profile_out(profile: Profile, permissions: ProfilePermissions) -> dict[str, Any]:
    insider = permissions.is_owner_member or permissions.can_moderate
    return {
        **{field: getattr(profile, field) for field in ProfileOut.model_fields if hasattr(profile, field)},
        "owner": _owner(profile),
        "sectors": [sector.code for sector in profile.sectors.all()],
        "partnership_types": [row.type for row in profile.partnership_types.all()],
        "keywords": [keyword.code for keyword in profile.keywords.all()],
        "target_countries": [row.country for row in profile.target_countries.all()],
        "sdgs": [row.goal for row in profile.sdgs.all()],
        # Whom a profile is shared with, and what the moderator said, stay between owner and moderators.
        "visible_to": list(profile.visible_to.values_list("pk", flat=True)) if insider else None,
        "moderation_comment": profile.moderation_comment if insider else None,
        "attachments": [
            {"id": row.pk, "name": row.original_name, "content_type": row.content_type, "size": row.size}
            for row in profile.attachments.all()
        ],
        "permissions": {
            "can_edit": permissions.can_edit,
            "can_moderate": permissions.can_moderate,
            "can_send_eoi": permissions.can_send_eoi,
            "owner_disclosed": permissions.owner_disclosed,
        },
    }


def _read(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    profile, permissions = get_profile_for_user(api_caller(request), profile_id)
    return _profile_out(profile, permissions)


class ProfileIn(Schema):
    owner_id: int
    kind: ProfileKind
    title: str = Field(..., max_length=256)
    summary: str = Field(..., max_length=500)
    description: str = Field(..., max_length=4000)
    sectors: list[Annotated[str, Field(max_length=100)]]
    partnership_types: list[PartnershipType]
    keywords: list[Annotated[str, Field(max_length=100)]] = []
    target_countries: list[Annotated[str, Field(max_length=2)]] = []
    sdgs: list[int] = []
    innovation: str = Field("", max_length=2000)
    technical_specification: str = Field("", max_length=2000)
    stage: ProfileStage | Literal[""] = ""
    trl: int | None = None
    ipr_status: ProfileIprStatus = Profile.IprStatus.NONE
    patent_numbers: str = Field("", max_length=300)
    partner_type: ProfilePartnerType = Profile.PartnerType.ANY
    partner_size: ProfilePartnerSize = Profile.PartnerSize.ANY
    partner_role: str = Field("", max_length=1000)
    deadline: datetime.date | None = None
    language: str = Field("", max_length=8)
    visibility: ProfileVisibility = Profile.Visibility.PUBLIC
    visible_to: list[int] = []
    anonymous: bool = False
    owner_place: ProfileOwnerPlace = Profile.OwnerPlace.COUNTRY
    open_for_eoi: bool = True


class ProfilePatchIn(Schema):
    """Only the fields sent are changed."""

    title: str | None = Field(None, max_length=256)
    summary: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=4000)
    sectors: list[Annotated[str, Field(max_length=100)]] | None = None
    partnership_types: list[PartnershipType] | None = None
    keywords: list[Annotated[str, Field(max_length=100)]] | None = None
    target_countries: list[Annotated[str, Field(max_length=2)]] | None = None
    sdgs: list[int] | None = None
    innovation: str | None = Field(None, max_length=2000)
    technical_specification: str | None = Field(None, max_length=2000)
    stage: ProfileStage | Literal[""] | None = None
    trl: int | None = None
    ipr_status: ProfileIprStatus | None = None
    patent_numbers: str | None = Field(None, max_length=300)
    partner_type: ProfilePartnerType | None = None
    partner_size: ProfilePartnerSize | None = None
    partner_role: str | None = Field(None, max_length=1000)
    deadline: datetime.date | None = None
    language: str | None = Field(None, max_length=8)
    visibility: ProfileVisibility | None = None
    visible_to: list[int] | None = None
    anonymous: bool | None = None
    owner_place: ProfileOwnerPlace | None = None
    open_for_eoi: bool | None = None


class ReturnIn(Schema):
    comments: str = Field(..., max_length=4000)


class ProfileRejectIn(Schema):
    reason: str = Field(..., max_length=4000)


def _by_code(model: type[Sector] | type[Keyword], field: str, codes: list[str]) -> list[Any]:
    found: list[Sector | Keyword] = list(model.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {row.code for row in found})
    if unknown:
        raise ValidationError({field: _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return found


def _organisations(ids: list[int]) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"visible_to": _("Some of these organisations do not exist.")})
    return found


def _relations(data: dict[str, Any]) -> dict[str, Any]:
    if "sectors" in data:
        data["sectors"] = _by_code(Sector, "sectors", data["sectors"])
    if "keywords" in data:
        data["keywords"] = _by_code(Keyword, "keywords", data["keywords"])
    if "visible_to" in data:
        data["visible_to"] = _organisations(data["visible_to"])
    if "partnership_types" in data:
        data["partnership_types"] = [str(value) for value in data["partnership_types"]]
    return data


@router.get("/profiles", response=list[ProfileListItemOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def profile_list(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    kind: ProfileKind | None = None,
    status: ProfileStatus | None = None,
    sector: str = Query("", max_length=100),
    keyword: str = Query("", max_length=100),
    country: str = Query("", max_length=2),
    partnership_type: PartnershipType | None = None,
    stage: ProfileStage | None = None,
    trl_min: int | None = None,
    sdg: int | None = None,
    language: str = Query("", max_length=8),
    open_for_eoi: bool | None = None,
    sort: Literal["-published", "published", "title", "-updated", "expires"] = "-published",
) -> QuerySet[Profile]:
    """The marketplace: `q` looks in the reference, title, summary and description. Public: without a
    token it lists what the marketplace page shows an anonymous visitor."""
    return profiles_search(
        api_caller(request),
        q=q,
        kind=kind,
        status=status,
        sector=sector or None,
        keyword=keyword or None,
        country=country or None,
        partnership_type=partnership_type,
        stage=stage,
        trl_min=trl_min,
        sdg=sdg,
        language=language or None,
        open_for_eoi=open_for_eoi,
        sort=sort,
    )


class ModerationQueueItemOut(ProfileListItemOut):
    submitted_at: datetime.datetime | None
    for_operators: bool = Field(
        description="The owner belongs to no network, so ParkLink's operators review the profile."
    )


@router.get("/profiles/moderation-queue", response=list[ModerationQueueItemOut])
@paginate(LimitOffsetPagination)
def profile_moderation_queue(request: HttpRequest) -> QuerySet[Profile]:
    """Submitted profiles waiting for the caller as their moderator, oldest first: a network
    secretariat's members, or, for ParkLink's operators, every one (those of organisations in no network
    included). Refused to anyone who moderates nothing, as the page is."""
    user = api_user(request)
    deny_unless(
        moderates_anything(user),
        _("Only network secretariats and ParkLink's operators have a moderation queue."),
    )
    return moderation_queue(user)


@router.get("/profiles/{profile_id}", response=ProfileOut, auth=OPTIONAL_TOKEN)
def profile_detail(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    """One profile; public where its page is (a published profile for everyone), no token needed."""
    return _read(request, profile_id)


@router.post("/profiles", response={201: ProfileOut})
def profile_create(request: HttpRequest, payload: ProfileIn) -> Status[dict[str, Any]]:
    user = api_user(request)
    data = _relations(payload.dict())
    owner = Organisation.objects.filter(pk=data.pop("owner_id")).first()
    if owner is None:
        raise ValidationError({"owner_id": _("No such organisation.")})
    profile = services.profile_create(actor=user, owner=owner, **data)
    return Status(201, _read(request, profile.pk))


@router.post("/profiles/{profile_id}/attachments", response={201: AttachmentOut})
def attachment_add(request: HttpRequest, profile_id: int, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    """Attach a PDF or PNG/JPEG/WebP image (multipart field `file`), checked by content and size."""
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    attachment = services.attachment_add(actor=user, profile=profile, uploaded=file)
    return Status(
        201,
        {
            "id": attachment.pk,
            "name": attachment.original_name,
            "content_type": attachment.content_type,
            "size": attachment.size,
        },
    )


@router.delete("/profiles/{profile_id}/attachments/{attachment_id}", response={204: None})
def attachment_remove(request: HttpRequest, profile_id: int, attachment_id: int) -> Status[None]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    attachment = get_object_or_404(profile.attachments, pk=attachment_id)
    services.attachment_remove(actor=user, attachment=attachment)
    return Status(204, None)


@router.patch("/profiles/{profile_id}", response=ProfileOut)
def profile_update(request: HttpRequest, profile_id: int, payload: ProfilePatchIn) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_update(actor=user, profile=profile, **_relations(payload.dict(exclude_unset=True)))
    return _read(request, profile_id)


@router.post("/profiles/{profile_id}/submit", response=ProfileOut)
def profile_submit(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_submit(actor=user, profile=profile)
    return _read(request, profile_id)


@router.post("/profiles/{profile_id}/publish", response=ProfileOut)
def profile_publish(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_publish(actor=user, profile=profile)
    return _read(request, profile_id)


@router.post("/profiles/{profile_id}/return", response=ProfileOut)
def profile_return(request: HttpRequest, profile_id: int, payload: ReturnIn) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_return(actor=user, profile=profile, comments=payload.comments)
    return _read(request, profile_id)


@router.post("/profiles/{profile_id}/reject", response=ProfileOut)
def profile_reject(request: HttpRequest, profile_id: int, payload: ProfileRejectIn) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_reject(actor=user, profile=profile, reason=payload.reason)
    return _read(request, profile_id)


@router.post("/profiles/{profile_id}/extend", response=ProfileOut)
def profile_extend(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_extend(actor=user, profile=profile)
    return _read(request, profile_id)


@router.post("/profiles/{profile_id}/archive", response=ProfileOut)
def profile_archive(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    services.profile_archive(actor=user, profile=profile)
    return _read(request, profile_id)
