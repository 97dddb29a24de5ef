"""The international-interaction index of parks: a transparent, weighted count of what each park did
with organisations abroad over the last twelve months, from records kept in ParkLink.

    index = 1 * interactions + 3 * agreements signed + 0.5 * expressions of interest
            + 2 * exchanges completed

- interactions: hub interactions in which the park took part on our side;
- agreements signed: agreements signed in the period to which the park is a party, with at least one
  party in another country;
- expressions of interest: EOIs the park sent to, or received from, an organisation in another country;
- exchanges completed: exchanges (fellowships, staff mobility) completed in the period from or to the
  park, with the other side in another country.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q

from directory.models import Organisation
from hubs.kpis import completed_exchanges
from hubs.models import AgreementParty, Interaction
from marketplace.models import ExpressionOfInterest

WEIGHTS = {
    "interactions": Decimal(1),
    "agreements": Decimal(3),
    "eois": Decimal("0.5"),
    "exchanges": Decimal(2),
}
PARK_KINDS = (
    Organisation.Kind.SCIENCE_PARK,
    Organisation.Kind.TECHNOLOGY_CENTRE,
    Organisation.Kind.INNOVATION_ZONE,
    Organisation.Kind.INCUBATOR,
)
PERIOD_DAYS = 365


@dataclass(frozen=True)
class ParkScore:
    organisation: Organisation
    interactions: int
    agreements: int
    eois: int
    exchanges: int

    @property
    def index(self) -> Decimal:
        return (
            WEIGHTS["interactions"] * self.interactions
            + WEIGHTS["agreements"] * self.agreements
            + WEIGHTS["eois"] * self.eois
            + WEIGHTS["exchanges"] * self.exchanges
        )


def _counts(rows: object) -> dict[int, int]:
    return {row["park"]: row["count"] for row in rows}  # type: ignore[attr-defined]


def park_ranking(*, today: datetime.date, limit: int = 50) -> list[ParkScore]:
    """Parks with a non-zero index, highest first (ties by name)."""
    since = today - datetime.timedelta(days=PERIOD_DAYS)
    parks = Organisation.objects.filter(kind__in=PARK_KINDS, status=Organisation.Status.ACTIVE)
    interactions = _counts(
        Interaction.our_organisations.through.objects.filter(
            organisation__in=parks, interaction__occurred_on__gt=since, interaction__occurred_on__lte=today
        )
        .values(park=F("organisation_id"))
        .annotate(count=Count("interaction_id", distinct=True))
    )
    agreements: dict[int, int] = {}
    parties = AgreementParty.objects.filter(
        agreement__signed_on__gt=since, agreement__signed_on__lte=today
    ).values_list("agreement_id", "organisation_id", "organisation__country", "organisation__kind")
    by_agreement: dict[int, list[tuple[int, str, str]]] = {}
    for agreement_id, organisation_id, country, kind in parties:
        by_agreement.setdefault(agreement_id, []).append((organisation_id, country, kind))
    for members in by_agreement.values():
        # Cross-border means the parties are in at least two countries.
        countries = {country for _id, country, _kind in members}
        if len(countries) < 2:
            continue
        for organisation_id, _country, kind in members:
            if kind in PARK_KINDS:
                agreements[organisation_id] = agreements.get(organisation_id, 0) + 1
    cross_border = ExpressionOfInterest.objects.filter(
        created_at__date__gt=since, created_at__date__lte=today
    ).exclude(sender_organisation__country=F("profile__owner__country"))
    sent = _counts(
        cross_border.filter(sender_organisation__in=parks)
        .values(park=F("sender_organisation_id"))
        .annotate(count=Count("id"))
    )
    received = _counts(
        cross_border.filter(profile__owner__in=parks)
        .values(park=F("profile__owner_id"))
        .annotate(count=Count("id"))
    )
    exchanges = (
        completed_exchanges()
        .filter(completed_at__date__gt=since, completed_at__date__lte=today)
        .exclude(home_organisation__country=F("host_organisation__country"))
    )
    exchanges_out = _counts(
        exchanges.filter(home_organisation__in=parks)
        .values(park=F("home_organisation_id"))
        .annotate(count=Count("id"))
    )
    exchanges_in = _counts(
        exchanges.filter(host_organisation__in=parks)
        .values(park=F("host_organisation_id"))
        .annotate(count=Count("id"))
    )
    ids = (
        set(interactions)
        | set(agreements)
        | set(sent)
        | set(received)
        | set(exchanges_out)
        | set(exchanges_in)
    )
    scores = [
        ParkScore(
            organisation=organisation,
            interactions=interactions.get(organisation.pk, 0),
            agreements=agreements.get(organisation.pk, 0),
            eois=sent.get(organisation.pk, 0) + received.get(organisation.pk, 0),
            exchanges=exchanges_out.get(organisation.pk, 0) + exchanges_in.get(organisation.pk, 0),
        )
        for organisation in parks.filter(Q(pk__in=ids))
    ]
    scores.sort(key=lambda score: (-score.index, score.organisation.name, score.organisation.pk))
    return scores[:limit]
