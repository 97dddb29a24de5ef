"""The demo's hubs (seed 001), loaded through the real services.

The East Azerbaijan Science and Technology Park hosts two hubs for the Ministry of Science, Research and
Technology: the first with China, opened in Tir 1401 (June 2022), and the second with Turkey. Its
memorandum with the SCO Economic and Trade Cooperation Town is signed; the Turkey desk has a handful of
needs, interactions and a short-term programme with KPIs.

The seed gives no exact day for the Turkey hub nor for the memorandum's signature: the demo dates the
Turkey hub to Bahman 1401 (it was announced as the park's second hub after the Azar 1401 award) and the
memorandum to Mehr 1401 (before that award, which it earned). In the data file's Gregorian dates,
1 Tir 1401 is 2022-06-22 and 1 Bahman 1401 is 2023-01-21.

What the hubs hold (mandates, interactions, needs, the memorandum, the programme with its actions and
KPIs) is in `demo/data/hubs.json`; `hub` there names a hub by its partner country.

Idempotent: each thing is found by its hub and title (hubs by host and partner), so a second run
creates nothing.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from core.models import Sector
from demo.datafiles import DataEntry, data_file_read
from directory.models import Organisation
from hubs import services
from hubs.models import Agreement, Hub, Interaction, Kpi, Need, Programme

OPERATOR = "operator@demo.parklink.org"


@dataclass(frozen=True)
class DemoHub:
    country: str
    mandate: str
    designated_on: datetime.date


@dataclass(frozen=True)
class DemoInteraction:
    hub: str
    kind: str
    title: str
    occurred_on: datetime.date
    place: str
    outcome: str
    with_partner: bool  # the partner organisation took part


@dataclass(frozen=True)
class DemoNeed:
    hub: str
    title: str
    description: str
    sector: str
    source: str
    identified_on: datetime.date
    announce_to: str  # the visibility it is announced with, or "" to leave it unannounced


@dataclass(frozen=True)
class DemoDatedTitle:
    title: str
    due_on: datetime.date


@dataclass(frozen=True)
class DemoMemorandum:
    hub: str
    kind: str
    title: str
    text: str
    scope: tuple[str, ...]
    starts_on: datetime.date
    ends_on: datetime.date
    signed_on: datetime.date
    follow_up_actions: tuple[DemoDatedTitle, ...]


@dataclass(frozen=True)
class DemoKpi:
    name: str
    metric: str
    target: int


@dataclass(frozen=True)
class DemoProgramme:
    hub: str
    title: str
    horizon: str
    starts_on: datetime.date
    ends_on: datetime.date
    objectives: str
    actions: tuple[DemoDatedTitle, ...]
    kpis: tuple[DemoKpi, ...]


@dataclass(frozen=True)
class DemoHubs:
    host: str
    partner: str
    manager: str  # the email of the hubs' manager
    designated_by: str
    hubs: tuple[DemoHub, ...]
    interactions: tuple[DemoInteraction, ...]
    needs: tuple[DemoNeed, ...]
    memorandum: DemoMemorandum
    programme: DemoProgramme


def _dated_title_read(entry: DataEntry) -> DemoDatedTitle:
    return DemoDatedTitle(title=entry.text("title"), due_on=entry.date("due_on"))


def _hubs_read(file: DataEntry) -> DemoHubs:
    hubs = file.entries(
        "hubs",
        lambda entry: DemoHub(
            country=entry.text("country"),
            mandate=entry.text("mandate"),
            designated_on=entry.date("designated_on"),
        ),
    )
    countries = [hub.country for hub in hubs]
    return DemoHubs(
        host=file.text("host"),
        partner=file.text("partner"),
        manager=file.text("manager"),
        designated_by=file.text("designated_by"),
        hubs=hubs,
        interactions=file.entries(
            "interactions",
            lambda entry: DemoInteraction(
                hub=entry.text("hub", choices=countries),
                kind=entry.text("kind", choices=Interaction.Kind.values),
                title=entry.text("title"),
                occurred_on=entry.date("occurred_on"),
                place=entry.text("place"),
                outcome=entry.text("outcome"),
                with_partner=entry.flag("with_partner"),
            ),
        ),
        needs=file.entries(
            "needs",
            lambda entry: DemoNeed(
                hub=entry.text("hub", choices=countries),
                title=entry.text("title"),
                description=entry.text("description"),
                sector=entry.text("sector"),
                source=entry.text("source", choices=Need.Source.values),
                identified_on=entry.date("identified_on"),
                announce_to=entry.text("announce_to", "", choices=["", *Need.Visibility.values]),
            ),
        ),
        memorandum=file.entry(
            "memorandum",
            lambda entry: DemoMemorandum(
                hub=entry.text("hub", choices=countries),
                kind=entry.text("kind", choices=Agreement.Kind.values),
                title=entry.text("title"),
                text=entry.text("text"),
                scope=entry.texts("scope"),
                starts_on=entry.date("starts_on"),
                ends_on=entry.date("ends_on"),
                signed_on=entry.date("signed_on"),
                follow_up_actions=entry.entries("follow_up_actions", _dated_title_read),
            ),
        ),
        programme=file.entry(
            "programme",
            lambda entry: DemoProgramme(
                hub=entry.text("hub", choices=countries),
                title=entry.text("title"),
                horizon=entry.text("horizon", choices=Programme.Horizon.values),
                starts_on=entry.date("starts_on"),
                ends_on=entry.date("ends_on"),
                objectives=entry.text("objectives"),
                actions=entry.entries("actions", _dated_title_read),
                kpis=entry.entries(
                    "kpis",
                    lambda kpi: DemoKpi(
                        name=kpi.text("name"),
                        metric=kpi.text("metric", choices=Kpi.Metric.values),
                        target=kpi.integer("target"),
                    ),
                ),
            ),
        ),
    )


HUBS_DEMO = data_file_read("hubs.json", _hubs_read)
EASTAZ = HUBS_DEMO.host
SCO_TOWN = HUBS_DEMO.partner
MOU_TITLE = HUBS_DEMO.memorandum.title


def _ensure_hub(*, host: Organisation, wanted: DemoHub, manager: User) -> tuple[Hub, bool]:
    hub = Hub.objects.filter(host=host, partner_country=wanted.country).first()
    if hub is not None:
        return hub, False
    hub = services.hub_create(
        actor=manager,
        host=host,
        partner_country=wanted.country,
        mandate=wanted.mandate,
        designated_by=HUBS_DEMO.designated_by,
        designated_on=wanted.designated_on,
        staff=[manager],
        time_zone=host.time_zone,  # the desk works on its host park's clock (Asia/Tehran)
    )
    services.hub_subscription_set(actor=manager, hub=hub, subscribed=True)
    return hub, True


def _memorandum(
    *, hub: Hub, host: Organisation, partner: Organisation, manager: User, operator: User
) -> bool:
    wanted = HUBS_DEMO.memorandum
    if Agreement.objects.filter(hub=hub, title=wanted.title).exists():
        return False
    agreement = services.agreement_draft(
        actor=manager,
        hub=hub,
        kind=wanted.kind,
        title=wanted.title,
        text=wanted.text,
        parties=[host, partner],
        scope=list(wanted.scope),
        starts_on=wanted.starts_on,
        ends_on=wanted.ends_on,
    )
    services.agreement_negotiation_open(actor=manager, agreement=agreement)
    services.agreement_approve(actor=manager, agreement=agreement, party=host, text_hash=agreement.text_hash)
    # The town has no person in the demo; the platform operator records its approval.
    services.agreement_approve(
        actor=operator, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    signed = services.agreement_sign(actor=manager, agreement=agreement, signed_on=wanted.signed_on)
    for action in wanted.follow_up_actions:
        services.follow_up_action_add(
            actor=manager, agreement=signed, title=action.title, owner=manager, due_on=action.due_on
        )
    return True


def _programme(*, hub: Hub, manager: User, host: Organisation) -> bool:
    wanted = HUBS_DEMO.programme
    if Programme.objects.filter(hub=hub, title=wanted.title).exists():
        return False
    programme = services.programme_create(
        actor=manager,
        hub=hub,
        title=wanted.title,
        horizon=wanted.horizon,
        starts_on=wanted.starts_on,
        ends_on=wanted.ends_on,
        objectives=wanted.objectives,
        responsible_organisations=[host],
    )
    for action in wanted.actions:
        services.programme_action_add(
            actor=manager, programme=programme, title=action.title, responsible=host, due_on=action.due_on
        )
    for kpi in wanted.kpis:
        services.kpi_add(
            actor=manager, programme=programme, name=kpi.name, metric=kpi.metric, target=kpi.target
        )
    return True


def demo_hubs_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create what is missing and return a line for each thing created (idempotent)."""
    host = organisations_by_name.get(HUBS_DEMO.host)
    partner = organisations_by_name.get(HUBS_DEMO.partner)
    manager = users_by_email.get(HUBS_DEMO.manager)
    operator = users_by_email.get(OPERATOR)
    if host is None or partner is None or manager is None or operator is None:
        return []
    created: list[str] = []
    hubs: dict[str, Hub] = {}
    for wanted in HUBS_DEMO.hubs:
        hubs[wanted.country], new = _ensure_hub(host=host, wanted=wanted, manager=manager)
        if new:
            created.append(f"hub: {host.name} for {wanted.country}")
    for interaction in HUBS_DEMO.interactions:
        hub = hubs[interaction.hub]
        if Interaction.objects.filter(hub=hub, title=interaction.title).exists():
            continue
        partners: list[Any] = [partner] if interaction.with_partner else []
        services.interaction_log(
            actor=manager,
            hub=hub,
            kind=interaction.kind,
            title=interaction.title,
            occurred_on=interaction.occurred_on,
            place=interaction.place,
            our_organisations=[host],
            partner_organisations=partners,
            outcome=interaction.outcome,
        )
        created.append(f"interaction: {interaction.title}")
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for need in HUBS_DEMO.needs:
        if Need.objects.filter(hub=hubs[need.hub], title=need.title).exists():
            continue
        registered = services.need_register(
            actor=manager,
            hub=hubs[need.hub],
            title=need.title,
            description=need.description,
            sector=sectors.get(need.sector),
            source=need.source,
            identified_on=need.identified_on,
        )
        if need.announce_to:
            services.need_announce(actor=manager, need=registered, visibility=need.announce_to)
        created.append(f"need: {need.title}")
    memorandum_hub, programme_hub = hubs[HUBS_DEMO.memorandum.hub], hubs[HUBS_DEMO.programme.hub]
    if _memorandum(hub=memorandum_hub, host=host, partner=partner, manager=manager, operator=operator):
        created.append(f"agreement: {MOU_TITLE}")
    if _programme(hub=programme_hub, manager=manager, host=host):
        created.append("programme: short-term programme with Turkey")
    return created
