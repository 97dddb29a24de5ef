"""Reads of the matching engine. Every result passes the kind's own permission-aware selector for the
person asking and its `indexable` filter, so nobody is shown a record they could not open, and a record
withdrawn or expired since it was indexed never comes back.

Scores are the cosines of language-neutral vectors: each language's mean vector is removed, which
also takes away most of the hubs (`matching.index`). People never see them: each result carries a
`Relevance` ("strong match", "possible match") from thresholds calibrated on the labelled demo set
(`make bench-matching`), and what falls below "possible" is not a result at all.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.languages import detect_language
from matching import embedder
from matching.index import Score
from matching.models import Embedding
from matching.registry import kind_for
from matching.store import index_for

PRODUCT_SCORE = Score.COSINE
CANDIDATE_POOL_MINIMUM = 50


class Relevance(StrEnum):
    STRONG = "strong"
    POSSIBLE = "possible"

    @property
    def label(self) -> str:
        return str(RELEVANCE_LABELS[self])


RELEVANCE_LABELS = {Relevance.STRONG: _("Strong match"), Relevance.POSSIBLE: _("Possible match")}

# Lowest cosine of the language-neutral vectors for each relevance, calibrated on the labelled demo
# set (bench/data/demo_queries.json, `make bench-matching`). "Possible" is where the F1 of relevant
# results peaks, both for search words and for a profile against its complementary kinds: about 60%
# of what passes it is relevant, and half of all relevant records pass. "Strong" is where precision
# reaches three in four.
THRESHOLDS = {Relevance.STRONG: 0.20, Relevance.POSSIBLE: 0.15}
# A few search words score lower against every record than a long text does, so a record that stands
# out from the query's scores against the whole index (STANDOUT standard deviations above their mean,
# and above a floor) is a possible match too: on the labelled set this finds a relevant result for two
# more queries at the same precision.
STANDOUT = 2.0
STANDOUT_FLOOR = 0.05


def relevance_of(score: float, standout: float = 0.0) -> Relevance | None:
    """How relevant a result with this score is: strong, possible, or None (not a result)."""
    if score >= THRESHOLDS[Relevance.STRONG]:
        return Relevance.STRONG
    if score >= THRESHOLDS[Relevance.POSSIBLE] or (standout >= STANDOUT and score >= STANDOUT_FLOOR):
        return Relevance.POSSIBLE
    return None


@dataclass(frozen=True)
class SimilarRecord:
    object_id: int
    score: float  # cosine of the language-neutral vectors. For ranking, never for people.
    cosine: float  # of the language-neutral vectors
    record: Any
    language: str = ""
    best_sentence: str = ""  # the sentence of the record's text closest to the query
    relevance: Relevance | None = None

    @property
    def relevance_label(self) -> str:
        return self.relevance.label if self.relevance else ""


@dataclass(frozen=True)
class Query:
    """What a search compares records with: a vector as the encoder made it, and its language."""

    vector: np.ndarray
    language: str


def query_for(
    *,
    text: str | None = None,
    language: str | None = None,
    source_kind: str | None = None,
    source_id: int | None = None,
) -> Query:
    """Search words are embedded as a query, in the language given or else the one detected; a record
    is compared through its stored vector and language, or its text embedded now when it is not in the
    index (a draft, say)."""
    if text is not None:
        return Query(embedder.query(text), language or detect_language(text))
    if source_kind is None or source_id is None:
        raise ValueError("Give either text, or source_kind and source_id.")
    index = index_for(source_kind)
    stored = index.vector_of(source_id)
    if stored is not None:
        return Query(stored, language or index.language_of(source_id))
    matchable = kind_for(source_kind)
    record = matchable.model._default_manager.get(pk=source_id)
    document = matchable.document(record)
    found = language or matchable.language(record) or detect_language(document)
    return Query(embedder.passages([document])[0], found)


def query_vector(
    *, text: str | None = None, source_kind: str | None = None, source_id: int | None = None
) -> np.ndarray:
    """The vector alone (as the encoder made it) of `query_for`."""
    return query_for(text=text, source_kind=source_kind, source_id=source_id).vector


def similar_records(
    *,
    viewer: Any,
    target_kind: str,
    text: str | None = None,
    language: str | None = None,
    source_kind: str | None = None,
    source_id: int | None = None,
    limit: int = 10,
    exclude_ids: Collection[int] = (),
    query: Query | None = None,
    narrow: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
    relevant_only: bool = True,
) -> list[SimilarRecord]:
    """The records of `target_kind` closest in meaning to the text (in `language`, detected when not
    given), or to a record, best first, that `viewer` may see (and that `narrow`, if given, keeps).
    Only relevant records unless `relevant_only` is False (the benchmarks look below the cut-off)."""
    if query is None:
        query = query_for(text=text, language=language, source_kind=source_kind, source_id=source_id)
    excluded = frozenset(exclude_ids) | (
        frozenset({source_id}) if source_kind == target_kind and source_id is not None else frozenset()
    )
    matchable = kind_for(target_kind)
    index = index_for(target_kind)
    pool = max(limit * 5, CANDIDATE_POOL_MINIMUM)
    allowed = matchable.indexable(matchable.visible_to(viewer))
    if narrow is not None:
        allowed = narrow(allowed)
    while True:
        hits = index.search(
            query.vector, language=query.language, limit=pool, score=PRODUCT_SCORE, exclude_ids=excluded
        )
        if relevant_only:
            hits = [hit for hit in hits if relevance_of(hit.score, hit.standout)]
        # Ids first (cheap), whole records only for the few that are kept.
        visible_ids = set(allowed.filter(pk__in=[hit.object_id for hit in hits]).values_list("pk", flat=True))
        kept = [hit for hit in hits if hit.object_id in visible_ids][:limit]
        if len(kept) >= limit or len(hits) < pool:
            break
        pool *= 4
    visible = allowed.in_bulk([hit.object_id for hit in kept])
    explained = _best_sentences(target_kind, [hit.object_id for hit in kept], query.vector)
    return [
        SimilarRecord(
            object_id=hit.object_id,
            score=hit.score,
            cosine=hit.cosine,
            record=visible[hit.object_id],
            language=explained.get(hit.object_id, ("", ""))[0],
            best_sentence=explained.get(hit.object_id, ("", ""))[1],
            relevance=relevance_of(hit.score, hit.standout),
        )
        for hit in kept
    ]


def _best_sentences(kind: str, object_ids: list[int], vector: np.ndarray) -> dict[int, tuple[str, str]]:
    """For each record: (its language, the sentence of its text nearest the query vector)."""
    rows = Embedding.objects.filter(kind=kind, object_id__in=object_ids).values_list(
        "object_id", "language", "sentences", "sentence_vectors"
    )
    explained = {}
    for object_id, language, sentences, sentence_vectors in rows:
        best = ""
        if sentences and sentence_vectors:
            similarities = embedder.from_bytes(sentence_vectors, rows=len(sentences)) @ vector
            best = sentences[int(similarities.argmax())]
        explained[object_id] = (language, best)
    return explained
