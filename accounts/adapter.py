from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class ParkLinkAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Shown on the login form once settings.ACCOUNT_RATE_LIMITS["login_failed"] is exhausted.
        "too_many_login_attempts": _(
            "Too many failed login attempts: this account is locked for a while. "
            "Try again later, or reset your password to unlock it now."
        ),
    }
