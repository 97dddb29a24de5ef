"""The analytics pages: they read one computation and render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from analytics.forms import RankingPeriodForm
from analytics.ranking import WEIGHTS, park_ranking


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    """The index over the chosen period (`period=year|all|custom`, `from`, `to`); the last year unless
    asked otherwise. A bad custom period shows its errors beside the fields and no table."""
    form = RankingPeriodForm(request.GET or None, today=timezone.localdate())
    if not request.GET:
        form = RankingPeriodForm({"period": "year"}, today=timezone.localdate())
    valid = form.is_valid()
    period = form.ranking_period if valid else None
    return render(
        request,
        "analytics/ranking.html",
        {
            "form": form,
            "period": period,
            "scores": park_ranking(period=period) if period is not None else [],
            "weights": WEIGHTS,
        },
        status=200 if valid else 400,
    )
