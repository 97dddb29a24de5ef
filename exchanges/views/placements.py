"""Placement pages: what host organisations offer, published and withdrawn by their people."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.edges import service_call
from directory.models import Organisation
from directory.selectors import member_organisation_ids, member_organisations
from exchanges import services
from exchanges.forms import PlacementForm
from exchanges.matches import applications_for_placement
from exchanges.models import Placement, Programme
from exchanges.selectors import (
    get_placement_for_user,
    placements_visible_to,
    programmes_visible_to,
)


def placement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "exchanges/placement_list.html",
        {
            "placements": placements_visible_to(request.user).filter(status="published"),
            "can_publish": bool(member_organisation_ids(request.user)),
        },
    )


@login_required
def placement_create(request: HttpRequest) -> HttpResponse:
    form = PlacementForm(
        request.POST or None,
        hosts=member_organisations(request.user).exclude(kind=Organisation.Kind.NETWORK),
        programmes=programmes_visible_to(request.user).filter(status=Programme.Status.ACTIVE),
    )
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.placement_publish(actor=request.user, **form.cleaned_data),
            _("The placement has been published."),
        )
        if done:
            return redirect("exchanges:placement_detail", pk=done.result.pk)
    return render(request, "exchanges/placement_form.html", {"form": form})


def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    placement, can_manage = get_placement_for_user(request.user, pk)
    suggestions = (
        applications_for_placement(request.user, placement)
        if can_manage and placement.status == Placement.Status.PUBLISHED
        else []
    )
    return render(
        request,
        "exchanges/placement_detail.html",
        {"placement": placement, "can_manage": can_manage, "suggested_applications": suggestions},
    )


@login_required
@require_POST
def placement_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    placement, _can_manage = get_placement_for_user(request.user, pk)
    service_call(
        request,
        None,
        lambda: services.placement_withdraw(actor=request.user, placement=placement),
        _("The placement has been withdrawn."),
    )
    return redirect("exchanges:placement_detail", pk=placement.pk)
