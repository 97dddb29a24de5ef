"""The international-interaction index of parks: a transparent, weighted count of what each park did
with organisations abroad over a period (the last year by default, or all time, or a custom span:
`analytics.periods`), from records kept in ParkLink.

    index = 1 * interactions + 3 * agreements signed + 0.5 * expressions of interest
            + 2 * exchanges completed

- interactions: hub interactions in which the park took part on our side;
- agreements signed: agreements signed in the period to which the park is a party, with at least one
  party in another country;
- expressions of interest: EOIs the park sent to, or received from, an organisation in another country;
- exchanges completed: exchanges (fellowships, staff mobility) completed in the period from or to the
  park, with the other side in another country.

Each count is read through `core.metrics`, from the metric the app keeping those records registers, so
this module imports none of them.
"""

from dataclasses import dataclass
from decimal import Decimal

from analytics.periods import RankingPeriod
from core.metrics import count_by_organisation
from directory.models import Organisation
from hubs.parks import PARK_KINDS

WEIGHTS = {
    "interactions": Decimal(1),
    "agreements": Decimal(3),
    "eois": Decimal("0.5"),
    "exchanges": Decimal(2),
}
# The registered metric (`core.metrics`) each part of the index counts.
METRICS = {
    "interactions": "interactions_logged",
    "agreements": "agreements_signed",
    "eois": "eois_between_countries",
    "exchanges": "exchanges_completed",
}


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


def park_ranking(*, period: RankingPeriod, limit: int = 50) -> list[ParkScore]:
    """Parks with a non-zero index over `period` (both ends included), highest first (ties by name)."""
    start, end = period.start, period.end
    parks = Organisation.objects.filter(kind__in=PARK_KINDS, status=Organisation.Status.ACTIVE)
    counts = {
        part: count_by_organisation(metric, parks, start=start, end=end) for part, metric in METRICS.items()
    }
    ids = set().union(*counts.values())
    scores = [
        ParkScore(
            organisation=organisation,
            interactions=counts["interactions"].get(organisation.pk, 0),
            agreements=counts["agreements"].get(organisation.pk, 0),
            eois=counts["eois"].get(organisation.pk, 0),
            exchanges=counts["exchanges"].get(organisation.pk, 0),
        )
        for organisation in parks.filter(pk__in=ids)
    ]
    scores.sort(key=lambda score: (-score.index, score.organisation.name, score.organisation.pk))
    return scores[:limit]
