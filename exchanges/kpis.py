"""The exchanges' metric, registered with `core.metrics`: exchanges (fellowships, staff mobility)
completed between two countries, which hub programmes' KPIs and the international-interaction index
count."""

import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.metrics import CountryPair, Metric, register_metric
from exchanges.models import Application

EXCHANGES_COMPLETED = "exchanges_completed"


def exchanges_between(home_country: str, partner_country: str) -> Q:
    """Exchanges from an organisation in one of the two countries to a host in the other."""
    return Q(home_organisation__country=home_country, host_organisation__country=partner_country) | Q(
        home_organisation__country=partner_country, host_organisation__country=home_country
    )


def completed_exchanges(start: datetime.date, end: datetime.date) -> QuerySet[Application]:
    """Exchanges completed from `start` to `end`, both included."""
    return Application.objects.filter(
        status=Application.Status.COMPLETED,
        completed_at__isnull=False,
        completed_at__date__gte=start,
        completed_at__date__lte=end,
    )


def _count_between(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return (
        completed_exchanges(start, end)
        .filter(exchanges_between(pair.home_country, pair.partner_country))
        .count()
    )


def _count_by_organisation(
    organisations: QuerySet[Any], start: datetime.date, end: datetime.date
) -> dict[int, int]:
    """Exchanges completed from or to each organisation, with the other side in another country."""
    abroad = completed_exchanges(start, end).exclude(
        home_organisation__country=F("host_organisation__country")
    )
    outgoing = (
        abroad.filter(home_organisation__in=organisations)
        .values(organisation=F("home_organisation_id"))
        .annotate(count=Count("id"))
    )
    incoming = (
        abroad.filter(host_organisation__in=organisations)
        .values(organisation=F("host_organisation_id"))
        .annotate(count=Count("id"))
    )
    counts: dict[int, int] = {}
    for row in [*outgoing, *incoming]:
        counts[row["organisation"]] = counts.get(row["organisation"], 0) + row["count"]
    return counts


def register_exchange_metrics() -> None:
    register_metric(
        Metric(
            key=EXCHANGES_COMPLETED,
            label=_("Exchanges completed between the two countries"),
            count_between=_count_between,
            count_by_organisation=_count_by_organisation,
        )
    )
