"""Pages of expressions of interest: sending one from a profile, its page (answer, conversation,
outcome) and the "My EOIs" dashboard. They parse input, call one service and render."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.edges import service_call
from marketplace import eoi_services as services
from marketplace.eoi_forms import EoiAcceptForm, EoiDeclineForm, EoiMessageForm, EoiOutcomeForm, EoiSendForm
from marketplace.eoi_selectors import (
    EoiPermissions,
    eoi_outcome_statistics,
    eois_received_by_my_organisations,
    eois_sent_by_my_organisations,
    get_eoi_for_user,
    messages_of,
    outcomes_of,
    sender_organisations_for,
)
from marketplace.models import ExpressionOfInterest
from marketplace.selectors import get_profile_for_user

EOIS_PER_PAGE = 20


@login_required
def eoi_send(request: HttpRequest, profile_pk: int) -> HttpResponse:
    """The form to express interest in a profile (also shown on the profile page's panel)."""
    profile, permissions = get_profile_for_user(request.user, profile_pk)
    form = EoiSendForm(request.POST or None, organisations=sender_organisations_for(request.user, profile))
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.eoi_send(
                sender=request.user,
                sender_organisation=form.cleaned_data["sender_organisation"],
                profile=profile,
                message=form.cleaned_data["message"],
                contribution=form.cleaned_data["contribution"],
            ),
            _("Your expression of interest has been sent."),
        )
        if done:
            return redirect("marketplace:eoi_detail", pk=done.result.pk)
    return render(
        request,
        "marketplace/eoi_send.html",
        {"profile": profile, "permissions": permissions, "form": form},
    )


def _render_detail(
    request: HttpRequest,
    eoi: ExpressionOfInterest,
    permissions: EoiPermissions,
    *,
    bound: forms.Form | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {"eoi": eoi, "permissions": permissions, "profile": eoi.profile}
    if permissions.can_answer:
        context["accept_form"] = EoiAcceptForm()
        context["decline_form"] = EoiDeclineForm()
    if permissions.can_message:
        context["message_form"] = EoiMessageForm()
    if permissions.can_record_outcome:
        context["outcome_form"] = EoiOutcomeForm()
    if eoi.status == ExpressionOfInterest.Status.ACCEPTED:
        context["thread"] = messages_of(eoi, owner_disclosed=permissions.owner_disclosed)
        context["outcomes"] = outcomes_of(eoi)
    if bound is not None:
        key = {
            EoiAcceptForm: "accept_form",
            EoiDeclineForm: "decline_form",
            EoiMessageForm: "message_form",
            EoiOutcomeForm: "outcome_form",
        }[type(bound)]
        context[key] = bound
    return render(request, "marketplace/eoi_detail.html", context)


@login_required
def eoi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    eoi, permissions = get_eoi_for_user(request.user, pk)
    return _render_detail(request, eoi, permissions)


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form] | None,
    perform: Callable[[ExpressionOfInterest, dict[str, Any]], object],
    success: Any,
) -> HttpResponse:
    """Load the EOI through its selector, parse the form, run the service; on a refusal show the
    page again with what was typed and the error beside its field."""
    eoi, permissions = get_eoi_for_user(request.user, pk)
    form = form_class(request.POST) if form_class is not None else None
    if form is None or form.is_valid():
        try:
            perform(eoi, form.cleaned_data if form is not None else {})
        except ValidationError as error:
            about_fields = hasattr(error, "error_dict") and set(error.error_dict) & set(
                form.fields if form else ()
            )
            if form is None or not about_fields:
                # A refusal about the EOI itself (answered meanwhile, expired): said at the top.
                messages.error(request, " ".join(error.messages))
                return redirect("marketplace:eoi_detail", pk=eoi.pk)
            assert form is not None
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect("marketplace:eoi_detail", pk=eoi.pk)
    return _render_detail(request, eoi, permissions, bound=form)


@login_required
@require_POST
def eoi_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        EoiAcceptForm,
        lambda eoi, data: services.eoi_accept(actor=request.user, eoi=eoi, message=data["message"]),
        _("You have accepted the expression of interest; contacts are now shared."),
    )


@login_required
@require_POST
def eoi_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        EoiDeclineForm,
        lambda eoi, data: services.eoi_decline(
            actor=request.user, eoi=eoi, reason=data["reason"], note=data["note"]
        ),
        _("You have declined the expression of interest."),
    )


@login_required
@require_POST
def eoi_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        None,
        lambda eoi, data: services.eoi_withdraw(actor=request.user, eoi=eoi),
        _("You have withdrawn the expression of interest."),
    )


@login_required
@require_POST
def eoi_message_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        EoiMessageForm,
        lambda eoi, data: services.eoi_message_post(author=request.user, eoi=eoi, body=data["body"]),
        _("Your message has been posted."),
    )


@login_required
@require_POST
def eoi_outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        EoiOutcomeForm,
        lambda eoi, data: services.eoi_outcome_record(
            actor=request.user, eoi=eoi, outcome=data["outcome"], agreement_type=data["agreement_type"]
        ),
        _("The outcome has been recorded."),
    )


@login_required
def my_eois(request: HttpRequest) -> HttpResponse:
    """The expressions of interest my organisations sent and received, and what came of them."""
    sent = Paginator(eois_sent_by_my_organisations(request.user), EOIS_PER_PAGE).get_page(
        request.GET.get("sent_page")
    )
    received = Paginator(eois_received_by_my_organisations(request.user), EOIS_PER_PAGE).get_page(
        request.GET.get("received_page")
    )
    return render(
        request,
        "marketplace/eoi_dashboard.html",
        {"sent": sent, "received": received, "statistics": eoi_outcome_statistics(request.user)},
    )
