from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Technology-transfer marketplace")

    def ready(self) -> None:
        from marketplace.kpis import register_marketplace_metrics
        from marketplace.matching import register_profile_kind

        register_profile_kind()
        register_marketplace_metrics()
