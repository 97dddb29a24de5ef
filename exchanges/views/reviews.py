"""Reviewer pages: a review with its scores, declaring conflicts, and offering to review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.edges import service_call
from exchanges import services
from exchanges.forms import ConflictForm, OrganisationConflictForm, ReviewerProfileForm, ReviewForm
from exchanges.models import Application, ReviewAssignment
from exchanges.selectors import (
    ApplicationAccess,
    conflicts_declared_by,
    get_application_for_user,
    host_organisations_for,
    reviewer_profile_of,
    reviews_of,
)


def _get_review(request: HttpRequest, pk: int) -> tuple[ReviewAssignment, Application, ApplicationAccess]:
    review = reviews_of(request.user).filter(pk=pk).first()
    if review is None:
        raise Http404(_("No such review."))
    application, access = get_application_for_user(request.user, review.application_id)
    return review, application, access


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review, application, access = _get_review(request, pk)
    criteria = list(application.call.criteria.all())
    form = ReviewForm(request.POST or None, criteria=criteria, prefix="review")
    conflict_form = ConflictForm(prefix="conflict")
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.review_submit(
                actor=request.user, review=review, scores=form.scores(), comment=form.cleaned_data["comment"]
            ),
            _("Your review has been submitted."),
        )
    ):
        return redirect("exchanges:review_detail", pk=review.pk)
    return render(
        request,
        "exchanges/review_detail.html",
        {
            "review": review,
            "application": application,
            "access": access,
            "answers": application.answers.select_related("field"),
            "scores": review.scores.select_related("criterion"),
            "form": form,
            "conflict_form": conflict_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def review_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    review, _application, _access = _get_review(request, pk)
    form = ConflictForm(request.POST, prefix="conflict")
    if not form.is_valid():
        messages.error(request, _("Say what the conflict is."))
    elif service_call(
        request,
        None,
        lambda: services.conflict_declare(
            actor=request.user, review=review, reason=form.cleaned_data["reason"]
        ),
        _("Your conflict of interest has been recorded; the review is given back."),
    ):
        return redirect("exchanges:my_exchanges")
    return redirect("exchanges:review_detail", pk=review.pk)


@login_required
def reviewer_profile(request: HttpRequest) -> HttpResponse:
    """A person offers to review and describes their expertise (what managers are proposed by)."""
    existing = reviewer_profile_of(request.user)
    initial = {"expertise": existing.expertise, "available": existing.available} if existing else None
    form = ReviewerProfileForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.reviewer_profile_save(actor=request.user, **form.cleaned_data),
            _("Your reviewer profile has been saved."),
        )
    ):
        return redirect("exchanges:reviewer_profile")
    return render(request, "exchanges/reviewer_profile.html", {"form": form, "profile": existing})


@login_required
def conflict_list(request: HttpRequest) -> HttpResponse:
    """A reviewer's standing conflicts with organisations, applied to every future assignment."""
    form = OrganisationConflictForm(request.POST or None, organisations=host_organisations_for(request.user))
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.conflict_declare(actor=request.user, **form.cleaned_data),
            _("Your conflict of interest has been recorded."),
        )
    ):
        return redirect("exchanges:conflict_list")
    return render(
        request,
        "exchanges/conflict_list.html",
        {"form": form, "conflicts": conflicts_declared_by(request.user)},
    )
