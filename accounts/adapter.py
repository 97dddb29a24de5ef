from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.email_tasks import email_enqueue


class ParkLinkAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Shown on the login form once settings.ACCOUNT_RATE_LIMITS["login_failed"] is exhausted.
        "too_many_login_attempts": _(
            "Too many failed login attempts: this account is locked for a while. "
            "Try again later, or reset your password to unlock it now."
        ),
    }

    def add_message(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        """allauth writes its messages ("Successfully signed in as …") while the request still speaks the
        language it arrived in; once someone has signed in, the next page speaks the language saved on their
        account (accounts.middleware.UserLanguageMiddleware), so the message is written in that one."""
        language = getattr(request.user, "preferred_language", "")
        if not language:
            return super().add_message(request, *args, **kwargs)
        with translation.override(language):
            return super().add_message(request, *args, **kwargs)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every account mail (confirmation, password reset, notices) is rendered now, in the person's
        language, and sent by the task queue, which retries while the mail server is down
        (core.email_tasks): a sign-up or a reset never fails because of the mail server."""
        request = allauth_context.request
        mail_context = {"request": request, "email": email, "current_site": get_current_site(request)}
        mail_context.update(context)
        email_enqueue(self.render_mail(template_prefix, email, mail_context))
