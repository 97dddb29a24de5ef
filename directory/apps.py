from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from directory.matching import register_organisation_kind
        from directory.models import Organisation, OrganisationName
        from directory.search_ranking import rankings_forget

        register_organisation_kind()
        # Kept search rankings (directory.search_ranking) go stale when a record or a name changes.
        for model in (Organisation, OrganisationName):
            for signal in (post_save, post_delete):
                uid = f"directory.rankings_forget.{model.__name__}.{signal is post_save}"
                signal.connect(rankings_forget, sender=model, dispatch_uid=uid)
