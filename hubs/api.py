"""Hubs in the API: the same selectors and services as the pages, so the same permissions."""

import datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import OPTIONAL_TOKEN, api_caller, api_user
from core.api_contract import inline_choices
from core.permissions import deny_unless
from directory.models import Organisation
from hubs import services
from hubs.agreement_workflow import TRANSITIONS
from hubs.kpis import kpi_actual
from hubs.models import Agreement, BriefingReport, Hub, Interaction, Kpi, Need, Programme
from hubs.selectors import (
    admin_organisation_ids,
    agreement_permissions,
    agreements_of_hub,
    get_agreement_for_user,
    get_hub_for_user,
    get_need_for_user,
    get_programme_for_user,
    get_report_for_user,
    hubs_visible_to,
    interactions_of_hub,
    managed_hub_ids,
    needs_of_hub,
    programmes_of_hub,
)

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
AgreementKind = Annotated[Agreement.Kind, inline_choices(Agreement.Kind)]
AgreementStatus = Annotated[Agreement.Status, inline_choices(Agreement.Status)]
BriefingReportStatus = Annotated[BriefingReport.Status, inline_choices(BriefingReport.Status)]
InteractionKind = Annotated[Interaction.Kind, inline_choices(Interaction.Kind)]
KpiMetric = Annotated[Kpi.Metric, inline_choices(Kpi.Metric)]
NeedSource = Annotated[Need.Source, inline_choices(Need.Source)]
NeedStatus = Annotated[Need.Status, inline_choices(Need.Status)]
NeedVisibility = Annotated[Need.Visibility, inline_choices(Need.Visibility)]
ProgrammeHorizon = Annotated[Programme.Horizon, inline_choices(Programme.Horizon)]

router = Router(tags=["hubs"])


class HubOrganisationRefOut(Schema):
    id: int
    name: str
    country: str


class HubOut(Schema):
    id: int
    host: HubOrganisationRefOut
    partner_country: str
    partner_region: str
    mandate: str
    designated_by: str
    designated_on: datetime.date
    time_zone: str = Field(description="IANA zone of the desk, e.g. Asia/Tehran; empty for the host's.")
    desk_parks: list[HubOrganisationRefOut]

    @staticmethod
    def resolve_desk_parks(obj: Hub) -> list[Organisation]:
        return list(obj.desk_parks.all())


class HubIn(Schema):
    host_id: int
    partner_country: str = Field(..., max_length=2)
    partner_region: str = Field("", max_length=120)
    mandate: str = Field(..., max_length=4000)
    designated_by: str = Field(..., max_length=300)
    designated_on: datetime.date
    time_zone: str = Field("", max_length=64, description="An IANA zone name such as Asia/Tehran.")
    desk_park_ids: list[int] = []


class NeedOut(Schema):
    id: int
    hub_id: int
    title: str
    description: str
    sector: str | None
    source: NeedSource
    source_detail: str
    identified_on: datetime.date
    status: NeedStatus
    visibility: NeedVisibility
    announced_at: datetime.datetime | None

    @staticmethod
    def resolve_sector(obj: Need) -> str | None:
        return obj.sector.code if obj.sector else None


class NeedIn(Schema):
    title: str = Field(..., max_length=256)
    description: str = Field(..., max_length=4000)
    source: NeedSource
    identified_on: datetime.date
    source_detail: str = Field("", max_length=500)
    sector: str | None = Field(None, max_length=100)


class NeedAnnounceIn(Schema):
    visibility: NeedVisibility


class NeedStatusIn(Schema):
    status: NeedStatus


class InteractionOut(Schema):
    id: int
    hub_id: int
    kind: InteractionKind
    title: str
    occurred_on: datetime.date
    place: str
    our_organisations: list[HubOrganisationRefOut]
    partner_organisations: list[HubOrganisationRefOut]
    our_people: str
    partner_people: str
    outcome: str

    @staticmethod
    def resolve_our_organisations(obj: Interaction) -> list[Organisation]:
        return list(obj.our_organisations.all())

    @staticmethod
    def resolve_partner_organisations(obj: Interaction) -> list[Organisation]:
        return list(obj.partner_organisations.all())


class InteractionIn(Schema):
    kind: InteractionKind
    title: str = Field(..., max_length=256)
    occurred_on: datetime.date
    place: str = Field("", max_length=200)
    our_organisation_ids: list[int] = []
    partner_organisation_ids: list[int] = []
    our_people: str = Field("", max_length=500)
    partner_people: str = Field("", max_length=500)
    outcome: str = Field("", max_length=4000)


class PartyOut(Schema):
    organisation: HubOrganisationRefOut
    approved_current_text: bool
    approved_at: datetime.datetime | None


class AgreementOut(Schema):
    id: int
    hub_id: int
    kind: AgreementKind
    title: str
    text: str
    status: AgreementStatus
    text_hash: str
    scope: list[str]
    parties: list[PartyOut]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    signed_on: datetime.date | None
    can_edit: bool
    can_sign: bool
    # What the caller may do now, from `hubs.agreement_workflow.TRANSITIONS`.
    available_actions: list[str]
    approvable_party_ids: list[int]


class AgreementIn(Schema):
    kind: AgreementKind = Agreement.Kind.MOU
    title: str = Field(..., max_length=300)
    text: str = Field(..., max_length=50000)
    party_ids: list[int]
    scope: list[Annotated[str, Field(max_length=64)]] = []
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


class ApproveIn(Schema):
    party_id: int
    text_hash: str = Field(..., max_length=64)


class SignIn(Schema):
    signed_on: datetime.date | None = None


class KpiOut(Schema):
    id: int
    name: str
    metric: KpiMetric
    target: int
    actual: int
    history: list[tuple[datetime.date, int]]


class HubProgrammeOut(Schema):
    id: int
    hub_id: int
    title: str
    horizon: ProgrammeHorizon
    starts_on: datetime.date
    ends_on: datetime.date
    objectives: str
    responsible_organisations: list[HubOrganisationRefOut]

    @staticmethod
    def resolve_responsible_organisations(obj: Programme) -> list[Organisation]:
        return list(obj.responsible_organisations.all())


class ReportIn(Schema):
    hub_id: int
    country: str = Field("", max_length=2)
    as_of: datetime.date | None = None


class BriefingReportOut(Schema):
    id: int
    hub_id: int
    country: str
    as_of: datetime.date
    status: BriefingReportStatus
    progress: int
    fingerprint: str
    content: dict[str, Any] | None
    pdf_url: str | None


def _organisations(ids: list[int]) -> list[Organisation]:
    organisations = list(Organisation.objects.filter(pk__in=ids, status=Organisation.Status.ACTIVE))
    if len(organisations) != len(set(ids)):
        from django.core.exceptions import ValidationError

        raise ValidationError(_("One of the organisations does not exist."))
    return organisations


# Hubs


@router.get("/hubs", response=list[HubOut], auth=OPTIONAL_TOKEN)
@paginate(LimitOffsetPagination)
def hub_list(request: HttpRequest) -> QuerySet[Hub]:
    """Every hub; public, as the hubs page is (no token needed)."""
    return (
        hubs_visible_to(api_caller(request))
        .prefetch_related("desk_parks")
        .order_by("host__name", "partner_country", "id")
    )


@router.post("/hubs", response={201: HubOut})
def hub_create(request: HttpRequest, payload: HubIn) -> Status[Hub]:
    user = api_user(request)
    host = get_object_or_404(Organisation, pk=payload.host_id)
    hub = services.hub_create(
        actor=user,
        host=host,
        partner_country=payload.partner_country.upper(),
        partner_region=payload.partner_region,
        mandate=payload.mandate,
        designated_by=payload.designated_by,
        designated_on=payload.designated_on,
        desk_parks=_organisations(payload.desk_park_ids),
        time_zone=payload.time_zone,
    )
    return Status(201, hub)


@router.get("/hubs/{hub_id}", response=HubOut, auth=OPTIONAL_TOKEN)
def hub_detail(request: HttpRequest, hub_id: int) -> Hub:
    """One hub; public, as its page is (no token needed)."""
    return get_hub_for_user(api_caller(request), hub_id)[0]


# Needs


@router.get("/hubs/{hub_id}/needs", response=list[NeedOut])
@paginate(LimitOffsetPagination)
def need_list(request: HttpRequest, hub_id: int, status: NeedStatus | None = None) -> QuerySet[Need]:
    user = api_user(request)
    hub, _permissions = get_hub_for_user(user, hub_id)
    return needs_of_hub(user, hub, status=status)


@router.post("/hubs/{hub_id}/needs", response={201: NeedOut})
def need_register(request: HttpRequest, hub_id: int, payload: NeedIn) -> Status[Need]:
    from core.models import Sector

    user = api_user(request)
    hub, _permissions = get_hub_for_user(user, hub_id)
    sector = get_object_or_404(Sector, code=payload.sector) if payload.sector else None
    need = services.need_register(
        actor=user,
        hub=hub,
        title=payload.title,
        description=payload.description,
        source=payload.source,
        source_detail=payload.source_detail,
        identified_on=payload.identified_on,
        sector=sector,
    )
    return Status(201, need)


@router.get("/needs/{need_id}", response=NeedOut)
def need_detail(request: HttpRequest, need_id: int) -> Need:
    return get_need_for_user(api_user(request), need_id)[0]


@router.post("/needs/{need_id}/announce", response=NeedOut)
def need_announce(request: HttpRequest, need_id: int, payload: NeedAnnounceIn) -> Need:
    user = api_user(request)
    need, _permissions = get_need_for_user(user, need_id)
    return services.need_announce(actor=user, need=need, visibility=payload.visibility)


@router.post("/needs/{need_id}/status", response=NeedOut)
def need_status(request: HttpRequest, need_id: int, payload: NeedStatusIn) -> Need:
    user = api_user(request)
    need, _permissions = get_need_for_user(user, need_id)
    return services.need_status_set(actor=user, need=need, status=payload.status)


# Interactions


def _desk_hub(request: HttpRequest, hub_id: int) -> tuple[Any, Hub]:
    user = api_user(request)
    hub, permissions = get_hub_for_user(user, hub_id)
    deny_unless(permissions.is_desk_member, _("Only the hub's desk sees this."))
    return user, hub


@router.get("/hubs/{hub_id}/interactions", response=list[InteractionOut])
@paginate(LimitOffsetPagination)
def interaction_list(
    request: HttpRequest, hub_id: int, kind: InteractionKind | None = None
) -> QuerySet[Interaction]:
    user, hub = _desk_hub(request, hub_id)
    return interactions_of_hub(user, hub, kind=kind)


@router.post("/hubs/{hub_id}/interactions", response={201: InteractionOut})
def interaction_log(request: HttpRequest, hub_id: int, payload: InteractionIn) -> Status[Interaction]:
    user, hub = _desk_hub(request, hub_id)
    interaction = services.interaction_log(
        actor=user,
        hub=hub,
        kind=payload.kind,
        title=payload.title,
        occurred_on=payload.occurred_on,
        place=payload.place,
        our_organisations=_organisations(payload.our_organisation_ids),
        partner_organisations=_organisations(payload.partner_organisation_ids),
        our_people=payload.our_people,
        partner_people=payload.partner_people,
        outcome=payload.outcome,
    )
    return Status(201, interaction)


# Agreements


def _agreement_out(
    user: Any, agreement: Agreement, *, scope: tuple[set[int], set[int]] | None = None
) -> dict[str, Any]:
    """The agreement as the API shows it; a list passes its agreements prefetched and the caller's
    `scope` (managed hubs, administered organisations), a single agreement is read afresh."""
    if scope is None:
        agreement = Agreement.objects.prefetch_related("parties__organisation", "scope").get(pk=agreement.pk)
        scope = (managed_hub_ids(user), admin_organisation_ids(user))
    permissions = agreement_permissions(user, agreement, managed_hubs=scope[0], admin_of=scope[1])
    return {
        "id": agreement.pk,
        "hub_id": agreement.hub_id,
        "kind": agreement.kind,
        "title": agreement.title,
        "text": agreement.text,
        "status": agreement.status,
        "text_hash": agreement.text_hash,
        "scope": [row.area for row in agreement.scope.all()],
        "parties": [
            {
                "organisation": party.organisation,
                "approved_current_text": party.approved_hash == agreement.text_hash,
                "approved_at": party.approved_at,
            }
            for party in agreement.parties.all()
        ],
        "starts_on": agreement.starts_on,
        "ends_on": agreement.ends_on,
        "signed_on": agreement.signed_on,
        "can_edit": permissions.can_edit,
        "can_sign": permissions.can_sign,
        "available_actions": [action for action in TRANSITIONS if action in permissions.actions],
        "approvable_party_ids": sorted(permissions.approvable_party_ids),
    }


@router.get("/hubs/{hub_id}/agreements", response=list[AgreementOut])
@paginate(LimitOffsetPagination)
def agreement_list(request: HttpRequest, hub_id: int) -> list[dict[str, Any]]:
    user, hub = _desk_hub(request, hub_id)
    scope = (managed_hub_ids(user), admin_organisation_ids(user))
    return [_agreement_out(user, agreement, scope=scope) for agreement in agreements_of_hub(user, hub)]


@router.post("/hubs/{hub_id}/agreements", response={201: AgreementOut})
def agreement_draft(request: HttpRequest, hub_id: int, payload: AgreementIn) -> Status[dict[str, Any]]:
    user, hub = _desk_hub(request, hub_id)
    agreement = services.agreement_draft(
        actor=user,
        hub=hub,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        parties=_organisations(payload.party_ids),
        scope=payload.scope,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, _agreement_out(user, agreement))


@router.get("/agreements/{agreement_id}", response=AgreementOut)
def agreement_detail(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    user = api_user(request)
    return _agreement_out(user, get_agreement_for_user(user, agreement_id)[0])


@router.put("/agreements/{agreement_id}", response=AgreementOut)
def agreement_update(request: HttpRequest, agreement_id: int, payload: AgreementIn) -> dict[str, Any]:
    user = api_user(request)
    agreement, _permissions = get_agreement_for_user(user, agreement_id)
    services.agreement_update(
        actor=user,
        agreement=agreement,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        parties=_organisations(payload.party_ids),
        scope=payload.scope,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return _agreement_out(user, agreement)


@router.post("/agreements/{agreement_id}/negotiate", response=AgreementOut)
def agreement_negotiate(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    user = api_user(request)
    agreement, _permissions = get_agreement_for_user(user, agreement_id)
    return _agreement_out(user, services.agreement_negotiation_open(actor=user, agreement=agreement))


@router.post("/agreements/{agreement_id}/approve", response=AgreementOut)
def agreement_approve(request: HttpRequest, agreement_id: int, payload: ApproveIn) -> dict[str, Any]:
    """Approve the text whose SHA-256 is `text_hash` (as read in `GET /agreements/{id}`) for a party."""
    user = api_user(request)
    agreement, _permissions = get_agreement_for_user(user, agreement_id)
    party = agreement.parties.select_related("organisation").filter(organisation_id=payload.party_id).first()
    if party is None:
        raise Http404
    services.agreement_approve(
        actor=user, agreement=agreement, party=party.organisation, text_hash=payload.text_hash
    )
    return _agreement_out(user, agreement)


@router.post("/agreements/{agreement_id}/sign", response=AgreementOut)
def agreement_sign(request: HttpRequest, agreement_id: int, payload: SignIn) -> dict[str, Any]:
    user = api_user(request)
    agreement, _permissions = get_agreement_for_user(user, agreement_id)
    return _agreement_out(
        user, services.agreement_sign(actor=user, agreement=agreement, signed_on=payload.signed_on)
    )


# Programmes and KPIs


@router.get("/hubs/{hub_id}/programmes", response=list[HubProgrammeOut])
@paginate(LimitOffsetPagination)
def programme_list(request: HttpRequest, hub_id: int) -> QuerySet[Programme]:
    user, hub = _desk_hub(request, hub_id)
    return programmes_of_hub(user, hub)


@router.get("/programmes/{programme_id}/kpis", response=list[KpiOut])
def kpi_list(request: HttpRequest, programme_id: int) -> list[dict[str, Any]]:
    programme, _permissions = get_programme_for_user(api_user(request), programme_id)
    today = timezone.localdate()
    return [
        {
            "id": kpi.pk,
            "name": kpi.name,
            "metric": kpi.metric,
            "target": kpi.target,
            "actual": kpi_actual(kpi, on=today),
            "history": [(row.taken_on, row.value) for row in kpi.snapshots.all()],
        }
        for kpi in programme.kpis.all()
    ]


# Country briefing reports


def _report_out(report: BriefingReport) -> dict[str, Any]:
    done = report.status == BriefingReport.Status.DONE
    return {
        "id": report.pk,
        "hub_id": report.hub_id,
        "country": report.country,
        "as_of": report.as_of,
        "status": report.status,
        "progress": report.progress,
        "fingerprint": report.fingerprint,
        "content": report.content if done else None,
        "pdf_url": reverse("api-1.0.0:hubs_report_pdf", args=[report.pk]) if done else None,
    }


@router.post("/reports/country-briefing", response={202: BriefingReportOut})
def report_request(request: HttpRequest, payload: ReportIn) -> Status[dict[str, Any]]:
    """Queue a briefing report; poll `GET /reports/country-briefing/{id}` until `status` is `done`."""
    user = api_user(request)
    hub, _permissions = get_hub_for_user(user, payload.hub_id)
    report = services.briefing_report_request(
        actor=user, hub=hub, country=payload.country, as_of=payload.as_of
    )
    report.refresh_from_db()
    return Status(202, _report_out(report))


@router.get("/reports/country-briefing/{report_id}", response=BriefingReportOut)
def report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _report_out(get_report_for_user(api_user(request), report_id))


@router.get("/reports/country-briefing/{report_id}/pdf", url_name="hubs_report_pdf")
def report_pdf(request: HttpRequest, report_id: int) -> FileResponse:
    report = get_report_for_user(api_user(request), report_id)
    if report.status != BriefingReport.Status.DONE or not report.pdf:
        raise Http404
    return FileResponse(report.pdf.open("rb"), content_type="application/pdf")
