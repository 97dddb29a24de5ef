from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.forms import AuditTrailFilterForm
from core.permissions import deny_unless
from core.selectors import audit_events_filtered, audit_events_visible_to, can_browse_audit_trail

AUDIT_EVENTS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


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
