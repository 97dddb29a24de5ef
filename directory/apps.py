from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from core.permissions import register_moderation_resolver
        from directory.selectors import moderated_organisation_ids

        # Roles live in the directory, so it tells shared code (the audit trail) who moderates what.
        register_moderation_resolver(moderated_organisation_ids)
