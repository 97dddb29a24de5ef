"""Cross-lingual matching of marketplace profiles, on the engine in `matching`.

A profile's matches are the live profiles of the complementary kinds (an offer finds requests, a
request finds offers) closest in meaning whatever language each is written in, re-ranked with what
the two profiles say in common: sectors, keywords, SDGs, partnership types, target countries and
technology readiness. Each match carries its reasons. Search fuses the same semantic ranking with
the keyword search of the marketplace list (reciprocal rank fusion).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.notifications import notification_send
from core.taxonomies import keyword_label, sdg_label, sector_label
from directory.matching import ORGANISATION_KIND
from directory.models import OrganisationMembership
from marketplace.models import Profile, ProfilePartnershipType, ProfileSdg, ProfileTargetCountry
from marketplace.selectors import owner_disclosed, profiles_visible_to, with_list_relations
from matching.registry import MatchableKind, register_kind
from matching.selectors import (
    PRODUCT_SCORE,
    THRESHOLDS,
    Relevance,
    SimilarHit,
    SimilarRecord,
    relevance_of,
    similar_hits,
    similar_records,
    with_records,
)
from matching.store import index_for

PROFILE_KIND = "marketplace.profile"

Kind = Profile.Kind
COMPLEMENTS: dict[str, tuple[str, ...]] = {
    Kind.TECHNOLOGY_OFFER: (Kind.TECHNOLOGY_REQUEST, Kind.RD_REQUEST),
    Kind.TECHNOLOGY_REQUEST: (Kind.TECHNOLOGY_OFFER,),
    Kind.RD_REQUEST: (Kind.TECHNOLOGY_OFFER,),
    Kind.BUSINESS_OFFER: (Kind.BUSINESS_REQUEST,),
    Kind.BUSINESS_REQUEST: (Kind.BUSINESS_OFFER,),
}
# What the taxonomy adds on top of the semantic score (`matching.selectors`), whose useful range is
# about 0.1 to 0.5: enough to order close candidates, never to make an unrelated one relevant.
WEIGHTS = {
    "sectors": 0.04,
    "keywords": 0.025,
    "sdgs": 0.01,
    "partnership_types": 0.015,
    "countries": 0.01,
    "trl": 0.01,
}
SEMANTIC_CANDIDATES = 4  # times the number of matches asked for, re-ranked with the taxonomy
ALERT_MUTUAL_RANK = 3
# Alerts interrupt people, so they need the "strong match" score on top of mutual nearest neighbours:
# on the labelled demo pairs, three in four of the matches above it were relevant (docs/matching.md).
ALERT_MIN_SCORE = THRESHOLDS[Relevance.STRONG]
RRF_K = 60
ORGANISATION_MATCHES_MAX = 50  # the most organisations listed for one request (the API's `limit` cap)
SEARCH_DEPTH = 50
WORD = re.compile(r"\w+")
MIN_WORD_LENGTH = 3


def profile_document(profile: Profile) -> str:
    return "\n".join(
        part for part in (profile.title, profile.summary, profile.description, profile.innovation) if part
    )


def live_profiles(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    now = timezone.now()
    return profiles.filter(status=Profile.Status.PUBLISHED).exclude(expires_at__lte=now)


def profile_language(profile: Profile) -> str:
    return profile.language or profile.detected_language


def _alert_matches(profile_id: int) -> None:
    profile_match_alerts_send(profile_id=profile_id)


def register_profile_kind() -> None:
    register_kind(
        MatchableKind(
            key=PROFILE_KIND,
            model=Profile,
            document=profile_document,
            indexable=live_profiles,
            visible_to=profiles_visible_to,
            language=profile_language,
            on_newly_indexed=_alert_matches,
        )
    )


@dataclass(frozen=True)
class _Facets:
    sectors: set[str]
    keywords: set[str]
    sdgs: set[int]
    partnership_types: set[str]
    target_countries: set[str]
    owner_country: str
    trl: int | None


def _facets(profile_ids: Iterable[int]) -> dict[int, _Facets]:
    """What the taxonomy says of each profile, read as values: for forty candidates, building their
    related rows as model instances cost more than the re-ranking (issue 18)."""
    ids = list(dict.fromkeys(profile_ids))
    facets = {
        pk: _Facets(set(), set(), set(), set(), set(), owner_country=country, trl=trl)
        for pk, country, trl in Profile.objects.filter(pk__in=ids).values_list("pk", "owner__country", "trl")
    }
    # One query for the five relations: each row is (profile, relation, value). Unordered, as SQLite
    # allows no ORDER BY inside a UNION.
    sectors = (
        Profile.sectors.through.objects.filter(profile_id__in=ids)
        .order_by()
        .values_list("profile_id", Value("sectors"), "sector__code")
    )
    related = sectors.union(
        Profile.keywords.through.objects.filter(profile_id__in=ids)
        .order_by()
        .values_list("profile_id", Value("keywords"), "keyword__code"),
        ProfileSdg.objects.filter(profile_id__in=ids)
        .order_by()
        .values_list("profile_id", Value("sdgs"), Cast("goal", CharField())),
        ProfilePartnershipType.objects.filter(profile_id__in=ids)
        .order_by()
        .values_list("profile_id", Value("partnership_types"), "type"),
        ProfileTargetCountry.objects.filter(profile_id__in=ids)
        .order_by()
        .values_list("profile_id", Value("target_countries"), "country"),
        all=True,
    )
    for pk, relation, value in related:
        getattr(facets[pk], relation).add(int(value) if relation == "sdgs" else value)
    return facets


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _country_fit(a: _Facets, b: _Facets) -> bool:
    """Each side either targets no country in particular or targets the other's country."""
    return (not a.target_countries or b.owner_country in a.target_countries) and (
        not b.target_countries or a.owner_country in b.target_countries
    )


@dataclass(frozen=True)
class ProfileMatch:
    profile: Any  # the Profile, read for the viewer once the match is kept (None while it is ranked)
    profile_id: int
    score: float
    semantic: float
    cosine: float
    language: str
    best_sentence: str
    relevance: Relevance | None = None  # from the texts' similarity alone
    shared_sectors: list[str] = field(default_factory=list)
    shared_keywords: list[str] = field(default_factory=list)
    shared_sdgs: list[str] = field(default_factory=list)
    shared_partnership_types: list[str] = field(default_factory=list)
    countries_fit: bool = False
    trl_gap: int | None = None

    @property
    def relevance_label(self) -> str:
        return self.relevance.label if self.relevance else ""

    @property
    def reasons(self) -> list[str]:
        """Why, in words, most telling first (for the API and the pages)."""
        reasons = []
        if self.best_sentence:
            reasons.append(str(format_lazy(_("Closest passage: “{sentence}”"), sentence=self.best_sentence)))
        if self.shared_sectors:
            reasons.append(str(format_lazy(_("Shared sectors: {list}"), list=", ".join(self.shared_sectors))))
        if self.shared_keywords:
            reasons.append(
                str(format_lazy(_("Shared keywords: {list}"), list=", ".join(self.shared_keywords)))
            )
        if self.shared_sdgs:
            reasons.append(str(format_lazy(_("Shared SDGs: {list}"), list=", ".join(self.shared_sdgs))))
        if self.shared_partnership_types:
            reasons.append(
                str(
                    format_lazy(
                        _("Partnership types in common: {list}"),
                        list=", ".join(self.shared_partnership_types),
                    )
                )
            )
        if self.countries_fit:
            reasons.append(str(_("Each is open to the other's country")))
        if self.trl_gap is not None and self.trl_gap <= 2:
            reasons.append(str(_("Technology readiness levels close")))
        return reasons


def _rank(source: Profile, candidates: list[SimilarHit]) -> list[ProfileMatch]:
    """`candidates` re-ranked with what they share with `source`, best first; each match's `profile`
    is still to be read (`_with_profiles`)."""
    facets = _facets([source.pk, *(candidate.object_id for candidate in candidates)])
    mine = facets[source.pk]
    partnership_labels = dict(ProfilePartnershipType.Type.choices)
    matches = []
    for candidate in candidates:
        theirs = facets.get(candidate.object_id)
        if theirs is None:  # deleted since it was found
            continue
        trl_gap = abs(mine.trl - theirs.trl) if mine.trl is not None and theirs.trl is not None else None
        countries_fit = _country_fit(mine, theirs)
        bonus = (
            WEIGHTS["sectors"] * _jaccard(mine.sectors, theirs.sectors)
            + WEIGHTS["keywords"] * _jaccard(mine.keywords, theirs.keywords)
            + WEIGHTS["sdgs"] * _jaccard(mine.sdgs, theirs.sdgs)
            + WEIGHTS["partnership_types"] * bool(mine.partnership_types & theirs.partnership_types)
            + WEIGHTS["countries"] * countries_fit
            + WEIGHTS["trl"] * (0 if trl_gap is None else 1 - trl_gap / 8)
        )
        matches.append(
            ProfileMatch(
                profile=None,
                profile_id=candidate.object_id,
                score=candidate.score + bonus,
                semantic=candidate.score,
                cosine=candidate.cosine,
                language=candidate.language,
                best_sentence=candidate.best_sentence,
                relevance=candidate.relevance or relevance_of(candidate.score),
                shared_sectors=sorted(sector_label(code) for code in mine.sectors & theirs.sectors),
                shared_keywords=sorted(keyword_label(code) for code in mine.keywords & theirs.keywords),
                shared_sdgs=[sdg_label(goal) for goal in sorted(mine.sdgs & theirs.sdgs)],
                shared_partnership_types=sorted(
                    str(partnership_labels.get(kind, kind))
                    for kind in mine.partnership_types & theirs.partnership_types
                ),
                countries_fit=countries_fit,
                trl_gap=trl_gap,
            )
        )
    return sorted(matches, key=lambda match: -match.score)


def _with_profiles(matches: list[ProfileMatch], profiles: dict[int, Profile]) -> list[ProfileMatch]:
    """The matches whose profile is in `profiles` (read for the viewer), each with its profile."""
    return [
        replace(match, profile=profiles[match.profile_id])
        for match in matches
        if match.profile_id in profiles
    ]


def profile_matches(*, viewer: Any, profile: Profile, limit: int = 10) -> list[ProfileMatch]:
    """The live profiles of complementary kinds that `viewer` may see, best match first. The semantic
    candidates (SEMANTIC_CANDIDATES times `limit`) are re-ranked by their ids and taxonomy; only the
    profiles kept are read, with what a list shows of them."""

    def complementary(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
        return profiles.filter(kind__in=COMPLEMENTS[profile.kind]).exclude(owner_id=profile.owner_id)

    candidates = similar_hits(
        viewer=viewer,
        target_kind=PROFILE_KIND,
        source_kind=PROFILE_KIND,
        source_id=profile.pk,
        limit=limit * SEMANTIC_CANDIDATES,
        narrow=complementary,
    )
    kept = _rank(profile, candidates)[:limit]
    found = {hit.object_id: hit for hit in candidates}
    read = with_records(
        viewer=viewer,
        target_kind=PROFILE_KIND,
        hits=[found[match.profile_id] for match in kept],
        narrow=lambda profiles: with_list_relations(complementary(profiles)),
    )
    return _with_profiles(kept, {record.object_id: record.record for record in read})


def organisation_matches(*, viewer: Any, profile: Profile, limit: int = 5) -> list[SimilarRecord]:
    """For an R&D cooperation request: the organisations (other than its owner) whose description is
    closest to it, that `viewer` may see, at most `ORGANISATION_MATCHES_MAX`. Other kinds of profile
    get none.

    For an anonymous request, a viewer to whom the owner is not disclosed (`owner_disclosed`) gets no
    list at all. Leaving the owner out of the list would name it by omission (the one relevant
    organisation missing); putting it in like any other would name it too, since the organisation
    that wrote the request is usually the one whose description is closest to it, so it would lead
    the list. Only the owner's own people, its moderators and the organisations it accepted see the
    list, and to them the owner is known anyway."""
    if profile.kind != Kind.RD_REQUEST:
        return []
    if profile.anonymous and not owner_disclosed(viewer, profile):
        return []
    return similar_records(
        viewer=viewer,
        target_kind=ORGANISATION_KIND,
        source_kind=PROFILE_KIND,
        source_id=profile.pk,
        limit=min(limit, ORGANISATION_MATCHES_MAX),
        exclude_ids={profile.owner_id},
    )


def _complementary_matches(profile: Profile, *, limit: int) -> list[ProfileMatch]:
    """The best live complementary profiles, seen by nobody in particular (for alerts only)."""
    index = index_for(PROFILE_KIND)
    vector = index.vector_of(profile.pk)
    if vector is None:
        return []
    hits = index.search(
        vector,
        language=index.language_of(profile.pk),
        limit=limit * 20,
        score=PRODUCT_SCORE,
        exclude_ids=frozenset({profile.pk}),
    )
    candidates = (
        live_profiles(Profile.objects.select_related("owner"))
        .filter(kind__in=COMPLEMENTS[profile.kind])
        .exclude(owner_id=profile.owner_id)
        .in_bulk([hit.object_id for hit in hits])
    )
    similar = [
        SimilarHit(hit.object_id, hit.score, hit.cosine) for hit in hits if hit.object_id in candidates
    ]
    return _with_profiles(_rank(profile, similar)[:limit], candidates)


def profile_match_alerts_send(*, profile_id: int) -> int:
    """Tell the people of each organisation whose live profile strongly matches a newly published one,
    if they may see it. "Strongly" means mutual nearest neighbours, the hubness-proof criterion of
    bitext mining: each is among the other's ALERT_MUTUAL_RANK best matches, and their texts' own
    score reaches ALERT_MIN_SCORE (a strong match). Returns the notifications stored."""
    profile = live_profiles(Profile.objects.select_related("owner")).filter(pk=profile_id).first()
    if profile is None:
        return 0
    stored = 0
    for match in _complementary_matches(profile, limit=ALERT_MUTUAL_RANK):
        if match.semantic < ALERT_MIN_SCORE:
            continue
        theirs = _complementary_matches(match.profile, limit=ALERT_MUTUAL_RANK)
        if profile.pk not in {their.profile.pk for their in theirs}:
            continue
        people = [
            link.user
            for link in OrganisationMembership.objects.filter(
                organisation_id=match.profile.owner_id, user__is_active=True
            ).select_related("user")
        ]
        stored += notification_send(
            recipients=[
                person for person in people if profiles_visible_to(person).filter(pk=profile.pk).exists()
            ],
            topic="marketplace.match",
            subject=format_lazy(
                _("A new profile matches your “{title}”: {other}"),
                title=match.profile.title,
                other=profile.title,
            ),
            body=_("Open it to see why it matches, and express your interest if it is what you need."),
            url=reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}),
        )
    return stored


@dataclass(frozen=True)
class SearchResult:
    profile: Profile
    score: float  # reciprocal rank fusion, for ordering only
    semantic_rank: int | None
    keyword_rank: int | None
    language: str
    best_sentence: str
    relevance: Relevance

    @property
    def relevance_label(self) -> str:
        return self.relevance.label


class SearchQueryError(ValidationError):
    """Search words that cannot be searched, with the sentence that says why (a 422 over the API)."""


SEARCH_QUERY_MAX_LENGTH = 500  # what is searched; longer input is cut, not refused
SEARCH_INPUT_MAX_LENGTH = 10_000  # what the page and the API accept at all


def search_query_clean(q: str) -> str:
    """The query as it will be searched: trimmed and cut to SEARCH_QUERY_MAX_LENGTH characters. Refuses
    words with no letter or digit in them (emoji, punctuation), which mean nothing to search for."""
    q = " ".join((q or "").split())[:SEARCH_QUERY_MAX_LENGTH]
    if not q:
        raise SearchQueryError(_("Type what you are looking for, in any language."), code="empty")
    if not any(char.isalnum() for char in q):
        raise SearchQueryError(
            _("Use words to search: emoji and punctuation alone match nothing."), code="no_words"
        )
    return q


def _words(text: str) -> set[str]:
    return {word for word in WORD.findall(text.casefold()) if len(word) >= MIN_WORD_LENGTH}


def _keyword_ranking(q: str, candidates: list[Profile], exact: list[Profile]) -> list[Profile]:
    """The profile whose reference is the query, then the candidates whose text holds every word of
    the query. A word or two in common is no evidence: words are shared only within a language, so
    counting them would pull the query's own language up again."""
    words = _words(q)
    complete = []
    for profile in candidates:
        if profile in exact or not words:
            continue
        text = " ".join((profile.reference, profile_document(profile))).casefold()
        if all(word in text for word in words):
            complete.append(profile)
    return [*exact, *complete]


def profiles_multilingual_search(
    *, viewer: Any, q: str, kind: str | None = None, language: str | None = None
) -> list[SearchResult]:
    """The relevant profiles `viewer` may see for a query in any language (its language detected unless
    given), best first. A profile is relevant when its meaning is close enough to the query's (a
    "strong" or "possible" match, `matching.selectors.relevance_of`), when its text contains every
    word of the query, or when its reference is the query; the rest are not results. The semantic
    and keyword rankings are fused by reciprocal rank fusion. The keyword ranking looks among the
    semantic candidates only; it does not scan every profile's text (a full-text index would be
    needed for that at 100,000)."""
    q = search_query_clean(q)

    def narrow(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
        return with_list_relations(profiles.filter(kind=kind) if kind else profiles)

    candidates = similar_records(
        viewer=viewer,
        target_kind=PROFILE_KIND,
        text=q,
        language=language,
        limit=SEARCH_DEPTH,
        narrow=narrow,
        relevant_only=False,
    )
    semantic = [hit for hit in candidates if hit.relevance is not None]
    # References are upper case; an exact match uses the unique index where iexact would scan.
    exact = list(narrow(profiles_visible_to(viewer)).filter(reference=q.upper())[:1])
    keyword = _keyword_ranking(q, [hit.record for hit in candidates], exact)
    fused: dict[int, dict[str, Any]] = {}
    for rank, hit in enumerate(semantic, start=1):
        fused[hit.object_id] = {
            "profile": hit.record,
            "semantic_rank": rank,
            "keyword_rank": None,
            "language": hit.language or profile_language(hit.record),
            "best_sentence": hit.best_sentence,
            "relevance": hit.relevance,
        }
    explained = {hit.object_id: hit for hit in candidates}
    for rank, profile in enumerate(keyword, start=1):
        found = explained.get(profile.pk)
        entry = fused.setdefault(
            profile.pk,
            {
                "profile": profile,
                "semantic_rank": None,
                "language": (found.language if found else "") or profile_language(profile),
                "best_sentence": found.best_sentence if found else "",
                # Its own words, or its reference, are in the query: relevant whatever its meaning scored.
                "relevance": Relevance.STRONG if profile in exact else Relevance.POSSIBLE,
            },
        )
        entry["keyword_rank"] = rank
    results = [
        SearchResult(
            score=sum(1 / (RRF_K + rank) for rank in (entry["semantic_rank"], entry["keyword_rank"]) if rank),
            **entry,
        )
        for entry in fused.values()
    ]
    # A profile whose reference is the query is what the person asked for: first, whatever else scored.
    return sorted(results, key=lambda result: (result.profile not in exact, -result.score, result.profile.pk))
