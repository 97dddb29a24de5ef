"""Pages of cross-lingual matching: a profile's matches (an htmx panel on the profile page and on the
owner's dashboard) and the search that reads every language."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.ratelimit import page_rate_limit
from core.taxonomies import language_name
from marketplace.matching import (
    SEARCH_INPUT_MAX_LENGTH,
    SEARCH_QUERY_MAX_LENGTH,
    SearchResult,
    organisation_matches,
    profile_matches,
    profiles_multilingual_search,
)
from marketplace.models import Profile
from marketplace.selectors import get_visible_profile, owner_place_label

MATCHES_SHOWN = 10
MATCHES_MOST = 20
SEARCH_RESULTS_PER_PAGE = 20


def _limit(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("limit", MATCHES_SHOWN)), MATCHES_MOST))
    except ValueError:
        return MATCHES_SHOWN


@page_rate_limit("matching")
def profile_matches_panel(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_visible_profile(request.user, pk)
    matches = profile_matches(viewer=request.user, profile=profile, limit=_limit(request))
    for match in matches:
        match.profile.owner_country_label = owner_place_label(match.profile)  # type: ignore[attr-defined]
    return render(
        request,
        "marketplace/_profile_matches.html",
        {
            "profile": profile,
            "matches": [
                (match, language_name(match.language) if match.language else "") for match in matches
            ],
            "compact": request.GET.get("compact") == "1",
            "organisations": [
                (match, language_name(match.language) if match.language else "")
                for match in organisation_matches(viewer=request.user, profile=profile)
            ],
        },
    )


@page_rate_limit("search")
def multilingual_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:SEARCH_INPUT_MAX_LENGTH]
    kind = request.GET.get("kind") or None
    if kind not in Profile.Kind.values:
        kind = None
    results: list[SearchResult] = []
    problem = ""
    if "q" in request.GET:
        try:
            results = profiles_multilingual_search(viewer=request.user, q=q, kind=kind)
        except ValidationError as error:
            problem = error.messages[0]
    labelled = [(result, language_name(result.language) if result.language else "") for result in results]
    page = Paginator(labelled, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for result, _label in page:
        result.profile.owner_country_label = owner_place_label(result.profile)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "marketplace/search.html",
        {
            "q": q.strip()[:SEARCH_QUERY_MAX_LENGTH],
            "searched": "q" in request.GET and not problem,
            "problem": problem,
            "kind": kind or "",
            "kinds": Profile.Kind.choices,
            "page": page,
            "query": query.urlencode(),
        },
    )
