"""Application pages: the applicant's forms, the page every party sees with the steps each may take,
the files, the referee's upload page and one's own exchanges."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from core.edges import service_call
from core.uploads import upload_download_response
from directory.selectors import member_organisations
from exchanges import services
from exchanges.call_rules import rules_of
from exchanges.forms import (
    AnswersForm,
    ApplicationForm,
    AssignReviewerForm,
    DecisionForm,
    EligibilityForm,
    FinalReportForm,
    HostEvaluationForm,
    NoteForm,
    OfferAnswerForm,
    OfferForm,
    PlaceForm,
    RefereeForm,
    RefereeLetterForm,
)
from exchanges.matches import SEEKING_STATUSES, placements_for_application, reviewers_for_application
from exchanges.models import Application, CallField, Programme, RefereeRequest
from exchanges.selectors import (
    REVIEWABLE_STATUSES,
    ApplicationAccess,
    documents_of,
    get_application_for_user,
    get_call_for_user,
    history_of,
    host_organisations_for,
    hosted_applications,
    my_applications,
    placements_visible_to,
    quota_of,
    reviews_of,
)
from exchanges.services import application_problems
from exchanges.transitions import application_actions_for, history_described


def _application_form(
    request: HttpRequest, call: Any, *, initial: dict[str, Any] | None = None
) -> ApplicationForm:
    return ApplicationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        home_organisations=member_organisations(request.user),
        host_organisations=host_organisations_for(request.user),
        placements=placements_visible_to(request.user).filter(status="published"),
        duration_unit_label=str(Programme.DurationUnit(call.programme.duration_unit).label),
        rules=rules_of(call),
    )


@login_required
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    call, permissions = get_call_for_user(request.user, pk)
    if permissions.my_application is not None:
        return redirect("exchanges:application_detail", pk=permissions.my_application.pk)
    form = _application_form(request, call)
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.application_create(actor=request.user, call=call, **form.cleaned_data),
            _("Your draft has been saved; answer the call's questions, then submit it."),
        )
        if done:
            return redirect("exchanges:application_edit", pk=done.result.pk)
    return render(
        request,
        "exchanges/application_form.html",
        {
            "call": call,
            "form": form,
            "application": None,
            "quota": quota_of(call.programme, call.mobility_year),
        },
    )


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application, access = get_application_for_user(request.user, pk)
    if not access.is_applicant or application.status != Application.Status.DRAFT:
        return redirect("exchanges:application_detail", pk=application.pk)
    call = application.call
    call_fields = list(call.fields.all())
    answers = {answer.field_id: answer for answer in application.answers.all()}
    form = _application_form(request, call, initial=ApplicationForm.initial_from(application))
    answers_form = AnswersForm(
        request.POST or None,
        request.FILES or None,
        call_fields=call_fields,
        answers=answers,
        prefix="answers",
    )

    def save() -> None:
        services.application_update(actor=request.user, application=application, **form.cleaned_data)
        services.application_answers_save(
            actor=request.user, application=application, answers=answers_form.answers()
        )

    if (
        request.method == "POST"
        and form.is_valid()
        and answers_form.is_valid()
        and service_call(request, (form, answers_form), save, _("Your draft has been saved."))
    ):
        return redirect("exchanges:application_detail", pk=application.pk)
    return render(
        request,
        "exchanges/application_form.html",
        {
            "call": call,
            "form": form,
            "answers_form": answers_form,
            "application": application,
            "quota": quota_of(call.programme, call.mobility_year),
        },
    )


def _referees_of(application: Application) -> list[tuple[CallField, RefereeRequest | None]]:
    asked = {referee.field_id: referee for referee in application.referee_requests.all()}
    return [
        (call_field, asked.get(call_field.pk))
        for call_field in application.call.fields.filter(kind=CallField.Kind.REFERENCE_LETTER)
    ]


def _render_application(
    request: HttpRequest,
    application: Application,
    access: ApplicationAccess,
    *,
    bound: forms.Form | None = None,
    bound_name: str = "",
) -> HttpResponse:
    context: dict[str, Any] = {
        "application": application,
        "access": access,
        "answers": application.answers.select_related("field"),
        "referees": _referees_of(application),
    }
    if access.can_see_history:
        context["history"] = history_described(history_of(application))
    if access.is_applicant or access.is_manager or access.is_host:
        context["documents"] = documents_of(application)
    if access.is_applicant and application.status in (*SEEKING_STATUSES, Application.Status.DRAFT):
        context["suggested_placements"] = placements_for_application(request.user, application)
    if access.is_manager and application.status in REVIEWABLE_STATUSES:
        context["suggested_reviewers"] = reviewers_for_application(request.user, application)
    if access.is_manager:
        context["problems"] = application_problems(application)
        context["reviews"] = application.reviews.select_related("reviewer").prefetch_related(
            "scores__criterion"
        )
        context["quota"] = quota_of(application.call.programme, application.call.mobility_year)
    actions = application_actions_for(access, application)
    context["actions"] = actions
    placement = application.requested_placement
    # The form each offered action needs on the page, by the name the template shows it under.
    action_forms: dict[str, tuple[str, Callable[[], forms.Form]]] = {
        "request-referee": ("referee_form", RefereeForm),
        "accept-offer": ("offer_answer_form", OfferAnswerForm),
        "final-report": ("final_report_form", FinalReportForm),
        "withdraw": ("withdraw_form", NoteForm),
        "check-eligibility": ("eligibility_form", EligibilityForm),
        "assign-reviewer": ("assign_form", AssignReviewerForm),
        "decide": ("decision_form", DecisionForm),
        "offer": ("offer_form", OfferForm),
        "place": (
            "place_form",
            lambda: PlaceForm(
                initial={
                    "starts_on": placement.starts_on if placement else None,
                    "ends_on": placement.ends_on if placement else None,
                    "lab": placement.lab if placement else "",
                    "supervisor": placement.supervisor if placement else "",
                    "project": placement.project if placement else "",
                }
            ),
        ),
        "host-evaluation": ("evaluation_form", HostEvaluationForm),
    }
    forms_by_name: dict[str, forms.Form] = {
        action_forms[action][0]: action_forms[action][1]() for action in actions if action in action_forms
    }
    if bound is not None:
        forms_by_name[bound_name] = bound
    context.update(forms_by_name)
    return render(
        request, "exchanges/application_detail.html", context, status=400 if bound is not None else 200
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application, access = get_application_for_user(request.user, pk)
    return _render_application(request, application, access)


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form] | None,
    form_name: str,
    perform: Callable[[Application, dict[str, Any]], object],
    success: StrOrPromise,
) -> HttpResponse:
    """Load the application through its selector, parse the form, run the service; on a refusal show
    the page again with what was typed and the reason (a button without a form flashes it instead)."""
    application, access = get_application_for_user(request.user, pk)
    form = form_class(request.POST) if form_class is not None else None
    if form is None or form.is_valid():
        data = form.cleaned_data if form is not None else {}
        if service_call(request, form, lambda: perform(application, data), success) or form is None:
            return redirect("exchanges:application_detail", pk=application.pk)
    application.refresh_from_db()
    return _render_application(request, application, access, bound=form, bound_name=form_name)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        None,
        "",
        lambda application, data: services.application_submit(actor=request.user, application=application),
        _("Your application has been submitted."),
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        NoteForm,
        "withdraw_form",
        lambda application, data: services.application_withdraw(
            actor=request.user, application=application, reason=data["note"]
        ),
        _("Your application has been withdrawn."),
    )


@login_required
@require_POST
def referee_request(request: HttpRequest, pk: int, field_pk: int) -> HttpResponse:
    def perform(application: Application, data: dict[str, Any]) -> object:
        call_field = application.call.fields.filter(pk=field_pk).first()
        if call_field is None:
            raise Http404(_("No such question."))
        return services.referee_request_send(
            actor=request.user, application=application, call_field=call_field, **data
        )

    return _act(request, pk, RefereeForm, "referee_form", perform, _("The referee has been asked by email."))


@login_required
@require_POST
def application_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        EligibilityForm,
        "eligibility_form",
        lambda application, data: services.application_check_eligibility(
            actor=request.user, application=application, eligible=data["eligible"], note=data["note"]
        ),
        _("The eligibility check has been recorded."),
    )


@login_required
@require_POST
def review_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(application: Application, data: dict[str, Any]) -> object:
        reviewer = get_user_model().objects.filter(email__iexact=data["reviewer"]).first()
        return services.review_assign(actor=request.user, application=application, reviewer=reviewer)

    return _act(request, pk, AssignReviewerForm, "assign_form", perform, _("The reviewer has been assigned."))


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        DecisionForm,
        "decision_form",
        lambda application, data: services.application_decide(
            actor=request.user, application=application, decision=data["decision"], reason=data["reason"]
        ),
        _("The decision has been recorded."),
    )


@login_required
@require_POST
def application_offer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        OfferForm,
        "offer_form",
        lambda application, data: services.application_offer(
            actor=request.user, application=application, **data
        ),
        _("The offer has been made."),
    )


@login_required
@require_POST
def application_offer_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        OfferAnswerForm,
        "offer_answer_form",
        lambda application, data: services.application_offer_answer(
            actor=request.user, application=application, accept=data["answer"] == "accept", note=data["note"]
        ),
        _("Your answer has been recorded."),
    )


@login_required
@require_POST
def application_place(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        PlaceForm,
        "place_form",
        lambda application, data: services.application_place(
            actor=request.user, application=application, **data
        ),
        _("The placement has started; the placement agreement is issued."),
    )


@login_required
@require_POST
def application_final_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        FinalReportForm,
        "final_report_form",
        lambda application, data: services.application_final_report(
            actor=request.user, application=application, report=data["report"]
        ),
        _("Your final report has been saved."),
    )


@login_required
@require_POST
def application_host_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        HostEvaluationForm,
        "evaluation_form",
        lambda application, data: services.application_host_evaluation(
            actor=request.user, application=application, evaluation=data["evaluation"]
        ),
        _("The evaluation has been saved."),
    )


@login_required
@require_POST
def invitation_letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        None,
        "",
        lambda application, data: services.invitation_letter_issue(
            actor=request.user, application=application
        ),
        _("The visa invitation letter has been issued."),
    )


@login_required
def answer_file(request: HttpRequest, pk: int, answer_pk: int) -> FileResponse:
    application, access = get_application_for_user(request.user, pk)
    answer = application.answers.filter(pk=answer_pk).exclude(file="").first()
    if answer is None or not access.can_see_files:
        raise Http404(_("No such file."))
    return upload_download_response(
        answer.file, content_type=answer.content_type, filename=answer.original_name
    )


@login_required
def referee_letter(request: HttpRequest, pk: int, request_pk: int) -> FileResponse:
    """Reference letters are confidential: the call's managers read them, the applicant does not."""
    application, access = get_application_for_user(request.user, pk)
    referee = application.referee_requests.filter(pk=request_pk).exclude(letter="").first()
    if referee is None or not access.is_manager:
        raise Http404(_("No such file."))
    return upload_download_response(
        referee.letter,
        content_type=referee.letter_content_type,
        filename=f"{application.reference}-reference.pdf",
    )


def referee_upload(request: HttpRequest, token: str) -> HttpResponse:
    """The referee's page, reached through the secret link in their email (no account needed)."""
    referee = (
        RefereeRequest.objects.select_related("application__call", "application__applicant")
        .filter(token=token)
        .first()
    )
    if referee is None:
        raise Http404(_("This link is not valid."))
    form = RefereeLetterForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.referee_letter_upload(request=referee, letter=form.cleaned_data["letter"]),
            _("Thank you: your letter has been received."),
        )
    ):
        return redirect("exchanges:referee_upload", token=token)
    return render(request, "exchanges/referee_upload.html", {"referee": referee, "form": form})


@login_required
def my_exchanges(request: HttpRequest) -> HttpResponse:
    """Where I stand: my applications, the reviews I owe, and the fellows my organisations host."""
    return render(
        request,
        "exchanges/my_exchanges.html",
        {
            "applications": my_applications(request.user),
            "reviews": reviews_of(request.user),
            "hosted": hosted_applications(request.user).exclude(applicant_id=request.user.pk),
        },
    )
