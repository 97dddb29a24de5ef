"""The home page: the signed-in person's dashboard, or the public front page for a visitor."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.permissions import is_signed_in
from core.ratelimit import page_rate_limit
from core.taxonomies import language_name
from dashboard.front_page import front_page
from dashboard.matches import matches_for_profiles
from dashboard.selectors import dashboard_of, matchable_profiles_of


def home(request: HttpRequest) -> HttpResponse:
    if not is_signed_in(request.user):
        return render(request, "dashboard/front_page.html", {"front": front_page()})
    return render(request, "dashboard/dashboard.html", {"dashboard": dashboard_of(request.user)})


@login_required
@page_rate_limit("matching")
def matches_panel(request: HttpRequest) -> HttpResponse:
    """The dashboard's matches, loaded by htmx after the page so that matching never slows it down."""
    found = matches_for_profiles(request.user, matchable_profiles_of(request.user, now=timezone.now()))
    labelled = [
        (entry, [(match, language_name(match.language) if match.language else "") for match in entry.matches])
        for entry in found
    ]
    return render(request, "dashboard/_matches.html", {"found": labelled})
