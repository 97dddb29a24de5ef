from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Networks and memberships")

    def ready(self) -> None:
        from core.permissions import register_moderation_resolver
        from networks.selectors import moderated_organisation_ids

        # Which organisations a secretariat moderates follows from network memberships, which live here;
        # shared code (the audit trail, the directory's permissions) asks through core.permissions.
        register_moderation_resolver(moderated_organisation_ids)
