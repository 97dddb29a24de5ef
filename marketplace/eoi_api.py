"""Expressions of interest in the API: the same selectors and services as the pages. An anonymous
profile's owner appears as `null` to the sender's side until it accepts; outcomes name their side
("owner" or "sender"), never the owner's organisation id."""

import datetime
from typing import Annotated, Any, Literal

import pydantic
from django.core.exceptions import ValidationError
from django.db.models import Case, QuerySet, Value, When
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import api_user
from core.api_contract import inline_choices
from directory.models import Organisation
from marketplace import eoi_services as services
from marketplace.eoi_selectors import (
    EoiPermissions,
    eois_of_my_organisations,
    get_eoi_for_user,
    member_organisation_ids,
    message_author,
    messages_of,
    outcomes_of,
)
from marketplace.models import EoiMessage, EoiOutcome, ExpressionOfInterest, Profile, ProfilePartnershipType
from marketplace.selectors import get_profile_for_user

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
EoiOutcomeOutcome = Annotated[EoiOutcome.Outcome, inline_choices(EoiOutcome.Outcome)]
EoiDeclineReason = Annotated[
    ExpressionOfInterest.DeclineReason, inline_choices(ExpressionOfInterest.DeclineReason)
]
EoiStatus = Annotated[ExpressionOfInterest.Status, inline_choices(ExpressionOfInterest.Status)]
ProfileKind = Annotated[Profile.Kind, inline_choices(Profile.Kind)]
PartnershipType = Annotated[ProfilePartnershipType.Type, inline_choices(ProfilePartnershipType.Type)]

router = Router(tags=["expressions of interest"])


class EoiOrganisationRefOut(Schema):
    id: int
    name: str
    country: str


class ProfileRefOut(Schema):
    id: int
    reference: str
    kind: ProfileKind
    title: str


class EoiPersonOut(Schema):
    name: str
    email: str


class OrganisationContactOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    website: str


class ContactsOut(Schema):
    sender_organisation: OrganisationContactOut
    sender: EoiPersonOut | None
    owner: OrganisationContactOut | None
    answered_by: EoiPersonOut | None


class EoiPermissionsOut(Schema):
    can_answer: bool
    can_withdraw: bool
    can_message: bool
    can_record_outcome: bool
    owner_disclosed: bool


class OutcomeOut(Schema):
    side: Literal["owner", "sender"]
    outcome: EoiOutcomeOutcome
    agreement_type: str
    updated_at: datetime.datetime


class EoiListItemOut(Schema):
    id: int
    direction: Literal["sent", "received"]
    status: EoiStatus
    profile: ProfileRefOut
    owner: EoiOrganisationRefOut | None
    sender_organisation: EoiOrganisationRefOut
    created_at: datetime.datetime
    expires_at: datetime.datetime

    @staticmethod
    def resolve_owner(obj: ExpressionOfInterest) -> Organisation | None:
        return obj.profile.owner if getattr(obj, "owner_is_disclosed", False) else None


class EoiOut(Schema):
    id: int
    status: EoiStatus
    profile: ProfileRefOut
    owner: EoiOrganisationRefOut | None
    sender_organisation: EoiOrganisationRefOut
    message: str
    contribution: str
    decline_reason: str
    decline_note: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    answered_at: datetime.datetime | None
    permissions: EoiPermissionsOut
    contacts: ContactsOut | None
    outcomes: list[OutcomeOut]


class EoiSendIn(Schema):
    sender_organisation_id: int
    message: str = Field(..., max_length=4000)
    contribution: str = Field("", max_length=2000)


class EoiAcceptIn(Schema):
    message: str = ""


class EoiDeclineIn(Schema):
    reason: EoiDeclineReason
    note: str = Field("", max_length=4000)


class EoiOutcomeIn(Schema):
    outcome: EoiOutcomeOutcome
    agreement_type: PartnershipType | Literal[""] = ""


class MessageIn(Schema):
    body: str = Field(..., max_length=4000)


class MessageOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj: EoiMessage) -> str:
        return message_author(obj)


def _person(user: Any) -> dict[str, str] | None:
    return {"name": user.get_full_name(), "email": user.email} if user is not None else None


def _contact(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
    }


def _eoi_out(eoi: ExpressionOfInterest, permissions: EoiPermissions) -> dict[str, Any]:
    owner = eoi.profile.owner if permissions.owner_disclosed else None
    contacts = None
    if permissions.contacts_visible:
        contacts = {
            "sender_organisation": _contact(eoi.sender_organisation),
            "sender": _person(eoi.sender),
            "owner": _contact(owner) if owner is not None else None,
            "answered_by": _person(eoi.answered_by) if owner is not None else None,
        }
    return {
        "id": eoi.pk,
        "status": eoi.status,
        "profile": eoi.profile,
        "owner": owner,
        "sender_organisation": eoi.sender_organisation,
        "message": eoi.message,
        "contribution": eoi.contribution,
        "decline_reason": eoi.decline_reason,
        "decline_note": eoi.decline_note,
        "created_at": eoi.created_at,
        "expires_at": eoi.expires_at,
        "answered_at": eoi.answered_at,
        "permissions": permissions,
        "contacts": contacts,
        "outcomes": [_outcome_out(eoi, outcome) for outcome in outcomes_of(eoi)]
        if eoi.status == ExpressionOfInterest.Status.ACCEPTED
        else [],
    }


def _outcome_out(eoi: ExpressionOfInterest, outcome: EoiOutcome) -> dict[str, Any]:
    return {
        "side": "sender" if outcome.organisation_id == eoi.sender_organisation_id else "owner",
        "outcome": outcome.outcome,
        "agreement_type": outcome.agreement_type,
        "updated_at": outcome.updated_at,
    }


def _reload(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    eoi, permissions = get_eoi_for_user(api_user(request), eoi_id)
    return _eoi_out(eoi, permissions)


@router.post("/profiles/{profile_id}/eois", response={201: EoiOut})
def eoi_send(request: HttpRequest, profile_id: int, payload: EoiSendIn) -> Status[dict[str, Any]]:
    user = api_user(request)
    profile, _permissions = get_profile_for_user(user, profile_id)
    # Only the caller's own organisations are looked up, so a stranger's id is simply not found.
    organisation = Organisation.objects.filter(
        pk=payload.sender_organisation_id, pk__in=member_organisation_ids(user)
    ).first()
    if organisation is None:
        raise ValidationError(
            {"sender_organisation_id": [_("Choose an organisation you belong to.")]}, code="invalid"
        )
    eoi = services.eoi_send(
        sender=user,
        sender_organisation=organisation,
        profile=profile,
        message=payload.message,
        contribution=payload.contribution,
    )
    return Status(201, _reload(request, eoi.pk))


@router.get("/eois", response=list[EoiListItemOut])
@paginate(LimitOffsetPagination)
def eoi_list(request: HttpRequest) -> QuerySet[ExpressionOfInterest]:
    """Expressions of interest sent and received by the caller's organisations, newest first."""
    user = api_user(request)
    mine = member_organisation_ids(user)
    return eois_of_my_organisations(user).annotate(
        direction=Case(When(sender_organisation_id__in=mine, then=Value("sent")), default=Value("received"))
    )


@router.get("/eois/{eoi_id}", response=EoiOut)
def eoi_detail(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    return _reload(request, eoi_id)


@router.post("/eois/{eoi_id}/accept", response=EoiOut)
def eoi_accept(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    """Accept; the body may be empty, or `{"message": "..."}` to open the conversation with it."""
    user = api_user(request)
    eoi, _permissions = get_eoi_for_user(user, eoi_id)
    body = request.body.strip() if request.content_type == "application/json" else b""
    try:
        payload = EoiAcceptIn.model_validate_json(body or b"{}")
    except pydantic.ValidationError as error:
        message = _("Send a JSON object with a text `message`, or nothing.")
        raise ValidationError({"message": [message]}) from error
    services.eoi_accept(actor=user, eoi=eoi, message=payload.message)
    return _reload(request, eoi_id)


@router.post("/eois/{eoi_id}/decline", response=EoiOut)
def eoi_decline(request: HttpRequest, eoi_id: int, payload: EoiDeclineIn) -> dict[str, Any]:
    user = api_user(request)
    eoi, _permissions = get_eoi_for_user(user, eoi_id)
    services.eoi_decline(actor=user, eoi=eoi, reason=payload.reason, note=payload.note)
    return _reload(request, eoi_id)


@router.post("/eois/{eoi_id}/withdraw", response=EoiOut)
def eoi_withdraw(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    user = api_user(request)
    eoi, _permissions = get_eoi_for_user(user, eoi_id)
    services.eoi_withdraw(actor=user, eoi=eoi)
    return _reload(request, eoi_id)


@router.post("/eois/{eoi_id}/outcome", response=OutcomeOut)
def eoi_outcome_record(request: HttpRequest, eoi_id: int, payload: EoiOutcomeIn) -> dict[str, Any]:
    user = api_user(request)
    eoi, _permissions = get_eoi_for_user(user, eoi_id)
    outcome = services.eoi_outcome_record(
        actor=user, eoi=eoi, outcome=payload.outcome, agreement_type=payload.agreement_type
    )
    return _outcome_out(eoi, outcome)


@router.get("/eois/{eoi_id}/messages", response=list[MessageOut])
@paginate(LimitOffsetPagination)
def eoi_messages(request: HttpRequest, eoi_id: int) -> QuerySet[EoiMessage]:
    """The conversation, oldest first (empty until the expression of interest is accepted)."""
    eoi, permissions = get_eoi_for_user(api_user(request), eoi_id)
    return messages_of(eoi, owner_disclosed=permissions.owner_disclosed)


@router.post("/eois/{eoi_id}/messages", response={201: MessageOut})
def eoi_message_post(request: HttpRequest, eoi_id: int, payload: MessageIn) -> Status[EoiMessage]:
    user = api_user(request)
    eoi, _permissions = get_eoi_for_user(user, eoi_id)
    return Status(201, services.eoi_message_post(author=user, eoi=eoi, body=payload.body))
