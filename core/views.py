from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.forms import AuditTrailFilterForm
from core.notification_kinds import Channel
from core.notifications import (
    notification_preferences_of,
    notification_preferences_update,
    notifications_mark_read,
    notifications_of,
)
from core.permissions import deny_unless
from core.selectors import audit_events_filtered, audit_events_visible_to, can_browse_audit_trail

AUDIT_EVENTS_PER_PAGE = 50
NOTIFICATIONS_PER_PAGE = 30


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    deny_unless(
        can_browse_audit_trail(request.user),
        _("Only a network secretariat or a ParkLink operator can browse the audit trail."),
    )
    events = audit_events_visible_to(request.user)
    form = AuditTrailFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        events = audit_events_filtered(events, **form.cleaned_data)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, AUDIT_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "core/audit_trail.html",
        {"form": form, "page": page, "query_without_page": query_without_page.urlencode()},
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    own = notifications_of(request.user)
    page = Paginator(own, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {"page": page, "unread": own.filter(read_at__isnull=True).exists(), "query_without_page": ""},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("core:notifications")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """One row per kind of notification, each with how the person wants to hear of it."""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        chosen = {
            kind.key: request.POST.get(kind.key, "")
            for kind, _channel in notification_preferences_of(request.user)
        }
        try:
            notification_preferences_update(user=request.user, preferences=chosen)
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("core:notification_settings")
    rows = [
        {
            "kind": kind,
            "channel": request.POST.get(kind.key, channel) if errors else channel,
            "errors": errors.get(kind.key, []),
        }
        for kind, channel in notification_preferences_of(request.user)
    ]
    return render(
        request,
        "core/notification_settings.html",
        {"rows": rows, "channels": Channel.choices, "has_errors": bool(errors)},
        status=400 if errors else 200,
    )
