"""Writes of the matching engine: (re-)embedding a record when its app says it changed."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.languages import detect_language
from matching import embedder
from matching.models import Embedding
from matching.registry import MatchableKind, kind_for, registered_kinds

RebuildStep = tuple[str, int]  # (kind, record id)


@dataclass(frozen=True)
class EmbeddingChange:
    indexed: bool  # the record is in the index now
    newly_indexed: bool  # ...and was not before (e.g. just published)
    embedded: bool  # its text was (re-)embedded


def record_changed(*, kind: str, object_id: int) -> None:
    """Re-embed the record in the background. The task is stored in the caller's transaction (the
    database task backend), so it exists exactly when the change it follows was committed."""
    from matching.tasks import embedding_refresh_task

    kind_for(kind)  # fail now, in the caller, on an unregistered kind
    if not settings.MATCHING_ENABLED:
        return
    embedding_refresh_task.enqueue(kind=kind, object_id=object_id)


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _language_of(matchable: MatchableKind, record: Any, text: str) -> str:
    """The language the kind declares, else the one read from the text ("" when none can be read)."""
    return matchable.language(record) or detect_language(text)


@transaction.atomic
def embedding_refresh(*, kind: str, object_id: int) -> EmbeddingChange:
    """Bring the record's embedding in line with the record: embed it if it is indexable and its text
    changed or its vector came from another encoder, take it out of the index if it is no longer
    indexable (withdrawn, expired, deleted)."""
    matchable = kind_for(kind)
    record = matchable.indexable(matchable.model._default_manager.filter(pk=object_id)).first()
    existing = Embedding.objects.select_for_update().filter(kind=kind, object_id=object_id).first()
    if record is None:
        if existing is not None and existing.active:
            existing.active = False
            existing.save(update_fields=["active", "updated_at"])
        return EmbeddingChange(indexed=False, newly_indexed=False, embedded=False)
    text = matchable.document(record)
    content_hash = _content_hash(text)
    encoder = embedder.encoder_name()
    was_active = existing is not None and existing.active
    if (
        existing is not None
        and existing.content_hash == content_hash
        and existing.encoder == encoder
        and existing.vector
    ):
        existing.active = True
        existing.language = _language_of(matchable, record, text)
        existing.save(update_fields=["active", "language", "updated_at"])
        return EmbeddingChange(indexed=True, newly_indexed=not was_active, embedded=False)
    sentences = embedder.sentences_of(text)
    vectors = embedder.passages([text, *sentences])
    embedding = existing or Embedding(kind=kind, object_id=object_id)
    embedding.active = True
    embedding.vector = embedder.to_bytes(vectors[0])
    embedding.sentences = sentences
    embedding.sentence_vectors = embedder.to_bytes(vectors[1:])
    embedding.language = _language_of(matchable, record, text)
    embedding.encoder = encoder
    embedding.content_hash = content_hash
    embedding.first_indexed_at = embedding.first_indexed_at or timezone.now()
    embedding.save()
    return EmbeddingChange(indexed=True, newly_indexed=not was_active, embedded=True)


@dataclass(frozen=True)
class RebuildReport:
    indexed: int  # records in the index now
    embedded: int  # of which (re-)embedded by this rebuild: missing, stale or from another encoder
    removed: int  # records taken out because they are no longer indexable


def matching_index_rebuild(
    *,
    kind: str | None = None,
    progress: Callable[[Iterable[RebuildStep]], Iterable[RebuildStep]] | None = None,
) -> RebuildReport:
    """Refresh every record of one kind (all kinds by default), e.g. after loading data without the
    services, after changing what a kind's document contains, or after changing `MATCHING_ENCODER`.
    `progress` may wrap the steps (a progress bar); it must yield each of them."""
    steps: list[RebuildStep] = []
    for matchable in registered_kinds():
        if kind is not None and matchable.key != kind:
            continue
        wanted = set(matchable.indexable(matchable.model._default_manager.all()).values_list("pk", flat=True))
        stale = Embedding.objects.filter(kind=matchable.key, active=True).exclude(object_id__in=wanted)
        steps += [(matchable.key, object_id) for object_id in stale.values_list("object_id", flat=True)]
        steps += [(matchable.key, object_id) for object_id in sorted(wanted)]
    indexed = embedded = removed = 0
    for step_kind, object_id in progress(steps) if progress is not None else steps:
        change = embedding_refresh(kind=step_kind, object_id=object_id)
        indexed += change.indexed
        embedded += change.embedded
        removed += not change.indexed
    return RebuildReport(indexed=indexed, embedded=embedded, removed=removed)
