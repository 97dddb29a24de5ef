from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from accounts.forms import ApiTokenCreateForm, LanguageForm, ProfileForm, TimeZoneForm
from accounts.models import User
from accounts.selectors import api_tokens_of, user_has_two_factor
from accounts.services import (
    api_token_create,
    api_token_revoke,
    user_language_set,
    user_profile_update,
    user_time_zone_set,
)
from core.edges import service_call


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind @login_required."""

    user: User


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("core:home")


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: in a cookie for everyone, and in the profile of a signed-in person."""
    response = HttpResponseRedirect(_safe_next(request))
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["language"][0]))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _settings_context(user: User, **overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "profile_form": ProfileForm(initial={"full_name": user.full_name}),
        "language_form": LanguageForm(initial={"language": get_language()}),
        "time_zone_form": TimeZoneForm(initial={"time_zone": user.time_zone}),
        "token_form": ApiTokenCreateForm(),
        "api_tokens": api_tokens_of(user),
        "two_factor_enabled": user_has_two_factor(user),
        "new_token": None,
        "new_token_key": "",
    }
    context.update(overrides)
    return context


@require_GET
@login_required
def settings_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "accounts/settings.html", _settings_context(request.user))


@require_POST
@login_required
def profile_update(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST)
    saved = form.is_valid() and service_call(
        request,
        form,
        lambda: user_profile_update(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=request.user.preferred_language,
        ),
        # htmx swaps the form in place and says so there; a full page says it in a message.
        None if _is_htmx(request) else _("Your profile has been saved."),
    )
    if saved and not _is_htmx(request):
        return redirect("accounts:settings")
    if saved:
        form = ProfileForm(initial={"full_name": request.user.full_name})
    if _is_htmx(request):
        return render(request, "accounts/_profile_form.html", {"profile_form": form, "profile_saved": saved})
    return render(request, "accounts/settings.html", _settings_context(request.user, profile_form=form))


@require_POST
@login_required
def time_zone_update(request: AuthenticatedRequest) -> HttpResponse:
    form = TimeZoneForm(request.POST)
    saved = form.is_valid() and service_call(
        request,
        form,
        lambda: user_time_zone_set(user=request.user, time_zone=form.cleaned_data["time_zone"]),
        _("Your time zone has been saved."),
    )
    if saved:
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", _settings_context(request.user, time_zone_form=form))


def _render_tokens(request: AuthenticatedRequest, **overrides: Any) -> HttpResponse:
    context = _settings_context(request.user, **overrides)
    template = "accounts/_api_tokens.html" if _is_htmx(request) else "accounts/settings.html"
    return render(request, template, context)


@require_POST
@login_required
def api_token_create_view(request: AuthenticatedRequest) -> HttpResponse:
    """Create a token and show its key in this one response; the key cannot be shown again."""
    form = ApiTokenCreateForm(request.POST)
    created = form.is_valid() and service_call(
        request, form, lambda: api_token_create(user=request.user, **form.cleaned_data)
    )
    if created:
        token, key = created.result
        return _render_tokens(request, new_token=token, new_token_key=key)
    return _render_tokens(request, token_form=form)


@require_POST
@login_required
def api_token_revoke_view(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = api_token_revoke(user=request.user, token_id=token_id)
    if _is_htmx(request):
        return _render_tokens(request, revoked_token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:settings")
