"""A start-up check that every metric a KPI may be counted from is registered with `core.metrics` by
the app that keeps its records, so a missing registration fails `manage.py check`, not a KPI page."""

from typing import Any

from django.core.checks import CheckMessage, Error

from core.metrics import registered_metrics
from hubs.models import Kpi


def kpi_metrics_registered(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    registered = {metric.key for metric in registered_metrics()}
    return [
        Error(
            f"KPI metric {key!r} is not registered with core.metrics.",
            hint="The app that keeps its records registers it in its AppConfig.ready().",
            id="hubs.E001",
        )
        for key in Kpi.Metric.values
        if key not in registered
    ]
