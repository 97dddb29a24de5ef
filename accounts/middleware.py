from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.selectors import user_has_two_factor

STAFF_TWO_FACTOR_REQUIRED = _(
    "ParkLink staff accounts must sign in with two-factor authentication. "
    "Set up an authenticator app to continue."
)


class UserLanguageMiddleware:
    """A signed-in person sees the interface in the language they chose, on whatever device they use.

    Runs after LocaleMiddleware, so their saved preference wins over the cookie and the browser.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = getattr(request.user, "preferred_language", "")
        if not language:
            return self.get_response(request)
        # Scoped to this request, so the language never leaks into whatever the thread runs next.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Sends a staff account without an authenticator app to set one up before anything else.

    Works in `process_view`, after every middleware has prepared the request, so the message
    framework is ready whatever the order in settings.MIDDLEWARE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return None
        if _is_exempt(request.path) or user_has_two_factor(user):
            return None
        messages.warning(request, STAFF_TWO_FACTOR_REQUIRED)
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


def _is_exempt(path: str) -> bool:
    """Pages a staff member needs on the way to two-factor login: the MFA pages themselves,
    re-entering the password before activation, logging out, static files and the language switch."""
    exempt_prefixes = (
        reverse("mfa_index"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        reverse("accounts:language_set"),
        settings.STATIC_URL or "/static/",
    )
    return path.startswith(exempt_prefixes)
