from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Cooperation hubs and country desks")

    def ready(self) -> None:
        from hubs.checks import kpi_metrics_registered
        from hubs.kpis import register_hub_metrics
        from hubs.matches import register_need_kind

        register_need_kind()
        register_hub_metrics()
        checks.register(kpi_metrics_registered)
