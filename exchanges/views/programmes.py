"""Programme pages: the list, creating and editing, the detail with its quotas, and the report."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from core.edges import service_call
from core.permissions import deny_unless
from exchanges import services
from exchanges.forms import ProgrammeForm
from exchanges.selectors import (
    call_is_accepting,
    calls_visible_to,
    current_quotas,
    get_programme_for_user,
    networks_managed_by,
    placements_visible_to,
    programme_report,
    programmes_visible_to,
    quotas_of,
)
from exchanges.services.access import MANAGERS_ONLY
from hubs.models import Agreement
from hubs.selectors import agreements_visible_to


def programme_list(request: HttpRequest) -> HttpResponse:
    """The exchanges' front page: programmes with what is left of this year's quota, and open calls."""
    programmes = list(programmes_visible_to(request.user))
    quotas = current_quotas(programmes)
    rows = [(programme, quotas[programme.pk]) for programme in programmes]
    open_calls = [call for call in calls_visible_to(request.user) if call_is_accepting(call)]
    return render(
        request,
        "exchanges/programme_list.html",
        {"rows": rows, "open_calls": open_calls, "can_create": networks_managed_by(request.user).exists()},
    )


def _agreements_in_effect(request: HttpRequest) -> QuerySet[Agreement]:
    return agreements_visible_to(request.user).filter(status=Agreement.Status.SIGNED).order_by("title")


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    networks = networks_managed_by(request.user)
    deny_unless(networks.exists(), _("Only a network's secretariat creates programmes."))
    form = ProgrammeForm(request.POST or None, networks=networks, agreements=_agreements_in_effect(request))
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.programme_create(actor=request.user, **form.cleaned_data),
            _("The programme has been created."),
        )
        if done:
            return redirect("exchanges:programme_detail", pk=done.result.pk)
    return render(request, "exchanges/programme_form.html", {"form": form, "programme": None})


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme, can_manage = get_programme_for_user(request.user, pk)
    deny_unless(can_manage, MANAGERS_ONLY)
    networks = networks_managed_by(request.user).filter(pk=programme.network_id)
    form = ProgrammeForm(
        request.POST or None,
        networks=networks,
        agreements=_agreements_in_effect(request),
        initial=ProgrammeForm.initial_from(programme),
    )
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "network"}
        if service_call(
            request,
            form,
            lambda: services.programme_update(actor=request.user, programme=programme, **data),
            _("The programme has been saved."),
        ):
            return redirect("exchanges:programme_detail", pk=programme.pk)
    return render(request, "exchanges/programme_form.html", {"form": form, "programme": programme})


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme, can_manage = get_programme_for_user(request.user, pk)
    calls = calls_visible_to(request.user).filter(programme=programme)
    return render(
        request,
        "exchanges/programme_detail.html",
        {
            "programme": programme,
            "can_manage": can_manage,
            "quotas": quotas_of(programme),
            "calls": calls,
            "placements": placements_visible_to(request.user).filter(programme=programme),
        },
    )


@login_required
def programme_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme, can_manage = get_programme_for_user(request.user, pk)
    deny_unless(can_manage, MANAGERS_ONLY)
    return render(
        request,
        "exchanges/programme_report.html",
        {"programme": programme, "report": programme_report(programme)},
    )
