"""Call endpoints: public lists and details; the managers create calls, build their form and criteria,
open and close them."""

from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import api_user
from core.api_contract import inline_choices
from exchanges import services
from exchanges.api.base import OPTIONAL_TOKEN, _caller, router
from exchanges.api.schemas import CallDetailOut, CallFieldIn, CallIn, CallOut, CriterionIn
from exchanges.models import Call
from exchanges.selectors import calls_visible_to, get_call_for_user, get_programme_for_user, quota_of

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
CallStatus = Annotated[Call.Status, inline_choices(Call.Status)]


@router.get("/calls", response=list[CallOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def call_list(
    request: HttpRequest, programme_id: int | None = None, status: CallStatus | None = None
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
