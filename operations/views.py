"""The operators' page of scheduled jobs, and the two health addresses."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.edges import service_call
from operations.health import health_run, may_see_health_details
from operations.selectors import jobs_overview
from operations.services import job_run_request

TEXT = "text/plain; charset=utf-8"


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "operations/jobs.html",
        {"jobs": jobs_overview(request.user), "time_zone": settings.TIME_ZONE},
    )


@login_required
@require_POST
def job_run_now(request: HttpRequest, name: str) -> HttpResponse:
    service_call(
        request,
        None,
        lambda: job_run_request(actor=request.user, name=name),
        _("The job will run as soon as the worker takes it up."),
    )
    return redirect("operations:job_list")


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers. No database, no check."""
    response = HttpResponse("ok", content_type=TEXT)
    add_never_cache_headers(response)
    return response


def _wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json" or "application/json" in request.headers.get("accept", "")


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For operators and monitors: every check; 200 when all pass, 503 otherwise. Only staff and callers
    with HEALTH_CHECK_TOKEN see which check failed."""
    outcomes = health_run()
    healthy = all(outcome.ok for outcome in outcomes)
    status = 200 if healthy else 503
    word = "ok" if healthy else "unavailable"
    detailed = may_see_health_details(request.user, request.headers.get("authorization", ""))
    response: HttpResponse
    if _wants_json(request):
        body: dict[str, object] = {"status": word}
        if detailed:
            body["checks"] = {
                outcome.name: {"ok": outcome.ok, "message": outcome.message, "seconds": outcome.seconds}
                for outcome in outcomes
            }
        response = JsonResponse(body, status=status)
    elif detailed and request.user.is_authenticated:
        context = {"outcomes": outcomes, "healthy": healthy}
        response = render(request, "operations/health.html", context, status=status)
    elif detailed:
        lines = [word] + [
            f"{outcome.name}: {'ok' if outcome.ok else outcome.message}" for outcome in outcomes
        ]
        response = HttpResponse("\n".join(lines) + "\n", content_type=TEXT, status=status)
    else:
        response = HttpResponse(word, content_type=TEXT, status=status)
    patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    add_never_cache_headers(response)
    return response
