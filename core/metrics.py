"""The metrics ParkLink counts from its own records, by key, so that indicators and indices can read them
without importing the apps that keep the records.

Each app registers the metrics over its own records once, in its AppConfig.ready(): the hubs their
needs, interactions and agreements, the marketplace its expressions of interest, the exchanges their
completed mobilities. Readers ask here by key: a hub programme's KPIs (`hubs.kpis`) and the
international-interaction index (`analytics.ranking`). The registry lives in the core because its
registrants (marketplace, exchanges, hubs) may not import one another upwards, and the analytics app
above them all reads every app's metrics through it. It knows no domain: a metric is a key, a label and
up to two counters, and periods are whole days, both ends included.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import QuerySet
from django_stubs_ext import StrOrPromise


class CountryPair(Protocol):
    """What a metric is counted for: two countries, and the record that asks (a hub, for instance), which
    the app that owns that kind of record may narrow on."""

    @property
    def home_country(self) -> str: ...

    @property
    def partner_country(self) -> str: ...


# How many records fall between the two countries from the first day to the second.
PairCounter = Callable[[CountryPair, datetime.date, datetime.date], int]
# How many international records each of the organisations (a queryset) took part in, by organisation id,
# from the first day to the second; organisations with none may be left out.
OrganisationCounter = Callable[[QuerySet[Any], datetime.date, datetime.date], dict[int, int]]


@dataclass(frozen=True)
class Metric:
    key: str  # stored in indicators' rows (e.g. hubs.Kpi.metric): never rename a registered key
    label: StrOrPromise
    count_between: PairCounter
    count_by_organisation: OrganisationCounter | None = None


_METRICS: dict[str, Metric] = {}


def register_metric(metric: Metric) -> None:
    existing = _METRICS.get(metric.key)
    if existing is not None and existing != metric:
        raise ValueError(f"Another metric is already registered as {metric.key!r}.")
    _METRICS[metric.key] = metric


def metric_for(key: str) -> Metric:
    try:
        return _METRICS[key]
    except KeyError:
        raise LookupError(f"No metric {key!r} is registered; registered: {sorted(_METRICS)}") from None


def registered_metrics() -> list[Metric]:
    return list(_METRICS.values())


def count_between(key: str, pair: CountryPair, *, start: datetime.date, end: datetime.date) -> int:
    """How many records of metric `key` fall between the pair's countries from `start` to `end`."""
    if end < start:
        return 0
    return metric_for(key).count_between(pair, start, end)


def count_by_organisation(
    key: str, organisations: QuerySet[Any], *, start: datetime.date, end: datetime.date
) -> dict[int, int]:
    """Each organisation's international records of metric `key` from `start` to `end`, by id."""
    metric = metric_for(key)
    if metric.count_by_organisation is None:
        raise LookupError(f"Metric {key!r} is not counted by organisation.")
    if end < start:
        return {}
    return metric.count_by_organisation(organisations, start, end)
