from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchanges and fellowships")

    def ready(self) -> None:
        from exchanges.documents import register_exchange_documents
        from exchanges.kpis import register_exchange_metrics
        from exchanges.matches import register_exchange_kinds

        register_exchange_kinds()
        register_exchange_documents()
        register_exchange_metrics()
