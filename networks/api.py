"""The networks API: the same selectors and services as the pages, so the same permissions.

`GET /certificates/{number}` is public (no token): anyone holding a certificate may check it.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.api_auth import OPTIONAL_TOKEN, api_caller, api_user
from core.api_contract import inline_choices
from core.forms import field_error
from core.permissions import deny_unless
from directory.models import Organisation
from directory.selectors import organisations_visible_to
from networks import services
from networks.certificates import Verdict, certificate_check_number
from networks.history import membership_history_sentence
from networks.models import (
    PAYMENT_FIELDS,
    Certificate,
    MembershipCategory,
    NetworkMembership,
    NetworkSettings,
)
from networks.selectors import (
    categories_of,
    certificates_of,
    get_certificate_by_number,
    get_membership_for_user,
    get_network_for_user,
    history_of,
    invoices_of,
    memberships_of_network,
    network_settings_of,
    networks_visible_to,
)

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
NetworkMembershipStatus = Annotated[NetworkMembership.Status, inline_choices(NetworkMembership.Status)]

router = Router(tags=["networks"])


class NetworkOut(Schema):
    id: int
    name: str
    country: str
    city: str


class CategoryOut(Schema):
    id: int
    name: str
    description: str
    annual_fee: Decimal
    currency: str
    term_months: int
    active: bool


class CategoryIn(Schema):
    name: str = Field(..., max_length=120)
    description: str = Field("", max_length=5000)
    annual_fee: Decimal
    currency: str = Field(..., max_length=12)
    term_months: int = 12


class CategoryPatch(Schema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, max_length=120)
    description: str | None = Field(None, max_length=5000)
    annual_fee: Decimal | None = None
    currency: str | None = Field(None, max_length=12)
    term_months: int | None = None


class NetworkSettingsOut(Schema):
    certificate_languages: list[str]
    ratification_required: bool
    grace_days: int
    reminder_days_before_expiry: int
    invoice_prefix: str
    certificate_title: str
    bank_name: str
    account_holder: str
    account_number: str
    swift_bic: str
    payment_instructions: str


class NetworkSettingsPatch(Schema):
    """Only the fields sent are changed."""

    certificate_languages: list[Annotated[str, Field(max_length=8)]] | None = None
    ratification_required: bool | None = None
    grace_days: int | None = None
    reminder_days_before_expiry: int | None = None
    invoice_prefix: str | None = Field(None, max_length=12)
    certificate_title: str | None = Field(None, max_length=200)
    bank_name: str | None = Field(None, max_length=200)
    account_holder: str | None = Field(None, max_length=200)
    account_number: str | None = Field(None, max_length=50)
    swift_bic: str | None = Field(None, max_length=11)
    payment_instructions: str | None = Field(None, max_length=500)


class NetworkMembershipOut(Schema):
    id: int
    network_id: int
    member_id: int
    member_name: str = Field(..., alias="member.name")
    status: NetworkMembershipStatus
    category: str | None = Field(None, alias="category.name")
    valid_from: datetime.date | None
    valid_until: datetime.date | None


class HistoryOut(Schema):
    from_status: str
    to_status: NetworkMembershipStatus
    action: str
    # The step as a whole sentence in the reader's language; `action` and the statuses stay codes.
    description: str
    actor: str | None
    note: str
    at: datetime.datetime


class InvoiceOut(Schema):
    number: str
    amount: Decimal
    currency: str
    issued_at: datetime.datetime
    due_on: datetime.date
    paid_at: datetime.datetime | None


class CertificateSummaryOut(Schema):
    number: str
    issued_at: datetime.datetime
    valid_until: datetime.date
    revoked_at: datetime.datetime | None


class MembershipDetailOut(NetworkMembershipOut):
    application_message: str
    decision_reason: str
    history: list[HistoryOut] = Field(..., alias="history_out")
    invoices: list[InvoiceOut] = Field(..., alias="invoices_out")
    certificates: list[CertificateSummaryOut] = Field(..., alias="certificates_out")


class NetworkMembershipApplicationIn(Schema):
    member_id: int
    category_id: int | None = None
    message: str = Field("", max_length=5000)


class NetworkMembershipActionIn(Schema):
    note: str = Field("", max_length=5000)
    reason: str = Field("", max_length=5000)
    category_id: int | None = None
    reference: str = Field("", max_length=120)
    paid_on: datetime.date | None = None


class RevokeIn(Schema):
    reason: str = Field(..., max_length=5000)


class CertificateStatusOut(Schema):
    number: str
    status: Verdict
    revocation_reason: str | None = None
    revoked_at: datetime.datetime | None = None
    member: str | None = None
    network: str | None = None
    category: str | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    checked: str = ""  # what the verdict rests on, in a sentence


@router.get("/networks", response=list[NetworkOut], auth=OPTIONAL_TOKEN)
@paginate
def network_list(request: HttpRequest) -> QuerySet[Organisation]:
    """The networks; public, as the networks page is (no token needed)."""
    return networks_visible_to(api_caller(request))


@router.get("/networks/{network_id}/categories", response=list[CategoryOut], auth=OPTIONAL_TOKEN)
def network_categories(request: HttpRequest, network_id: int) -> QuerySet[MembershipCategory]:
    """The membership categories on offer, with their fees; public, as the network's page is."""
    network, _access = get_network_for_user(api_caller(request), network_id)
    return categories_of(network)


def _managed_category(user: Any, network_id: int, category_id: int) -> MembershipCategory:
    """One of the network's categories: the secretariat reaches those no longer offered too."""
    network, access = get_network_for_user(user, network_id)
    return get_object_or_404(categories_of(network, include_inactive=access.is_secretariat), pk=category_id)


@router.post("/networks/{network_id}/categories", response={201: CategoryOut})
def category_create(request: HttpRequest, network_id: int, payload: CategoryIn) -> Status[MembershipCategory]:
    """The secretariat offers a new membership category (currency: ISO 4217)."""
    user = api_user(request)
    network, _access = get_network_for_user(user, network_id)
    category = services.membership_category_create(actor=user, network=network, **payload.dict())
    return Status(201, category)


@router.patch("/networks/{network_id}/categories/{category_id}", response=CategoryOut)
def category_update(
    request: HttpRequest, network_id: int, category_id: int, payload: CategoryPatch
) -> MembershipCategory:
    """Change a category; fields left out keep their value. Issued invoices keep their amount."""
    user = api_user(request)
    category = _managed_category(user, network_id, category_id)
    values: dict[str, Any] = {
        "name": category.name,
        "description": category.description,
        "annual_fee": category.annual_fee,
        "currency": category.currency,
        "term_months": category.term_months,
    }
    values.update(payload.dict(exclude_unset=True, exclude_none=True))
    return services.membership_category_update(actor=user, category=category, **values)


@router.post("/networks/{network_id}/categories/{category_id}/deactivate", response=CategoryOut)
def category_deactivate(request: HttpRequest, network_id: int, category_id: int) -> MembershipCategory:
    """Stop offering a category; memberships that have it keep it (it is never deleted)."""
    user = api_user(request)
    category = _managed_category(user, network_id, category_id)
    return services.membership_category_deactivate(actor=user, category=category)


def _managed_network(user: Any, network_id: int) -> Organisation:
    network, access = get_network_for_user(user, network_id)
    deny_unless(access.is_secretariat, _("Only the network secretariat can change its settings."))
    return network


@router.get("/networks/{network_id}/settings", response=NetworkSettingsOut)
def network_settings_detail(request: HttpRequest, network_id: int) -> NetworkSettings:
    """How the network runs its memberships; for its secretariat and operators."""
    return network_settings_of(_managed_network(api_user(request), network_id))


@router.patch("/networks/{network_id}/settings", response=NetworkSettingsOut)
def network_settings_update(
    request: HttpRequest, network_id: int, payload: NetworkSettingsPatch
) -> NetworkSettings:
    """Change the network's settings; fields left out keep their value."""
    user = api_user(request)
    network = _managed_network(user, network_id)
    current = network_settings_of(network)
    values: dict[str, Any] = {
        "certificate_languages": current.certificate_languages,
        "ratification_required": current.ratification_required,
        "grace_days": current.grace_days,
        "reminder_days_before_expiry": current.reminder_days_before_expiry,
        "invoice_prefix": current.invoice_prefix,
        "certificate_title": current.certificate_title,
        **{field: getattr(current, field) for field in PAYMENT_FIELDS},
    }
    values.update(payload.dict(exclude_unset=True, exclude_none=True))
    return services.network_settings_update(actor=user, network=network, **values)


@router.get("/networks/{network_id}/memberships", response=list[NetworkMembershipOut], auth=OPTIONAL_TOKEN)
@paginate
def network_memberships(request: HttpRequest, network_id: int) -> QuerySet[NetworkMembership]:
    """The secretariat sees every membership; everyone else, without a token too, the active ones and
    their own, as on the network's page."""
    viewer = api_caller(request)
    network, _access = get_network_for_user(viewer, network_id)
    return memberships_of_network(network, viewer)


def _membership_detail(request: HttpRequest, pk: int) -> NetworkMembership:
    """The membership (Http404 unless the caller may see it) with its history, invoices and certificates."""
    membership, access = get_membership_for_user(api_user(request), pk)
    # Attached for the response schema only; never saved.
    membership.history_out = [  # type: ignore[attr-defined]
        {
            "from_status": change.from_status,
            "to_status": change.to_status,
            "action": change.action,
            "description": membership_history_sentence(change),
            "actor": str(change.actor) if change.actor else None,
            "note": change.note,
            "at": change.at,
        }
        for change in history_of(membership)
    ]
    membership.invoices_out = list(invoices_of(membership)) if access.can_download_invoices else []  # type: ignore[attr-defined]
    membership.certificates_out = list(certificates_of(membership))  # type: ignore[attr-defined]
    return membership


@router.get("/memberships/{membership_id}", response=MembershipDetailOut)
def membership_detail(request: HttpRequest, membership_id: int) -> NetworkMembership:
    """One membership with its full history; for the member's people, its secretariat and operators."""
    return _membership_detail(request, membership_id)


@router.post("/networks/{network_id}/memberships", response={201: MembershipDetailOut})
def membership_apply(
    request: HttpRequest, network_id: int, payload: NetworkMembershipApplicationIn
) -> Status[NetworkMembership]:
    """Apply for an organisation you administer (status applied), in one of the network's categories
    (`category_id`, required when the network offers any)."""
    user = api_user(request)
    network, _access = get_network_for_user(user, network_id)
    member = organisations_visible_to(user).filter(pk=payload.member_id).first()
    if member is None:
        raise Http404(_("No such organisation."))
    category = None
    if payload.category_id is not None:
        category = get_object_or_404(categories_of(network), pk=payload.category_id)
    membership = services.membership_apply(
        actor=user, network=network, member=member, category=category, message=payload.message
    )
    return Status(201, _membership_detail(request, membership.pk))


MEMBERSHIP_ACTIONS = (
    "review",
    "request_information",
    "approve",
    "reject",
    "payment",
    "ratify",
    "cancel",
    "renew",
)


@router.post("/memberships/{membership_id}/{action}", response=MembershipDetailOut)
def membership_action(
    request: HttpRequest, membership_id: int, action: str, payload: NetworkMembershipActionIn
) -> NetworkMembership:
    """A step of the workflow: review, request_information (note), approve (category_id, note),
    reject (reason), payment (reference and paid_on, both required, paid_on not in the future),
    ratify (note), cancel (reason), renew."""
    user = api_user(request)
    membership, _access = get_membership_for_user(user, membership_id)
    if action == "review":
        services.membership_review_start(actor=user, membership=membership)
    elif action == "request_information":
        services.membership_request_information(actor=user, membership=membership, note=payload.note)
    elif action == "approve":
        if payload.category_id is None:
            raise field_error("category_id", _("Choose a category."), code="required")
        category = get_object_or_404(categories_of(membership.network), pk=payload.category_id)
        services.membership_approve(actor=user, membership=membership, category=category, note=payload.note)
    elif action == "reject":
        services.membership_reject(actor=user, membership=membership, reason=payload.reason)
    elif action == "payment":
        services.membership_payment_record(
            actor=user, membership=membership, reference=payload.reference, paid_on=payload.paid_on
        )
    elif action == "ratify":
        services.membership_ratify(actor=user, membership=membership, note=payload.note)
    elif action == "cancel":
        services.membership_cancel(actor=user, membership=membership, reason=payload.reason)
    elif action == "renew":
        services.membership_renew(actor=user, membership=membership)
    else:
        raise Http404(_("No such action."))
    return _membership_detail(request, membership.pk)


def _certificate_status_out(check_number: str, *, code: str = "", full: bool = False) -> dict[str, Any]:
    """Anyone learns the verdict and the network; the certificate's details need the verification code
    printed on it (`full`: the secretariat, which may see them anyway)."""
    check = certificate_check_number(check_number, code=code)
    out: dict[str, Any] = {"number": check.number, "status": check.verdict, "checked": check.what_was_checked}
    if check.document is not None:
        out["network"] = check.issuer
    certificate = check.document if full else check.certificate
    if certificate is not None:
        out.update(
            member=certificate.payload.get("member"),
            category=certificate.payload.get("category") or None,
            valid_from=certificate.valid_from,
            valid_until=certificate.valid_until,
            revoked_at=certificate.revoked_at,
            revocation_reason=certificate.revocation_reason if certificate.revoked_at else None,
        )
    return out


@router.get("/certificates/{number}", response=CertificateStatusOut, auth=None)
def certificate_status(
    request: HttpRequest, number: str, code: str = Query("", max_length=64)
) -> dict[str, Any]:
    """Public, no token needed: genuine, revoked, expired or unknown, and the issuing network. The
    member, category, dates and reason for a revocation need the verification code printed on it."""
    return _certificate_status_out(number, code=code[:64])


@router.post("/certificates/{number}/revoke", response=CertificateStatusOut)
def certificate_revoke(request: HttpRequest, number: str, payload: RevokeIn) -> dict[str, Any]:
    """The network's secretariat revokes a certificate, with a reason."""
    certificate: Certificate | None = get_certificate_by_number(number)
    if certificate is None:
        raise Http404(_("No such certificate."))
    services.certificate_revoke(actor=api_user(request), certificate=certificate, reason=payload.reason)
    return _certificate_status_out(number, full=True)
