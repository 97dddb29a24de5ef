"""A KPI's actual value, counted from ParkLink's own records for the hub's country pair, within the
programme's period and up to a given day. The same records always give the same value.

Every metric is read through `core.metrics`: the hubs register theirs here (needs, interactions,
agreements), the marketplace and the exchanges register the metrics over their own records
(`marketplace.kpis`, `exchanges.kpis`), so the hubs need not import the exchanges.
"""

import datetime
from typing import Any

from django.db.models import Count, QuerySet

from core.metrics import CountryPair, Metric, count_between, register_metric
from hubs.models import Agreement, AgreementParty, Hub, Interaction, Kpi, Need


def _hub(pair: CountryPair) -> Hub:
    # A hub's own records are counted for the hub that asks, not for every hub of the country pair.
    if not isinstance(pair, Hub):
        raise TypeError("The hubs' metrics are counted for a hub.")
    return pair


def _agreements_signed(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return Agreement.objects.filter(hub=_hub(pair), signed_on__gte=start, signed_on__lte=end).count()


def _needs_announced(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return Need.objects.filter(
        hub=_hub(pair), announced_at__date__gte=start, announced_at__date__lte=end
    ).count()


def _needs_met(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return Need.objects.filter(
        hub=_hub(pair), status=Need.Status.MET, closed_at__date__gte=start, closed_at__date__lte=end
    ).count()


def _interactions(pair: CountryPair, start: datetime.date, end: datetime.date) -> "QuerySet[Interaction]":
    return Interaction.objects.filter(hub=_hub(pair), occurred_on__gte=start, occurred_on__lte=end)


def _interactions_logged(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return _interactions(pair, start, end).count()


def _delegations_and_visits(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return (
        _interactions(pair, start, end)
        .filter(kind__in=[Interaction.Kind.VISIT, Interaction.Kind.DELEGATION])
        .count()
    )


def _interactions_by_organisation(
    organisations: QuerySet[Any], start: datetime.date, end: datetime.date
) -> dict[int, int]:
    """Hub interactions in which each organisation took part on our side."""
    rows = (
        Interaction.our_organisations.through.objects.filter(
            organisation__in=organisations,
            interaction__occurred_on__gte=start,
            interaction__occurred_on__lte=end,
        )
        .values("organisation_id")
        .annotate(count=Count("interaction_id", distinct=True))
    )
    return {row["organisation_id"]: row["count"] for row in rows}


def _agreements_by_organisation(
    organisations: QuerySet[Any], start: datetime.date, end: datetime.date
) -> dict[int, int]:
    """Agreements signed to which each organisation is a party, with a party in another country."""
    wanted = set(organisations.values_list("pk", flat=True))
    parties = AgreementParty.objects.filter(
        agreement__signed_on__gte=start, agreement__signed_on__lte=end
    ).values_list("agreement_id", "organisation_id", "organisation__country")
    by_agreement: dict[int, list[tuple[int, str]]] = {}
    for agreement_id, organisation_id, country in parties:
        by_agreement.setdefault(agreement_id, []).append((organisation_id, country))
    counts: dict[int, int] = {}
    for members in by_agreement.values():
        # Cross-border means the parties are in at least two countries.
        if len({country for _id, country in members}) < 2:
            continue
        for organisation_id, _country in members:
            if organisation_id in wanted:
                counts[organisation_id] = counts.get(organisation_id, 0) + 1
    return counts


def register_hub_metrics() -> None:
    labels = dict(Kpi.Metric.choices)
    for key, count, by_organisation in (
        (Kpi.Metric.AGREEMENTS_SIGNED, _agreements_signed, _agreements_by_organisation),
        (Kpi.Metric.NEEDS_ANNOUNCED, _needs_announced, None),
        (Kpi.Metric.NEEDS_MET, _needs_met, None),
        (Kpi.Metric.INTERACTIONS_LOGGED, _interactions_logged, _interactions_by_organisation),
        (Kpi.Metric.DELEGATIONS_AND_VISITS, _delegations_and_visits, None),
    ):
        register_metric(
            Metric(
                key=str(key),
                label=labels[key],
                count_between=count,
                count_by_organisation=by_organisation,
            )
        )


def metric_count(*, hub: Hub, metric: str, start: datetime.date, end: datetime.date) -> int:
    """How many records of `metric` fall between `start` and `end`, both included."""
    return count_between(metric, hub, start=start, end=end)


def kpi_actual(kpi: Kpi, *, on: datetime.date) -> int:
    """The KPI's value on day `on`: records from the programme's start to `on` (or its end, if earlier)."""
    programme = kpi.programme
    return metric_count(
        hub=programme.hub, metric=kpi.metric, start=programme.starts_on, end=min(on, programme.ends_on)
    )
