"""A KPI's actual value, counted from ParkLink's own records for the hub's country pair, within the
programme's period and up to a given day. The same records always give the same value."""

import datetime

from django.db.models import Q, QuerySet

from exchanges.models import Application
from hubs.models import Agreement, Hub, Interaction, Kpi, Need
from marketplace.models import ExpressionOfInterest


def eois_between(home_country: str, partner_country: str) -> "Q":
    """Expressions of interest sent from one of the two countries to a profile owned in the other."""
    return Q(sender_organisation__country=home_country, profile__owner__country=partner_country) | Q(
        sender_organisation__country=partner_country, profile__owner__country=home_country
    )


def exchanges_between(home_country: str, partner_country: str) -> Q:
    """Exchanges (fellowships, staff mobility) from an organisation in one country to a host in the other."""
    return Q(home_organisation__country=home_country, host_organisation__country=partner_country) | Q(
        home_organisation__country=partner_country, host_organisation__country=home_country
    )


def completed_exchanges() -> "QuerySet[Application]":
    return Application.objects.filter(status=Application.Status.COMPLETED, completed_at__isnull=False)


def metric_count(*, hub: Hub, metric: str, start: datetime.date, end: datetime.date) -> int:
    """How many records of `metric` fall between `start` and `end`, both included."""
    if end < start:
        return 0
    if metric == Kpi.Metric.EOIS_BETWEEN_COUNTRIES:
        return ExpressionOfInterest.objects.filter(
            eois_between(hub.home_country, hub.partner_country),
            created_at__date__gte=start,
            created_at__date__lte=end,
        ).count()
    if metric == Kpi.Metric.EXCHANGES_COMPLETED:
        return (
            completed_exchanges()
            .filter(
                exchanges_between(hub.home_country, hub.partner_country),
                completed_at__date__gte=start,
                completed_at__date__lte=end,
            )
            .count()
        )
    if metric == Kpi.Metric.AGREEMENTS_SIGNED:
        return Agreement.objects.filter(hub=hub, signed_on__gte=start, signed_on__lte=end).count()
    if metric == Kpi.Metric.NEEDS_ANNOUNCED:
        return Need.objects.filter(
            hub=hub, announced_at__date__gte=start, announced_at__date__lte=end
        ).count()
    if metric == Kpi.Metric.NEEDS_MET:
        return Need.objects.filter(
            hub=hub, status=Need.Status.MET, closed_at__date__gte=start, closed_at__date__lte=end
        ).count()
    interactions = Interaction.objects.filter(hub=hub, occurred_on__gte=start, occurred_on__lte=end)
    if metric == Kpi.Metric.DELEGATIONS_AND_VISITS:
        interactions = interactions.filter(kind__in=[Interaction.Kind.VISIT, Interaction.Kind.DELEGATION])
    return interactions.count()


def kpi_actual(kpi: Kpi, *, on: datetime.date) -> int:
    """The KPI's value on day `on`: records from the programme's start to `on` (or its end, if earlier)."""
    programme = kpi.programme
    return metric_count(
        hub=programme.hub, metric=kpi.metric, start=programme.starts_on, end=min(on, programme.ends_on)
    )
