"""The international-interaction index through the API: the same figures and period choice as the page
(`/hubs/ranking/`), to the same people (anyone with a token)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from analytics.periods import PeriodKind, ranking_period
from analytics.ranking import WEIGHTS, park_ranking
from core.api_auth import api_user
from core.api_contract import inline_choices

RankingPeriodKind = Annotated[PeriodKind, inline_choices(PeriodKind)]

router = Router(tags=["analytics"])


class RankingPeriodOut(Schema):
    period: RankingPeriodKind
    start: datetime.date | None = Field(description="Empty for all time.")
    end: datetime.date
    description: str = Field(description="Which period is shown, as a sentence in the reader's language.")


class ParkScoreOut(Schema):
    rank: int
    organisation_id: int
    name: str
    country: str
    interactions: int
    agreements: int
    eois: int
    exchanges: int
    index: float


class RankingOut(Schema):
    period: RankingPeriodOut
    weights: dict[str, float]
    parks: list[ParkScoreOut]


@router.get("/ranking", response=RankingOut)
def ranking(
    request: HttpRequest,
    period: RankingPeriodKind = PeriodKind.YEAR,
    start: Annotated[
        datetime.date | None, Query(alias="from", description="First day of a custom period.")
    ] = None,
    end: Annotated[
        datetime.date | None, Query(alias="to", description="Last day of a custom period.")
    ] = None,
) -> dict[str, Any]:
    """The parks' international-interaction index over the last year (default), all time, or a custom
    period from `from` to `to` (both included, in order, not in the future; 422 otherwise)."""
    api_user(request)
    chosen = ranking_period(period, today=timezone.localdate(), start=start, end=end)
    return {
        "period": {
            "period": chosen.kind,
            "start": None if chosen.all_time else chosen.start,
            "end": chosen.end,
            "description": chosen.sentence(),
        },
        "weights": {part: float(weight) for part, weight in WEIGHTS.items()},
        "parks": [
            {
                "rank": rank,
                "organisation_id": score.organisation.pk,
                "name": score.organisation.name,
                "country": score.organisation.country,
                "interactions": score.interactions,
                "agreements": score.agreements,
                "eois": score.eois,
                "exchanges": score.exchanges,
                "index": float(score.index),
            }
            for rank, score in enumerate(park_ranking(period=chosen), start=1)
        ],
    }
