"""Cross-lingual matching over the API: a profile's matches and the search that reads every language,
through the same selectors as the pages."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import OPTIONAL_TOKEN, api_caller
from core.api_contract import inline_choices
from core.ratelimit import api_rate_limit
from marketplace.api import ProfileListItemOut
from marketplace.matching import (
    ORGANISATION_MATCHES_MAX,
    SEARCH_INPUT_MAX_LENGTH,
    ProfileMatch,
    SearchResult,
    organisation_matches,
    profile_matches,
    profiles_multilingual_search,
)
from marketplace.models import Profile
from marketplace.selectors import get_visible_profile

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
ProfileKind = Annotated[Profile.Kind, inline_choices(Profile.Kind)]

router = Router(tags=["matching"])


class MatchOut(Schema):
    profile: ProfileListItemOut
    relevance: str = Field(description='"strong" or "possible" match, from the texts alone.')
    relevance_label: str = Field(description="The relevance in the reader's language.")
    score: float = Field(description="For ordering: the texts' similarity plus what the profiles share.")
    semantic: float = Field(description="The language-neutral CSLS similarity of the two texts alone.")
    cosine: float
    language: str = Field(description="The language of the matching profile's text.")
    best_sentence: str = Field(description="The sentence of the matching profile closest to this one.")
    reasons: list[str]


class OrganisationMatchOut(Schema):
    id: int
    name: str
    country: str
    relevance: str
    relevance_label: str
    score: float
    cosine: float
    language: str
    best_sentence: str


class SearchItemOut(Schema):
    profile: ProfileListItemOut
    relevance: str = Field(description='"strong" or "possible" match.')
    relevance_label: str = Field(description="The relevance in the reader's language.")
    score: float = Field(description="Reciprocal rank fusion of the semantic and the keyword ranking.")
    semantic_rank: int | None
    keyword_rank: int | None
    language: str
    best_sentence: str


def _match_out(match: ProfileMatch) -> dict[str, Any]:
    return {
        "profile": match.profile,
        "relevance": match.relevance or "",
        "relevance_label": match.relevance_label,
        "score": round(match.score, 4),
        "semantic": round(match.semantic, 4),
        "cosine": round(match.cosine, 4),
        "language": match.language,
        "best_sentence": match.best_sentence,
        "reasons": match.reasons,
    }


@router.get("/profiles/{profile_id}/matches", response=list[MatchOut], auth=OPTIONAL_TOKEN)
@api_rate_limit("matching")
def profile_matches_list(
    request: HttpRequest, profile_id: int, limit: int = Query(10, ge=1, le=50)
) -> list[dict[str, Any]]:
    """Live profiles of the complementary kinds that match this one, best first, in any language
    (public as the profile page's panel is: without a token, what an anonymous visitor sees)."""
    viewer = api_caller(request)
    profile = get_visible_profile(viewer, profile_id)
    return [_match_out(match) for match in profile_matches(viewer=viewer, profile=profile, limit=limit)]


@router.get(
    "/profiles/{profile_id}/matching-organisations", response=list[OrganisationMatchOut], auth=OPTIONAL_TOKEN
)
@api_rate_limit("matching")
def profile_matching_organisations(
    request: HttpRequest, profile_id: int, limit: int = Query(5, ge=1, le=ORGANISATION_MATCHES_MAX)
) -> list[dict[str, Any]]:
    """For an R&D cooperation request: organisations whose description is closest to it (else empty;
    empty too for an anonymous request whose owner is hidden from the caller)."""
    viewer = api_caller(request)
    profile = get_visible_profile(viewer, profile_id)
    return [
        {
            "id": match.object_id,
            "name": match.record.name,
            "country": match.record.country,
            "relevance": match.relevance or "",
            "relevance_label": match.relevance_label,
            "score": round(match.score, 4),
            "cosine": round(match.cosine, 4),
            "language": match.language,
            "best_sentence": match.best_sentence,
        }
        for match in organisation_matches(viewer=viewer, profile=profile, limit=limit)
    ]


@router.get("/search", response=list[SearchItemOut], auth=OPTIONAL_TOKEN)
@api_rate_limit("search")
@paginate(LimitOffsetPagination)
def multilingual_search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=SEARCH_INPUT_MAX_LENGTH),
    kind: ProfileKind | None = None,
    language: str = Query("", max_length=16, description="The query's language; detected when empty."),
) -> list[SearchResult]:
    """The relevant profiles for a query in any language, found by meaning and by their words, each with
    its language and how relevant it is; what is not relevant is not listed. Words that cannot be
    searched (only emoji, say) get a 422 saying why."""
    return profiles_multilingual_search(viewer=api_caller(request), q=q, kind=kind, language=language or None)
