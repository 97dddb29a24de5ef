"""The marketplace's metric, registered with `core.metrics`: expressions of interest between two
countries (sent from an organisation in one to a profile owned in the other), which hub programmes'
KPIs and the international-interaction index count."""

import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.metrics import CountryPair, Metric, register_metric
from marketplace.models import ExpressionOfInterest

EOIS_BETWEEN_COUNTRIES = "eois_between_countries"


def eois_between(home_country: str, partner_country: str) -> Q:
    """Expressions of interest sent from one of the two countries to a profile owned in the other."""
    return Q(sender_organisation__country=home_country, profile__owner__country=partner_country) | Q(
        sender_organisation__country=partner_country, profile__owner__country=home_country
    )


def _count_between(pair: CountryPair, start: datetime.date, end: datetime.date) -> int:
    return ExpressionOfInterest.objects.filter(
        eois_between(pair.home_country, pair.partner_country),
        created_at__date__gte=start,
        created_at__date__lte=end,
    ).count()


def _count_by_organisation(
    organisations: QuerySet[Any], start: datetime.date, end: datetime.date
) -> dict[int, int]:
    """EOIs each organisation sent to, or received from, an organisation in another country."""
    cross_border = ExpressionOfInterest.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end
    ).exclude(sender_organisation__country=F("profile__owner__country"))
    counts: dict[int, int] = {}
    sent = (
        cross_border.filter(sender_organisation__in=organisations)
        .values(organisation=F("sender_organisation_id"))
        .annotate(count=Count("id"))
    )
    received = (
        cross_border.filter(profile__owner__in=organisations)
        .values(organisation=F("profile__owner_id"))
        .annotate(count=Count("id"))
    )
    for row in [*sent, *received]:
        counts[row["organisation"]] = counts.get(row["organisation"], 0) + row["count"]
    return counts


def register_marketplace_metrics() -> None:
    register_metric(
        Metric(
            key=EOIS_BETWEEN_COUNTRIES,
            label=_("Expressions of interest between the two countries"),
            count_between=_count_between,
            count_by_organisation=_count_by_organisation,
        )
    )
