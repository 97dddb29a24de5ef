from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Cooperation hubs and country desks")

    def ready(self) -> None:
        from hubs.matches import register_need_kind

        register_need_kind()
