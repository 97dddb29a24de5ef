"""Application endpoints: the caller's applications, creating and editing one, its answers, and its
transitions as actions (`POST /exchange-applications/{id}/actions/{action}`)."""

from typing import Annotated, Any, Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import api_user
from core.api_contract import inline_choices
from core.models import Sector
from directory.models import Organisation
from exchanges import services
from exchanges.api.base import router
from exchanges.api.schemas import (
    ActionName,
    AnswersIn,
    ApplicationDetailOut,
    ApplicationOut,
    ExchangeApplicationActionIn,
    ExchangeApplicationIn,
)
from exchanges.models import Application
from exchanges.selectors import (
    ApplicationAccess,
    access_to,
    applications_visible_to,
    get_application_for_user,
    get_call_for_user,
    history_of,
    my_organisation_ids,
    placements_visible_to,
    reviews_of,
)
from exchanges.transitions import application_actions_for, history_described

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
ApplicationStatus = Annotated[Application.Status, inline_choices(Application.Status)]


def _organisation(pk: int, field: str) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).exclude(status=Organisation.Status.MERGED).first()
    if organisation is None:
        raise ValidationError({field: [_("No such organisation.")]})
    return organisation


def _application_values(user: Any, payload: ExchangeApplicationIn) -> dict[str, Any]:
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


def _application_out(application: Application, access: ApplicationAccess) -> dict[str, Any]:
    hidden = access.identity_hidden
    applicant = application.applicant
    home = application.home_organisation
    return {
        "id": application.pk,
        "reference": application.reference,
        "call_id": application.call_id,
        "status": application.status,
        "applicant": None
        if hidden
        else {
            "name": applicant.get_full_name() if applicant is not None else application.applicant_name,
            "email": applicant.email if applicant is not None else "",
        },
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
        "history": history_described(history_of(application)) if access.can_see_history else None,
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
        "actions": application_actions_for(access, application),
    }


@router.get("/exchange-applications", response=list[ApplicationOut])
@paginate(LimitOffsetPagination)
def application_list(
    request: HttpRequest,
    call_id: int | None = None,
    status: ApplicationStatus | None = None,
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
def application_create(request: HttpRequest, call_id: int, payload: ExchangeApplicationIn) -> Status:
    user = api_user(request)
    call, _permissions = get_call_for_user(user, call_id)
    application = services.application_create(actor=user, call=call, **_application_values(user, payload))
    return Status(201, application_detail(request, application.pk))


@router.put("/exchange-applications/{application_id}", response=ApplicationDetailOut)
def application_update(
    request: HttpRequest, application_id: int, payload: ExchangeApplicationIn
) -> dict[str, Any]:
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
    request: HttpRequest, application_id: int, action: ActionName, payload: ExchangeApplicationActionIn
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
