"""The organisation picker's suggestions (issue 16 item 3), for static/parklink/picker.js."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from directory.picker import organisations_pick, query_is_long_enough


@require_GET
def organisation_pick(request: HttpRequest) -> JsonResponse:
    """?purpose=…&q=…[&country=XX…]: up to 20 organisations the viewer may pick for that purpose, best
    matches first. 403 (as JSON, since a script asks) for anonymous visitors and people without the
    role the form needs."""
    try:
        options = organisations_pick(
            request.user,
            purpose=request.GET.get("purpose", ""),
            q=request.GET.get("q", ""),
            countries=request.GET.getlist("country")[:20],
        )
    except PermissionDenied as denied:
        return JsonResponse({"detail": str(denied)}, status=403)
    return JsonResponse(
        {
            "query_too_short": not query_is_long_enough(request.GET.get("q", "")),
            "results": [
                {
                    "id": option.id,
                    "name": option.name,
                    "matched_name": option.matched_name,
                    "country": option.country,
                    "city": option.city,
                }
                for option in options
            ],
        }
    )
