"""Placement endpoints: public lists and details; hosts publish and withdraw."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import api_user
from exchanges import services
from exchanges.api.applications import _organisation
from exchanges.api.base import OPTIONAL_TOKEN, _caller, router
from exchanges.api.schemas import PlacementIn, PlacementOut
from exchanges.models import Placement
from exchanges.selectors import get_placement_for_user, placements_visible_to, programmes_visible_to


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
