"""Call pages: creating and editing a call, its detail, opening and closing, its questions and criteria."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from core.edges import service_call
from core.permissions import deny_unless
from exchanges import services
from exchanges.call_rules import rules_of
from exchanges.forms import CallFieldForm, CallForm, CriterionForm
from exchanges.models import Application
from exchanges.selectors import (
    call_is_accepting,
    get_call_for_user,
    get_programme_for_user,
    quota_of,
    ranking_of,
)
from exchanges.services.access import MANAGERS_ONLY


@login_required
def call_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme, can_manage = get_programme_for_user(request.user, pk)
    deny_unless(can_manage, MANAGERS_ONLY)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.call_create(actor=request.user, programme=programme, **form.cleaned_data),
            _("The call has been created as a draft; add its questions and criteria."),
        )
        if done:
            return redirect("exchanges:call_detail", pk=done.result.pk)
    return render(request, "exchanges/call_form.html", {"form": form, "programme": programme, "call": None})


@login_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call, permissions = get_call_for_user(request.user, pk)
    deny_unless(permissions.can_manage, MANAGERS_ONLY)
    form = CallForm(request.POST or None, initial=CallForm.initial_from(call))
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.call_update(actor=request.user, call=call, **form.cleaned_data),
            _("The call has been saved."),
        )
    ):
        return redirect("exchanges:call_detail", pk=call.pk)
    return render(
        request, "exchanges/call_form.html", {"form": form, "programme": call.programme, "call": call}
    )


def call_detail(request: HttpRequest, pk: int, **bound: forms.Form) -> HttpResponse:
    call, permissions = get_call_for_user(request.user, pk)
    context: dict[str, Any] = {
        "call": call,
        "permissions": permissions,
        "quota": quota_of(call.programme, call.mobility_year),
        "accepting": call_is_accepting(call),
        "rules": rules_of(call),
    }
    if permissions.can_manage:
        context.update(
            field_form=bound.get("field_form") or CallFieldForm(prefix="field"),
            criterion_form=bound.get("criterion_form") or CriterionForm(prefix="criterion"),
            ranking=ranking_of(call),
            submitted=call.applications.filter(status=Application.Status.SUBMITTED).select_related(
                "applicant", "home_organisation"
            ),
        )
    return render(request, "exchanges/call_detail.html", context, status=400 if bound else 200)


def _call_action(
    request: HttpRequest, pk: int, perform: Callable[[Any], object], success: StrOrPromise
) -> HttpResponse:
    call, permissions = get_call_for_user(request.user, pk)
    deny_unless(permissions.can_manage, MANAGERS_ONLY)
    service_call(request, None, lambda: perform(call), success)
    return redirect("exchanges:call_detail", pk=call.pk)


@login_required
@require_POST
def call_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _call_action(
        request, pk, lambda call: services.call_open(actor=request.user, call=call), _("The call is open.")
    )


@login_required
@require_POST
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _call_action(
        request, pk, lambda call: services.call_close(actor=request.user, call=call), _("The call is closed.")
    )


@login_required
@require_POST
def call_field_add(request: HttpRequest, pk: int) -> HttpResponse:
    call, permissions = get_call_for_user(request.user, pk)
    deny_unless(permissions.can_manage, MANAGERS_ONLY)
    form = CallFieldForm(request.POST, prefix="field")
    if form.is_valid():
        data = form.cleaned_data
        if service_call(
            request,
            form,
            lambda: services.call_field_add(
                actor=request.user,
                call=call,
                label=data["label"],
                kind=data["kind"],
                choices=data["choices"].splitlines(),
                required=data["required"],
                help_text=data["help_text"],
            ),
            _("The question has been added."),
        ):
            return redirect("exchanges:call_detail", pk=call.pk)
    return call_detail(request, pk, field_form=form)


@login_required
@require_POST
def call_field_remove(request: HttpRequest, pk: int, field_pk: int) -> HttpResponse:
    def perform(call: Any) -> None:
        call_field = call.fields.filter(pk=field_pk).first()
        if call_field is None:
            raise Http404(_("No such question."))
        services.call_field_remove(actor=request.user, call_field=call_field)

    return _call_action(request, pk, perform, _("The question has been removed."))


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    call, permissions = get_call_for_user(request.user, pk)
    deny_unless(permissions.can_manage, MANAGERS_ONLY)
    form = CriterionForm(request.POST, prefix="criterion")
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.criterion_add(actor=request.user, call=call, **form.cleaned_data),
        _("The criterion has been added."),
    ):
        return redirect("exchanges:call_detail", pk=call.pk)
    return call_detail(request, pk, criterion_form=form)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    def perform(call: Any) -> None:
        criterion = call.criteria.filter(pk=criterion_pk).first()
        if criterion is None:
            raise Http404(_("No such criterion."))
        services.criterion_remove(actor=request.user, criterion=criterion)

    return _call_action(request, pk, perform, _("The criterion has been removed."))
