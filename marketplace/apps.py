from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Technology-transfer marketplace")

    def ready(self) -> None:
        from marketplace.kpis import register_marketplace_metrics
        from marketplace.matching import register_profile_kind
        from marketplace.models import Profile
        from marketplace.word_search import MATCHES

        register_profile_kind()
        # The profiles a set of words matches changes with any profile's text.
        MATCHES.forget_on_change(Profile)
        register_marketplace_metrics()
