from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.selectors import api_token_authenticate
        from core.api_auth import register_token_lookup

        # Personal tokens live here; the API's authentication (core.api_auth) asks through the lookup.
        register_token_lookup(api_token_authenticate)
