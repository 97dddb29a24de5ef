from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The home page: a person's work across every app, and the public front page. It reads every
    domain app's selectors; no app imports it (pyproject.toml [tool.importlinter])."""

    name = "dashboard"
    verbose_name = _("Dashboard and front page")
