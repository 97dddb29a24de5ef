"""The analytics pages: they read one computation and render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from analytics.ranking import PERIOD_DAYS, WEIGHTS, park_ranking


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "analytics/ranking.html",
        {"scores": park_ranking(today=timezone.localdate()), "weights": WEIGHTS, "period_days": PERIOD_DAYS},
    )
