from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from directory.matching import register_organisation_kind
        from directory.models import Organisation, OrganisationName
        from directory.search_ranking import RANKINGS

        register_organisation_kind()
        # Kept search rankings go stale when a record or one of its names changes.
        RANKINGS.forget_on_change(Organisation, OrganisationName)
