"""Placement pages: what host organisations offer, published and withdrawn by their people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
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
        try:
            placement = services.placement_publish(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The placement has been published."))
            return redirect("exchanges:placement_detail", pk=placement.pk)
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
    try:
        services.placement_withdraw(actor=request.user, placement=placement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The placement has been withdrawn."))
    return redirect("exchanges:placement_detail", pk=placement.pk)
