"""Reads of the matching engine. Every result passes the kind's own permission-aware selector for the
person asking and its `indexable` filter, so nobody is shown a record they could not open, and a record
withdrawn or expired since it was indexed never comes back."""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import QuerySet

from matching import embedder
from matching.index import Score
from matching.models import Embedding
from matching.registry import kind_for
from matching.store import index_for

PRODUCT_SCORE = Score.CSLS
CANDIDATE_POOL_MINIMUM = 50


@dataclass(frozen=True)
class SimilarRecord:
    object_id: int
    score: float  # hubness-reduced (CSLS); higher is better
    cosine: float
    record: Any
    language: str = ""
    best_sentence: str = ""  # the sentence of the record's text closest to the query


def query_vector(
    *, text: str | None = None, source_kind: str | None = None, source_id: int | None = None
) -> np.ndarray:
    """Search words are embedded as a query; a record is compared through its stored vector, or its
    text embedded now when it is not in the index (a draft, say)."""
    if text is not None:
        return embedder.query(text)
    if source_kind is None or source_id is None:
        raise ValueError("Give either text, or source_kind and source_id.")
    stored = index_for(source_kind).vector_of(source_id)
    if stored is not None:
        return stored
    matchable = kind_for(source_kind)
    record = matchable.model._default_manager.get(pk=source_id)
    return embedder.passages([matchable.document(record)])[0]


def similar_records(
    *,
    viewer: Any,
    target_kind: str,
    text: str | None = None,
    source_kind: str | None = None,
    source_id: int | None = None,
    limit: int = 10,
    exclude_ids: Collection[int] = (),
    vector: np.ndarray | None = None,
    narrow: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
) -> list[SimilarRecord]:
    """The records of `target_kind` closest in meaning to the text, or to a record, best first, that
    `viewer` may see (and that `narrow`, if given, keeps)."""
    if vector is None:
        vector = query_vector(text=text, source_kind=source_kind, source_id=source_id)
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
        hits = index.search(vector, limit=pool, score=PRODUCT_SCORE, exclude_ids=excluded)
        # Ids first (cheap), whole records only for the few that are kept.
        visible_ids = set(allowed.filter(pk__in=[hit.object_id for hit in hits]).values_list("pk", flat=True))
        kept = [hit for hit in hits if hit.object_id in visible_ids][:limit]
        if len(kept) >= limit or len(hits) < pool:
            break
        pool *= 4
    visible = allowed.in_bulk([hit.object_id for hit in kept])
    explained = _best_sentences(target_kind, [hit.object_id for hit in kept], vector)
    return [
        SimilarRecord(
            object_id=hit.object_id,
            score=hit.score,
            cosine=hit.cosine,
            record=visible[hit.object_id],
            language=explained.get(hit.object_id, ("", ""))[0],
            best_sentence=explained.get(hit.object_id, ("", ""))[1],
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
