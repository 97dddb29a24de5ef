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
from matching.index import Score, VectorIndex
from matching.models import Embedding
from matching.registry import kind_for
from matching.store import index_for

PRODUCT_SCORE = Score.NEUTRAL
CANDIDATE_POOL_MINIMUM = 50
# Records whose sentences are read to re-rank them (measured with the labelled demo set: mixing the
# closest sentence in at 0.3 found a relevant profile in another language for two more queries).
RERANK_DEPTH = 50
SENTENCE_WEIGHT = 0.3


class Relevance(StrEnum):
    STRONG = "strong"
    POSSIBLE = "possible"

    @property
    def label(self) -> str:
        return str(RELEVANCE_LABELS[self])


RELEVANCE_LABELS = {Relevance.STRONG: _("Strong match"), Relevance.POSSIBLE: _("Possible match")}

# Lowest score (the language-neutral score mixed with the closest sentence's, `mixed_score`) for each
# relevance, calibrated on the labelled demo set (bench/data/demo_queries.json, `make bench-matching`).
# "Possible" is where the F1 of relevant results peaks for search words: 65% of what passes it is
# relevant, and 44% of all relevant profiles pass (86% of a profile's matches are relevant). "Strong"
# is where search precision reaches 78%.
THRESHOLDS = {Relevance.STRONG: 0.22, Relevance.POSSIBLE: 0.18}
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
class SimilarHit:
    """A record found, before it is read: its id, scores, language and closest sentence."""

    object_id: int
    score: float  # cosine of the language-neutral vectors, mixed with the closest sentence's
    cosine: float  # of the language-neutral vectors
    language: str = ""
    best_sentence: str = ""
    relevance: Relevance | None = None


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
    hits = similar_hits(
        viewer=viewer,
        target_kind=target_kind,
        text=text,
        language=language,
        source_kind=source_kind,
        source_id=source_id,
        limit=limit,
        exclude_ids=exclude_ids,
        query=query,
        narrow=narrow,
        relevant_only=relevant_only,
    )
    return with_records(viewer=viewer, target_kind=target_kind, hits=hits, narrow=narrow)


def _allowed(
    viewer: Any, target_kind: str, narrow: Callable[[QuerySet[Any]], QuerySet[Any]] | None
) -> QuerySet[Any]:
    matchable = kind_for(target_kind)
    allowed = matchable.indexable(matchable.visible_to(viewer))
    return narrow(allowed) if narrow is not None else allowed


def similar_hits(
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
) -> list[SimilarHit]:
    """What `similar_records` finds, without reading the records: their ids (each one `viewer` may
    see), scores and closest sentences. A caller that re-ranks more candidates than it shows (the
    marketplace's matches) reads only the records it keeps, through `with_records`."""
    if query is None:
        query = query_for(text=text, language=language, source_kind=source_kind, source_id=source_id)
    excluded = frozenset(exclude_ids) | (
        frozenset({source_id}) if source_kind == target_kind and source_id is not None else frozenset()
    )
    index = index_for(target_kind)
    pool = max(limit * 5, CANDIDATE_POOL_MINIMUM)
    allowed = _allowed(viewer, target_kind, narrow)
    while True:
        hits = index.search(
            query.vector, language=query.language, limit=pool, score=PRODUCT_SCORE, exclude_ids=excluded
        )
        # Ids first (cheap); sentences for the best few hundred; whole records only for those kept.
        visible_ids = set(allowed.filter(pk__in=[hit.object_id for hit in hits]).values_list("pk", flat=True))
        candidates = [hit for hit in hits if hit.object_id in visible_ids][: max(limit, RERANK_DEPTH)]
        matched = _sentence_matches(index, target_kind, [hit.object_id for hit in candidates], query)
        ranked = sorted(
            ((mixed_score(hit.score, matched.get(hit.object_id)), hit) for hit in candidates),
            key=lambda pair: -pair[0],
        )
        if relevant_only:
            ranked = [(score, hit) for score, hit in ranked if relevance_of(score, hit.standout)]
        kept = ranked[:limit]
        if len(kept) >= limit or len(hits) < pool:
            break
        pool *= 4
    return [
        SimilarHit(
            object_id=hit.object_id,
            score=score,
            cosine=hit.cosine,
            language=matched[hit.object_id].language if hit.object_id in matched else "",
            best_sentence=matched[hit.object_id].sentence if hit.object_id in matched else "",
            relevance=relevance_of(score, hit.standout),
        )
        for score, hit in kept
    ]


def with_records(
    *,
    viewer: Any,
    target_kind: str,
    hits: list[SimilarHit],
    narrow: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
) -> list[SimilarRecord]:
    """`hits` with their records, read through the kind's selector for `viewer` (and `narrow`) once
    more, in the same order; a hit whose record went out of sight in between is left out."""
    visible = _allowed(viewer, target_kind, narrow).in_bulk([hit.object_id for hit in hits])
    return [
        SimilarRecord(
            object_id=hit.object_id,
            score=hit.score,
            cosine=hit.cosine,
            record=visible[hit.object_id],
            language=hit.language,
            best_sentence=hit.best_sentence,
            relevance=hit.relevance,
        )
        for hit in hits
        if hit.object_id in visible
    ]


@dataclass(frozen=True)
class SentenceMatch:
    language: str  # the record's
    sentence: str  # the sentence of its text closest to the query ("" when it has none)
    score: float | None  # that sentence's cosine with the query, both language-neutral


def mixed_score(whole: float, sentence: SentenceMatch | None) -> float:
    """A record's score: its whole text's, mixed with its closest sentence's (SENTENCE_WEIGHT), so a
    few search words that one sentence says exactly (a title, often) rank that record higher."""
    if sentence is None or sentence.score is None:
        return whole
    return (1 - SENTENCE_WEIGHT) * whole + SENTENCE_WEIGHT * sentence.score


def _sentence_matches(
    index: VectorIndex, kind: str, object_ids: list[int], query: Query
) -> dict[int, SentenceMatch]:
    """For each record: its language, and its sentence closest to the query if it has sentences.
    Remembered by the index until it changes (a record re-embedded changes it too): a matches list
    read about 1.5 MB of sentence vectors from the database for its fifty candidates."""
    return index.remembered(
        ("sentences", kind, tuple(object_ids), query.vector.tobytes(), query.language),
        lambda: _sentence_matches_read(index, kind, object_ids, query),
    )


def _sentence_matches_read(
    index: VectorIndex, kind: str, object_ids: list[int], query: Query
) -> dict[int, SentenceMatch]:
    rows = Embedding.objects.filter(
        kind=kind, object_id__in=object_ids, encoder=embedder.encoder_name()
    ).values_list("object_id", "language", "sentences", "sentence_vectors")
    matched = {}
    # Every record's sentences made neutral and compared with the query in one matrix product: one
    # numpy call per record cost more than the arithmetic (issue 18).
    with_sentences = []
    for object_id, language, sentences, sentence_vectors in rows:
        if sentences and sentence_vectors:
            with_sentences.append((object_id, language, sentences, sentence_vectors))
        else:
            matched[object_id] = SentenceMatch(language, "", None)
    if not with_sentences:
        return matched
    vectors = embedder.from_bytes(
        b"".join(bytes(vectors) for _id, _language, _sentences, vectors in with_sentences),
        rows=sum(len(sentences) for _id, _language, sentences, _vectors in with_sentences),
    )
    languages = [language for _id, language, sentences, _vectors in with_sentences for _sentence in sentences]
    similarities = index.neutral(vectors, languages) @ index.neutral(query.vector, [query.language])[0]
    start = 0
    for object_id, language, sentences, _vectors in with_sentences:
        mine = similarities[start : start + len(sentences)]
        best = int(mine.argmax())
        matched[object_id] = SentenceMatch(language, sentences[best], float(mine[best]))
        start += len(sentences)
    return matched
