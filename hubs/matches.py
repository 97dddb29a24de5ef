"""Candidate offers and organisations for an announced need, from the cross-lingual matching engine:
the marketplace profiles (offers first) closest in meaning to the need, whatever their language, that
the viewer may see, and the organisations behind them where the viewer may know them."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from directory.models import Organisation
from hubs.models import Need
from hubs.selectors import needs_visible_to
from marketplace.models import Profile
from matching.registry import MatchableKind, register_kind
from matching.selectors import SimilarRecord, similar_records

NEED_KIND = "hubs.need"
PROFILE_KIND = "marketplace.profile"
CANDIDATE_LIMIT = 8
OFFER_KINDS = (Profile.Kind.TECHNOLOGY_OFFER, Profile.Kind.BUSINESS_OFFER)


def need_document(need: Need) -> str:
    return "\n".join(part for part in (need.title, need.description) if part)


def announced_needs(needs: QuerySet[Need]) -> QuerySet[Need]:
    return needs.filter(status__in=[Need.Status.ANNOUNCED, Need.Status.IN_PROGRESS])


def register_need_kind() -> None:
    register_kind(
        MatchableKind(
            key=NEED_KIND,
            model=Need,
            document=need_document,
            indexable=announced_needs,
            visible_to=needs_visible_to,
        )
    )


@dataclass(frozen=True)
class NeedCandidates:
    offers: list[SimilarRecord] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)


def need_candidates(viewer: Any, need: Need, *, limit: int = CANDIDATE_LIMIT) -> NeedCandidates:
    offers = similar_records(
        viewer=viewer,
        target_kind=PROFILE_KIND,
        source_kind=NEED_KIND,
        source_id=need.pk,
        limit=limit,
        narrow=lambda profiles: profiles.filter(kind__in=OFFER_KINDS),
    )
    organisations: dict[int, Organisation] = {}
    for offer in offers:
        profile = offer.record
        if getattr(profile, "owner_shown", not profile.anonymous):
            organisations.setdefault(profile.owner_id, profile.owner)
    return NeedCandidates(offers=offers, organisations=list(organisations.values()))
