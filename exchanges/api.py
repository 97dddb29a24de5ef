"""Exchanges in the API: the same selectors and services as the pages.

Programmes, calls and placements are public (a token, when sent, identifies the caller, so managers
also see draft calls). An application's transitions are actions: `POST
/exchange-applications/{id}/actions/{action}`. A reviewer of a blind call gets `applicant: null` and
`home_organisation: null`, and no files, exactly as on the pages.
"""

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import ApiTokenAuth, api_user
from core.models import Sector
from directory.models import Organisation
from exchanges import documents, services
from exchanges.models import (
    Application,
    Call,
    CallField,
    CareerStage,
    LanguageLevel,
    ParticipantType,
    Placement,
    Programme,
    ReviewAssignment,
)
from exchanges.selectors import (
    ApplicationAccess,
    access_to,
    applications_visible_to,
    calls_visible_to,
    get_application_for_user,
    get_call_for_user,
    get_placement_for_user,
    get_programme_for_user,
    history_of,
    my_organisation_ids,
    placements_visible_to,
    programme_report,
    programmes_visible_to,
    quota_of,
    quotas_of,
    reviews_of,
)
from hubs.selectors import agreements_visible_to

router = Router(tags=["exchanges"])

# Public endpoints still identify a caller who sends a token (a manager sees draft calls).
OPTIONAL_TOKEN = [ApiTokenAuth(), lambda request: True]


def _caller(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)
    return auth if auth is not None and auth is not True else AnonymousUser()


# Schemas


class OrganisationRefOut(Schema):
    id: int
    name: str
    country: str


class QuotaOut(Schema):
    year: int
    total: int
    used: int
    left: int
    completed: int


class ProgrammeOut(Schema):
    id: int
    network: OrganisationRefOut
    agreement_id: int | None
    title: str
    description: str
    status: Programme.Status
    mobilities_per_year: int
    duration_unit: Programme.DurationUnit
    min_duration: int
    max_duration: int
    subject_areas: list[str]
    language: str
    language_level: str
    participant_types: list[ParticipantType]
    direction: Programme.Direction
    sending_countries: list[str]
    host_countries: list[str]
    quotas: list[QuotaOut]

    @staticmethod
    def resolve_subject_areas(obj: Programme) -> list[str]:
        return [sector.code for sector in obj.subject_areas.all()]

    @staticmethod
    def resolve_quotas(obj: Programme) -> list[QuotaOut]:
        return [QuotaOut(**quota.__dict__, left=quota.left) for quota in quotas_of(obj)]


class ProgrammeIn(Schema):
    network_id: int
    agreement_id: int | None = None
    title: str
    description: str = ""
    mobilities_per_year: int
    duration_unit: Programme.DurationUnit = Programme.DurationUnit.MONTHS
    min_duration: int
    max_duration: int
    subject_areas: list[str] = []
    language: str = ""
    language_level: LanguageLevel | Literal[""] = ""
    participant_types: list[ParticipantType]
    direction: Programme.Direction = Programme.Direction.BOTH_WAYS
    sending_countries: list[str] = []
    host_countries: list[str] = []


class CallFieldOut(Schema):
    id: int
    label: str
    help_text: str
    kind: CallField.Kind
    choices: list[str]
    required: bool


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: int


class CallOut(Schema):
    id: int
    programme_id: int
    title: str
    description: str
    status: Call.Status
    opens_on: datetime.date
    closes_on: datetime.date
    mobility_year: int
    eligible_countries: list[str]
    eligible_organisation_kinds: list[str]
    eligible_career_stages: list[str]
    blind_review: bool
    same_country_conflict: bool


class CallDetailOut(CallOut):
    fields: list[CallFieldOut]
    criteria: list[CriterionOut]
    quota: QuotaOut
    can_manage: bool
    my_application_id: int | None


class CallIn(Schema):
    title: str
    description: str = ""
    opens_on: datetime.date
    closes_on: datetime.date
    mobility_year: int
    eligible_countries: list[str] = []
    eligible_organisation_kinds: list[Organisation.Kind] = []
    eligible_career_stages: list[CareerStage] = []
    blind_review: bool = False
    same_country_conflict: bool = False
    reviews_per_application: int = 2


class CallFieldIn(Schema):
    label: str
    kind: CallField.Kind
    choices: list[str] = []
    required: bool = True
    help_text: str = ""


class CriterionIn(Schema):
    name: str
    weight: int = 1
    description: str = ""


class PlacementOut(Schema):
    id: int
    host: OrganisationRefOut
    programme_id: int | None
    title: str
    lab: str
    project: str
    supervisor: str
    description: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: Placement.Status


class PlacementIn(Schema):
    host_id: int
    programme_id: int | None = None
    title: str
    lab: str
    project: str = ""
    supervisor: str
    description: str = ""
    starts_on: datetime.date
    ends_on: datetime.date


class PersonOut(Schema):
    name: str
    email: str


class AnswerOut(Schema):
    field_id: int
    text: str
    file_name: str | None


class EventOut(Schema):
    occurred_at: datetime.datetime
    action: str
    from_status: str
    to_status: str
    note: str


class DocumentOut(Schema):
    number: str
    kind: str
    issued_at: datetime.datetime
    revoked: bool


class ApplicationOut(Schema):
    id: int
    reference: str
    call_id: int
    status: Application.Status
    applicant: PersonOut | None
    home_organisation: OrganisationRefOut | None
    host_organisation: OrganisationRefOut
    participant_type: ParticipantType
    career_stage: CareerStage
    language_level: str
    duration: int
    preferred_start: datetime.date | None
    summary: str
    decision_reason: str | None
    offer_expires_at: datetime.datetime | None
    submitted_at: datetime.datetime | None


class ApplicationDetailOut(ApplicationOut):
    answers: list[AnswerOut]
    placement_lab: str
    placement_supervisor: str
    placement_starts_on: datetime.date | None
    placement_ends_on: datetime.date | None
    final_report: str
    host_evaluation: str
    history: list[EventOut] | None
    documents: list[DocumentOut] | None
    actions: list[str]


class ApplicationIn(Schema):
    home_organisation_id: int
    host_organisation_id: int
    requested_placement_id: int | None = None
    participant_type: ParticipantType
    career_stage: CareerStage
    language_level: LanguageLevel | Literal[""] = ""
    duration: int
    preferred_start: datetime.date | None = None
    subject_area: str = ""
    summary: str


class AnswersIn(Schema):
    answers: dict[int, str]


ActionName = Literal[
    "submit",
    "withdraw",
    "check-eligibility",
    "assign-reviewer",
    "decide",
    "offer",
    "accept-offer",
    "decline-offer",
    "place",
    "final-report",
    "host-evaluation",
    "issue-invitation-letter",
]


class ActionIn(Schema):
    """What each action reads: `note` (withdraw, check-eligibility, offer, accept-/decline-offer),
    `eligible` (check-eligibility), `reviewer_email` (assign-reviewer), `decision` and `reason`
    (decide), `expires_on` (offer), `lab`, `project`, `supervisor`, `starts_on`, `ends_on` (place),
    `text` (final-report, host-evaluation)."""

    note: str = ""
    eligible: bool | None = None
    reviewer_email: str = ""
    decision: Literal["accepted", "waitlisted", "rejected"] | None = None
    reason: str = ""
    expires_on: datetime.date | None = None
    lab: str = ""
    project: str = ""
    supervisor: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    text: str = ""


class ReviewOut(Schema):
    id: int
    application_id: int
    application_reference: str
    call_id: int
    status: ReviewAssignment.Status
    weighted_score: Decimal | None
    comment: str
    scores: dict[int, int]

    @staticmethod
    def resolve_application_reference(obj: ReviewAssignment) -> str:
        return obj.application.reference

    @staticmethod
    def resolve_call_id(obj: ReviewAssignment) -> int:
        return obj.application.call_id

    @staticmethod
    def resolve_scores(obj: ReviewAssignment) -> dict[int, int]:
        return {score.criterion_id: score.value for score in obj.scores.all()}


class ReviewIn(Schema):
    scores: dict[int, int]
    comment: str


class ConflictIn(Schema):
    reason: str


class VerificationOut(Schema):
    number: str
    verdict: documents.Verdict
    kind: str | None
    fellow: str | None
    host_organisation: str | None
    issued_at: datetime.datetime | None
    detail: str


# Programmes


def _sectors(codes: list[str]) -> list[Sector]:
    sectors = list(Sector.objects.filter(code__in=codes))
    if len(sectors) != len(set(codes)):
        raise ValidationError({"subject_areas": [_("Unknown sector code.")]})
    return sectors


@router.get("/programmes", response=list[ProgrammeOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def programme_list(request: HttpRequest, network_id: int | None = None) -> QuerySet[Programme]:
    """Exchange programmes with their quotas and what is left of them; public."""
    programmes = programmes_visible_to(_caller(request))
    return programmes.filter(network_id=network_id) if network_id else programmes


@router.get("/programmes/{programme_id}", response=ProgrammeOut, auth=OPTIONAL_TOKEN)
def programme_detail(request: HttpRequest, programme_id: int) -> Programme:
    programme, _can_manage = get_programme_for_user(_caller(request), programme_id)
    return programme


@router.post("/programmes", response={201: ProgrammeOut})
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Status:
    network = Organisation.objects.filter(pk=payload.network_id, kind=Organisation.Kind.NETWORK).first()
    if network is None:
        raise ValidationError({"network_id": [_("No such network.")]})
    data = payload.dict(exclude={"network_id", "subject_areas", "agreement_id"})
    agreement = None
    if payload.agreement_id is not None:
        agreement = agreements_visible_to(api_user(request)).filter(pk=payload.agreement_id).first()
        if agreement is None:
            raise ValidationError({"agreement_id": [_("No such agreement.")]})
    programme = services.programme_create(
        actor=api_user(request),
        network=network,
        agreement=agreement,
        subject_areas=_sectors(payload.subject_areas),
        **data,
    )
    return Status(201, programme)


class ReportRowOut(Schema):
    label: str
    applications: int
    accepted: int
    decided: int
    completed: int
    acceptance_rate: float | None
    quota: int | None


class ReportOut(Schema):
    by_year: list[ReportRowOut]
    by_country_pair: list[ReportRowOut]


@router.get("/programmes/{programme_id}/report", response=ReportOut)
def programme_report_endpoint(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    """Per year and per country pair: applications, acceptance rate, completed mobilities; managers."""
    programme, can_manage = get_programme_for_user(api_user(request), programme_id)
    if not can_manage:
        raise Http404
    report = programme_report(programme)
    return {
        "by_year": [{**row.__dict__, "acceptance_rate": row.acceptance_rate} for row in report.by_year],
        "by_country_pair": [
            {**row.__dict__, "acceptance_rate": row.acceptance_rate} for row in report.by_country_pair
        ],
    }


# Calls


@router.get("/calls", response=list[CallOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def call_list(
    request: HttpRequest, programme_id: int | None = None, status: Call.Status | None = None
) -> QuerySet[Call]:
    """Open and closed calls (and, for their managers, drafts); public."""
    calls = calls_visible_to(_caller(request))
    if programme_id:
        calls = calls.filter(programme_id=programme_id)
    return calls.filter(status=status) if status else calls


def _call_out(request: HttpRequest, call_id: int) -> dict[str, Any]:
    user = _caller(request)
    call, permissions = get_call_for_user(user, call_id)
    quota = quota_of(call.programme, call.mobility_year)
    return {
        **CallOut.from_orm(call).dict(),
        "fields": list(call.fields.all()),
        "criteria": list(call.criteria.all()),
        "quota": {**quota.__dict__, "left": quota.left},
        "can_manage": permissions.can_manage,
        "my_application_id": permissions.my_application.pk if permissions.my_application else None,
    }


@router.get("/calls/{call_id}", response=CallDetailOut, auth=OPTIONAL_TOKEN)
def call_detail(request: HttpRequest, call_id: int) -> dict[str, Any]:
    return _call_out(request, call_id)


@router.post("/programmes/{programme_id}/calls", response={201: CallDetailOut})
def call_create(request: HttpRequest, programme_id: int, payload: CallIn) -> Status:
    programme, _can_manage = get_programme_for_user(api_user(request), programme_id)
    call = services.call_create(actor=api_user(request), programme=programme, **payload.dict())
    return Status(201, _call_out(request, call.pk))


def _managed_call(request: HttpRequest, call_id: int) -> Call:
    call, _permissions = get_call_for_user(api_user(request), call_id)
    return call


@router.post("/calls/{call_id}/fields", response={201: CallDetailOut})
def call_field_add(request: HttpRequest, call_id: int, payload: CallFieldIn) -> Status:
    services.call_field_add(actor=api_user(request), call=_managed_call(request, call_id), **payload.dict())
    return Status(201, _call_out(request, call_id))


@router.post("/calls/{call_id}/criteria", response={201: CallDetailOut})
def criterion_add(request: HttpRequest, call_id: int, payload: CriterionIn) -> Status:
    services.criterion_add(actor=api_user(request), call=_managed_call(request, call_id), **payload.dict())
    return Status(201, _call_out(request, call_id))


@router.post("/calls/{call_id}/open", response=CallDetailOut)
def call_open(request: HttpRequest, call_id: int) -> dict[str, Any]:
    services.call_open(actor=api_user(request), call=_managed_call(request, call_id))
    return _call_out(request, call_id)


@router.post("/calls/{call_id}/close", response=CallDetailOut)
def call_close(request: HttpRequest, call_id: int) -> dict[str, Any]:
    services.call_close(actor=api_user(request), call=_managed_call(request, call_id))
    return _call_out(request, call_id)


# Applications


def _organisation(pk: int, field: str) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).exclude(status=Organisation.Status.MERGED).first()
    if organisation is None:
        raise ValidationError({field: [_("No such organisation.")]})
    return organisation


def _application_values(user: Any, payload: ApplicationIn) -> dict[str, Any]:
    placement = None
    if payload.requested_placement_id is not None:
        placement = placements_visible_to(user).filter(pk=payload.requested_placement_id).first()
        if placement is None:
            raise ValidationError({"requested_placement_id": [_("No such placement.")]})
    subject_area = None
    if payload.subject_area:
        subject_area = Sector.objects.filter(code=payload.subject_area).first()
        if subject_area is None:
            raise ValidationError({"subject_area": [_("Unknown sector code.")]})
    return {
        "home_organisation": _organisation(payload.home_organisation_id, "home_organisation_id"),
        "host_organisation": _organisation(payload.host_organisation_id, "host_organisation_id"),
        "requested_placement": placement,
        "participant_type": payload.participant_type,
        "career_stage": payload.career_stage,
        "language_level": payload.language_level,
        "duration": payload.duration,
        "preferred_start": payload.preferred_start,
        "subject_area": subject_area,
        "summary": payload.summary,
    }


def _available_actions(application: Application, access: ApplicationAccess) -> list[str]:
    status = application.status
    actions: list[str] = []
    if access.is_applicant:
        actions += {
            "draft": ["submit", "withdraw"],
            "submitted": ["withdraw"],
            "eligible": ["withdraw"],
            "under_review": ["withdraw"],
            "waitlisted": ["withdraw"],
            "accepted": ["withdraw"],
            "offered": ["accept-offer", "decline-offer"],
            "placement": [] if application.final_report else ["final-report"],
        }.get(status, [])
    if access.is_manager:
        actions += {
            "submitted": ["check-eligibility"],
            "eligible": ["assign-reviewer"],
            "under_review": ["assign-reviewer", "decide"],
            "waitlisted": ["decide"],
            "accepted": ["offer"],
        }.get(status, [])
    if access.is_manager or access.is_host:
        if status == Application.Status.OFFER_ACCEPTED:
            actions += ["place", "issue-invitation-letter"]
        if status == Application.Status.PLACEMENT:
            actions += ["issue-invitation-letter"] + (
                [] if application.host_evaluation else ["host-evaluation"]
            )
    return actions


def _application_out(application: Application, access: ApplicationAccess) -> dict[str, Any]:
    hidden = access.identity_hidden
    applicant = application.applicant
    home = application.home_organisation
    return {
        "id": application.pk,
        "reference": application.reference,
        "call_id": application.call_id,
        "status": application.status,
        "applicant": None if hidden else {"name": applicant.get_full_name(), "email": applicant.email},
        "home_organisation": None if hidden else {"id": home.pk, "name": home.name, "country": home.country},
        "host_organisation": application.host_organisation,
        "participant_type": application.participant_type,
        "career_stage": application.career_stage,
        "language_level": application.language_level,
        "duration": application.duration,
        "preferred_start": application.preferred_start,
        "summary": application.summary,
        "decision_reason": application.decision_reason
        if (access.is_applicant or access.is_manager)
        else None,
        "offer_expires_at": application.offer_expires_at,
        "submitted_at": application.submitted_at,
    }


def _application_detail_out(application: Application, access: ApplicationAccess) -> dict[str, Any]:
    can_see_documents = access.is_applicant or access.is_manager or access.is_host
    return {
        **_application_out(application, access),
        "answers": [
            {
                "field_id": answer.field_id,
                "text": answer.text,
                "file_name": (answer.original_name if access.can_see_files else None)
                if answer.file
                else None,
            }
            for answer in application.answers.all()
        ],
        "placement_lab": application.placement_lab,
        "placement_supervisor": application.placement_supervisor,
        "placement_starts_on": application.placement_starts_on,
        "placement_ends_on": application.placement_ends_on,
        "final_report": application.final_report,
        "host_evaluation": application.host_evaluation,
        "history": list(history_of(application)) if access.can_see_history else None,
        "documents": (
            [
                {
                    "number": d.number,
                    "kind": d.kind,
                    "issued_at": d.issued_at,
                    "revoked": d.revoked_at is not None,
                }
                for d in application.documents.all()
            ]
            if can_see_documents
            else None
        ),
        "actions": _available_actions(application, access),
    }


@router.get("/exchange-applications", response=list[ApplicationOut])
@paginate(LimitOffsetPagination)
def application_list(
    request: HttpRequest,
    call_id: int | None = None,
    status: Application.Status | None = None,
    role: Literal["applicant", "manager", "reviewer", "host"] | None = None,
) -> list[dict[str, Any]]:
    """Applications the caller may see: their own, those of the calls they manage, those they review
    and those their organisations host."""
    user = api_user(request)
    applications = applications_visible_to(user).order_by("-created_at", "-id")
    if call_id:
        applications = applications.filter(call_id=call_id)
    if status:
        applications = applications.filter(status=status)
    if role == "applicant":
        applications = applications.filter(applicant=user)
    elif role == "reviewer":
        applications = applications.filter(pk__in=reviews_of(user).values("application_id"))
    elif role == "host":
        applications = applications.filter(host_organisation_id__in=my_organisation_ids(user))
    elif role == "manager":
        applications = applications.exclude(applicant=user).exclude(
            pk__in=reviews_of(user).values("application_id")
        )
    return [_application_out(application, access_to(user, application)) for application in applications]


@router.get("/exchange-applications/{application_id}", response=ApplicationDetailOut)
def application_detail(request: HttpRequest, application_id: int) -> dict[str, Any]:
    application, access = get_application_for_user(api_user(request), application_id)
    return _application_detail_out(application, access)


@router.post("/calls/{call_id}/applications", response={201: ApplicationDetailOut})
def application_create(request: HttpRequest, call_id: int, payload: ApplicationIn) -> Status:
    user = api_user(request)
    call, _permissions = get_call_for_user(user, call_id)
    application = services.application_create(actor=user, call=call, **_application_values(user, payload))
    return Status(201, application_detail(request, application.pk))


@router.put("/exchange-applications/{application_id}", response=ApplicationDetailOut)
def application_update(request: HttpRequest, application_id: int, payload: ApplicationIn) -> dict[str, Any]:
    user = api_user(request)
    application, _access = get_application_for_user(user, application_id)
    services.application_update(actor=user, application=application, **_application_values(user, payload))
    return application_detail(request, application_id)


@router.post("/exchange-applications/{application_id}/answers", response=ApplicationDetailOut)
def application_answers(request: HttpRequest, application_id: int, payload: AnswersIn) -> dict[str, Any]:
    """Answers to the call's text and choice questions, by field id (files are uploaded on the page)."""
    user = api_user(request)
    application, _access = get_application_for_user(user, application_id)
    services.application_answers_save(actor=user, application=application, answers=payload.answers)
    return application_detail(request, application_id)


def _required(value: Any, field: str) -> Any:
    if value is None or value == "":
        raise ValidationError({field: [_("This field is required.")]})
    return value


@router.post("/exchange-applications/{application_id}/actions/{action}", response=ApplicationDetailOut)
def application_action(
    request: HttpRequest, application_id: int, action: ActionName, payload: ActionIn
) -> dict[str, Any]:
    """Move the application one step: the same services, and the same checks, as the pages."""
    user = api_user(request)
    application, _access = get_application_for_user(user, application_id)
    match action:
        case "submit":
            services.application_submit(actor=user, application=application)
        case "withdraw":
            services.application_withdraw(actor=user, application=application, reason=payload.note)
        case "check-eligibility":
            services.application_check_eligibility(
                actor=user,
                application=application,
                eligible=_required(payload.eligible, "eligible"),
                note=payload.note,
            )
        case "assign-reviewer":
            reviewer = (
                get_user_model()
                .objects.filter(email__iexact=_required(payload.reviewer_email, "reviewer_email"))
                .first()
            )
            services.review_assign(actor=user, application=application, reviewer=reviewer)
        case "decide":
            services.application_decide(
                actor=user,
                application=application,
                decision=_required(payload.decision, "decision"),
                reason=payload.reason,
            )
        case "offer":
            services.application_offer(
                actor=user,
                application=application,
                expires_on=_required(payload.expires_on, "expires_on"),
                note=payload.note,
            )
        case "accept-offer" | "decline-offer":
            services.application_offer_answer(
                actor=user, application=application, accept=action == "accept-offer", note=payload.note
            )
        case "place":
            services.application_place(
                actor=user,
                application=application,
                lab=payload.lab,
                project=payload.project,
                supervisor=payload.supervisor,
                starts_on=_required(payload.starts_on, "starts_on"),
                ends_on=_required(payload.ends_on, "ends_on"),
            )
        case "final-report":
            services.application_final_report(actor=user, application=application, report=payload.text)
        case "host-evaluation":
            services.application_host_evaluation(actor=user, application=application, evaluation=payload.text)
        case "issue-invitation-letter":
            services.invitation_letter_issue(actor=user, application=application)
    return application_detail(request, application_id)


# Reviews


@router.get("/exchange-reviews", response=list[ReviewOut])
@paginate(LimitOffsetPagination)
def review_list(request: HttpRequest) -> QuerySet[ReviewAssignment]:
    """The reviews assigned to the caller (applications named by reference only)."""
    return reviews_of(api_user(request)).prefetch_related("scores")


def _my_review(request: HttpRequest, review_id: int) -> ReviewAssignment:
    review = reviews_of(api_user(request)).prefetch_related("scores").filter(pk=review_id).first()
    if review is None:
        raise Http404
    return review


@router.get("/exchange-reviews/{review_id}", response=ReviewOut)
def review_detail(request: HttpRequest, review_id: int) -> ReviewAssignment:
    return _my_review(request, review_id)


@router.post("/exchange-reviews/{review_id}/submit", response=ReviewOut)
def review_submit(request: HttpRequest, review_id: int, payload: ReviewIn) -> ReviewAssignment:
    review = services.review_submit(
        actor=api_user(request),
        review=_my_review(request, review_id),
        scores=payload.scores,
        comment=payload.comment,
    )
    return _my_review(request, review.pk)


@router.post("/exchange-reviews/{review_id}/conflict", response={204: None})
def review_conflict(request: HttpRequest, review_id: int, payload: ConflictIn) -> Status:
    """Declare a conflict of interest with the application and give the review back."""
    services.conflict_declare(
        actor=api_user(request), review=_my_review(request, review_id), reason=payload.reason
    )
    return Status(204, None)


# Placements


@router.get("/placements", response=list[PlacementOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def placement_list(request: HttpRequest, host_id: int | None = None) -> QuerySet[Placement]:
    """Published placements (lab, project, supervisor, period); public."""
    placements = placements_visible_to(_caller(request)).filter(status=Placement.Status.PUBLISHED)
    return placements.filter(host_id=host_id) if host_id else placements


@router.get("/placements/{placement_id}", response=PlacementOut, auth=OPTIONAL_TOKEN)
def placement_detail(request: HttpRequest, placement_id: int) -> Placement:
    placement, _can_manage = get_placement_for_user(_caller(request), placement_id)
    return placement


@router.post("/placements", response={201: PlacementOut})
def placement_publish(request: HttpRequest, payload: PlacementIn) -> Status:
    user = api_user(request)
    programme = None
    if payload.programme_id is not None:
        programme = programmes_visible_to(user).filter(pk=payload.programme_id).first()
        if programme is None:
            raise ValidationError({"programme_id": [_("No such programme.")]})
    placement = services.placement_publish(
        actor=user,
        host=_organisation(payload.host_id, "host_id"),
        programme=programme,
        **payload.dict(exclude={"host_id", "programme_id"}),
    )
    return Status(201, placement)


@router.post("/placements/{placement_id}/withdraw", response=PlacementOut)
def placement_withdraw(request: HttpRequest, placement_id: int) -> Placement:
    placement, _can_manage = get_placement_for_user(api_user(request), placement_id)
    return services.placement_withdraw(actor=api_user(request), placement=placement)


# Documents


@router.get("/exchange-documents/{number}", response=VerificationOut, auth=None)
def document_verification(request: HttpRequest, number: str) -> dict[str, Any]:
    """Public, no token needed: is this visa letter, agreement or certificate genuine or revoked?"""
    check = documents.document_check_number(number)
    document = check.document
    return {
        "number": check.number,
        "verdict": check.verdict,
        "kind": document.kind if document else None,
        "fellow": document.payload.get("fellow") if document else None,
        "host_organisation": document.payload.get("host_organisation") if document else None,
        "issued_at": document.issued_at if document else None,
        "detail": check.detail,
    }
