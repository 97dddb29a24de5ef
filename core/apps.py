from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self) -> None:
        # Every text a ParkLink model saves stays within its field's maximum (core/text_limits.py).
        from core.text_limits import text_limits_connect

        text_limits_connect()
