"""Programme endpoints: public lists and details, creation by the network's secretariat, and the report."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import api_user
from core.models import Sector
from directory.models import Organisation
from exchanges import services
from exchanges.api.base import OPTIONAL_TOKEN, _caller, router
from exchanges.api.schemas import ExchangeProgrammeOut, ExchangeReportOut, ProgrammeIn
from exchanges.models import Programme
from exchanges.selectors import get_programme_for_user, programme_report, programmes_visible_to
from hubs.selectors import agreements_visible_to


def _sectors(codes: list[str]) -> list[Sector]:
    sectors = list(Sector.objects.filter(code__in=codes))
    if len(sectors) != len(set(codes)):
        raise ValidationError({"subject_areas": [_("Unknown sector code.")]})
    return sectors


@router.get("/programmes", response=list[ExchangeProgrammeOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def programme_list(request: HttpRequest, network_id: int | None = None) -> QuerySet[Programme]:
    """Exchange programmes with their quotas and what is left of them; public."""
    programmes = programmes_visible_to(_caller(request))
    return programmes.filter(network_id=network_id) if network_id else programmes


@router.get("/programmes/{programme_id}", response=ExchangeProgrammeOut, auth=OPTIONAL_TOKEN)
def programme_detail(request: HttpRequest, programme_id: int) -> Programme:
    programme, _can_manage = get_programme_for_user(_caller(request), programme_id)
    return programme


@router.post("/programmes", response={201: ExchangeProgrammeOut})
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Status:
    network = Organisation.objects.filter(pk=payload.network_id, kind=Organisation.Kind.NETWORK).first()
    if network is None:
        raise ValidationError({"network_id": [_("No such network.")]})
    data = payload.dict(exclude={"network_id", "subject_areas", "agreement_id"})
    agreement = None
    if payload.agreement_id is not None:
        agreement = agreements_visible_to(api_user(request)).filter(pk=payload.agreement_id).first()
        if agreement is None:
            raise ValidationError({"agreement_id": [_("No such agreement.")]})
    programme = services.programme_create(
        actor=api_user(request),
        network=network,
        agreement=agreement,
        subject_areas=_sectors(payload.subject_areas),
        **data,
    )
    return Status(201, programme)


@router.get("/programmes/{programme_id}/report", response=ExchangeReportOut)
def programme_report_endpoint(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    """Per year and per country pair: applications, acceptance rate, completed mobilities; managers."""
    programme, can_manage = get_programme_for_user(api_user(request), programme_id)
    if not can_manage:
        raise Http404
    report = programme_report(programme)
    return {
        "by_year": [{**row.__dict__, "acceptance_rate": row.acceptance_rate} for row in report.by_year],
        "by_country_pair": [
            {**row.__dict__, "acceptance_rate": row.acceptance_rate} for row in report.by_country_pair
        ],
    }
