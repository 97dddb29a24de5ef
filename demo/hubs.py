"""The demo's hubs (seed 001), loaded through the real services.

The East Azerbaijan Science and Technology Park hosts two hubs for the Ministry of Science, Research and
Technology: the first with China, opened in Tir 1401 (June 2022), and the second with Turkey. Its
memorandum with the SCO Economic and Trade Cooperation Town is signed; the Turkey desk has a handful of
needs, interactions and a short-term programme with KPIs.

The seed gives no exact day for the Turkey hub nor for the memorandum's signature: the demo dates the
Turkey hub to Bahman 1401 (it was announced as the park's second hub after the Azar 1401 award) and the
memorandum to Mehr 1401 (before that award, which it earned).

Idempotent: each thing is found by its hub and title (hubs by host and partner), so a second run
creates nothing.
"""

import datetime
from typing import Any

from accounts.models import User
from core.models import Sector
from directory.models import Organisation
from hubs import services
from hubs.models import Agreement, Hub, Interaction, Kpi, Need, Programme

EASTAZ = "East Azerbaijan Science and Technology Park"
SCO_TOWN = "SCO Economic and Trade Cooperation Town"
PARK_MANAGER = "parkmanager@demo.parklink.org"
OPERATOR = "operator@demo.parklink.org"
MINISTRY = "Ministry of Science, Research and Technology"

CHINA_MANDATE = (
    "Hub for technological and innovative interaction of the parks, knowledge-based and technology "
    "companies with China, on behalf of the Ministry of Science, Research and Technology."
)
TURKEY_MANDATE = (
    "Set up a technology and innovation desk for Turkey together with the other parks; prepare a "
    "comprehensive briefing report on technology and innovation in Turkey for the other parks; identify "
    "and announce Turkey's technological and innovative needs; monitor and report the parks' "
    "technological interactions with Turkey; draw up long-, medium- and short-term programmes with the "
    "other parks; study the feasibility of a joint office for technological interaction and set it up."
)
MOU_TITLE = "Memorandum of cooperation with the SCO Economic and Trade Cooperation Town"
MOU_TEXT = (
    "The East Azerbaijan Science and Technology Park and the SCO Economic and Trade Cooperation Town "
    "cooperate to connect the park's knowledge-based companies with companies of the town, exchange "
    "delegations, organise joint events and support technology transfer between Iran and China within "
    "the Shanghai Cooperation Organisation."
)

NEEDS = (
    (
        "Machine-vision quality inspection for aluminium casting",
        "Turkish foundries supplying the automotive industry look for machine-vision inspection of cast "
        "parts; Iranian knowledge-based companies offer such systems.",
        "ict-ai",
        Need.Source.VISIT,
        datetime.date(2023, 3, 5),
        Need.Visibility.MEMBERS,
    ),
    (
        "Calibration laboratories for medical devices",
        "Hospitals and device makers in eastern Turkey need accredited calibration services close by.",
        "metrology",
        Need.Source.DOCUMENT,
        datetime.date(2023, 4, 18),
        Need.Visibility.PUBLIC,
    ),
    (
        "Drip irrigation for saline soils",
        "Agricultural cooperatives near Lake Van ask for irrigation controllers for saline soils.",
        "agriculture-food",
        Need.Source.REQUEST_PROFILE,
        datetime.date(2023, 6, 1),
        None,
    ),
)

INTERACTIONS = (
    (
        "CN",
        Interaction.Kind.MEETING,
        "Opening of the hub for interaction with China",
        datetime.date(2022, 6, 22),
        "Tabriz",
        "The hub's desk started work with the ministry's representatives.",
    ),
    (
        "CN",
        Interaction.Kind.DELEGATION,
        "Online meeting with the SCO Economic and Trade Cooperation Town",
        datetime.date(2022, 8, 14),
        "Tabriz and Qingdao (online)",
        "Both sides agreed on the memorandum of cooperation.",
    ),
    (
        "TR",
        Interaction.Kind.MEETING,
        "Start of the hub for interaction with Turkey",
        datetime.date(2023, 1, 21),
        "Tabriz",
        "The park presented the hub's tasks to the province's knowledge-based companies.",
    ),
    (
        "TR",
        Interaction.Kind.DELEGATION,
        "Delegation of knowledge-based companies to Istanbul",
        datetime.date(2023, 3, 5),
        "Istanbul",
        "Ten companies met Turkish foundries and technoparks; two needs were identified.",
    ),
    (
        "TR",
        Interaction.Kind.TRAINING,
        "Training on exporting to Turkey",
        datetime.date(2023, 5, 10),
        "Tabriz",
        "Forty participants from the park's companies.",
    ),
)


def _ensure_hub(
    *, host: Organisation, country: str, mandate: str, designated_on: datetime.date, manager: User
) -> tuple[Hub, bool]:
    hub = Hub.objects.filter(host=host, partner_country=country).first()
    if hub is not None:
        return hub, False
    hub = services.hub_create(
        actor=manager,
        host=host,
        partner_country=country,
        mandate=mandate,
        designated_by=MINISTRY,
        designated_on=designated_on,
        staff=[manager],
    )
    services.hub_subscription_set(actor=manager, hub=hub, subscribed=True)
    return hub, True


def _memorandum(
    *, hub: Hub, host: Organisation, partner: Organisation, manager: User, operator: User
) -> bool:
    if Agreement.objects.filter(hub=hub, title=MOU_TITLE).exists():
        return False
    agreement = services.agreement_draft(
        actor=manager,
        hub=hub,
        kind=Agreement.Kind.MOU,
        title=MOU_TITLE,
        text=MOU_TEXT,
        parties=[host, partner],
        scope=["technology-transfer", "innovation-ecosystems", "investment-entrepreneurship"],
        starts_on=datetime.date(2022, 9, 23),
        ends_on=datetime.date(2027, 9, 22),
    )
    services.agreement_negotiation_open(actor=manager, agreement=agreement)
    services.agreement_approve(actor=manager, agreement=agreement, party=host, text_hash=agreement.text_hash)
    # The town has no person in the demo; the platform operator records its approval.
    services.agreement_approve(
        actor=operator, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    signed = services.agreement_sign(actor=manager, agreement=agreement, signed_on=datetime.date(2022, 9, 23))
    services.follow_up_action_add(
        actor=manager,
        agreement=signed,
        title="Organise the first joint event of park and town companies",
        owner=manager,
        due_on=datetime.date(2027, 3, 21),
    )
    return True


def _programme(*, hub: Hub, manager: User, host: Organisation) -> bool:
    title = "Short-term programme of technological interaction with Turkey"
    if Programme.objects.filter(hub=hub, title=title).exists():
        return False
    programme = services.programme_create(
        actor=manager,
        hub=hub,
        title=title,
        horizon=Programme.Horizon.SHORT,
        starts_on=datetime.date(2023, 1, 21),
        ends_on=datetime.date(2027, 3, 20),
        objectives=(
            "Announce Turkey's technological needs to the parks; send two delegations a year; prepare the "
            "feasibility study of a joint office."
        ),
        responsible_organisations=[host],
    )
    for action_title, due in (
        ("Publish the briefing report on Turkey for the other parks", datetime.date(2023, 6, 21)),
        ("Feasibility study of a joint technology office", datetime.date(2024, 3, 19)),
    ):
        services.programme_action_add(
            actor=manager, programme=programme, title=action_title, responsible=host, due_on=due
        )
    for name, metric, target in (
        ("Delegations and visits", Kpi.Metric.DELEGATIONS_AND_VISITS, 4),
        ("Needs announced", Kpi.Metric.NEEDS_ANNOUNCED, 5),
        ("Expressions of interest between Iran and Turkey", Kpi.Metric.EOIS_BETWEEN_COUNTRIES, 10),
    ):
        services.kpi_add(actor=manager, programme=programme, name=name, metric=metric, target=target)
    return True


def demo_hubs_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create what is missing and return a line for each thing created (idempotent)."""
    host = organisations_by_name.get(EASTAZ)
    partner = organisations_by_name.get(SCO_TOWN)
    manager = users_by_email.get(PARK_MANAGER)
    operator = users_by_email.get(OPERATOR)
    if host is None or partner is None or manager is None or operator is None:
        return []
    created: list[str] = []
    hubs: dict[str, Hub] = {}
    for country, mandate, designated_on in (
        ("CN", CHINA_MANDATE, datetime.date(2022, 6, 22)),  # 1 Tir 1401
        ("TR", TURKEY_MANDATE, datetime.date(2023, 1, 21)),  # 1 Bahman 1401
    ):
        hubs[country], new = _ensure_hub(
            host=host, country=country, mandate=mandate, designated_on=designated_on, manager=manager
        )
        if new:
            created.append(f"hub: {host.name} for {country}")
    for country, kind, title, occurred_on, place, outcome in INTERACTIONS:
        hub = hubs[country]
        if Interaction.objects.filter(hub=hub, title=title).exists():
            continue
        partners: list[Any] = [partner] if "SCO" in title else []
        services.interaction_log(
            actor=manager,
            hub=hub,
            kind=kind,
            title=title,
            occurred_on=occurred_on,
            place=place,
            our_organisations=[host],
            partner_organisations=partners,
            outcome=outcome,
        )
        created.append(f"interaction: {title}")
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for title, description, sector, source, identified_on, announce_to in NEEDS:
        if Need.objects.filter(hub=hubs["TR"], title=title).exists():
            continue
        need = services.need_register(
            actor=manager,
            hub=hubs["TR"],
            title=title,
            description=description,
            sector=sectors.get(sector),
            source=source,
            identified_on=identified_on,
        )
        if announce_to is not None:
            services.need_announce(actor=manager, need=need, visibility=announce_to)
        created.append(f"need: {title}")
    if _memorandum(hub=hubs["CN"], host=host, partner=partner, manager=manager, operator=operator):
        created.append(f"agreement: {MOU_TITLE}")
    if _programme(hub=hubs["TR"], manager=manager, host=host):
        created.append("programme: short-term programme with Turkey")
    return created
