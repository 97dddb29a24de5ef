from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self) -> None:
        # Which task the thread runs, for effects done once (core/task_leases.py).
        from core.task_leases import task_signals_connect

        task_signals_connect()

        # Every text a ParkLink model saves stays within its field's maximum (core/text_limits.py).
        from core.text_limits import text_limits_connect

        text_limits_connect()

        # Issue 15: the empty choice of every select ("- Select an option -", Django 6.1's label) is
        # ParkLink's own string, so `make messages` extracts it and each language's catalog translates it.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("- Select an option -")

        # Each app registers its kinds of notification in its own `notifications` module
        # (core/notification_kinds.py); found by name, so core imports no domain app.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("notifications")
