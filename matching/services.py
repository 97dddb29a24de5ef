"""Writes of the matching engine: (re-)embedding a record when its app says it changed."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from matching import embedder
from matching.models import Embedding
from matching.registry import kind_for, registered_kinds


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


@transaction.atomic
def embedding_refresh(*, kind: str, object_id: int) -> EmbeddingChange:
    """Bring the record's embedding in line with the record: embed it if it is indexable and its text
    changed, take it out of the index if it is no longer indexable (withdrawn, expired, deleted)."""
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
    was_active = existing is not None and existing.active
    if existing is not None and existing.content_hash == content_hash and existing.vector:
        existing.active = True
        existing.language = matchable.language(record)
        existing.save(update_fields=["active", "language", "updated_at"])
        return EmbeddingChange(indexed=True, newly_indexed=not was_active, embedded=False)
    sentences = embedder.sentences_of(text)
    vectors = embedder.passages([text, *sentences])
    embedding = existing or Embedding(kind=kind, object_id=object_id)
    embedding.active = True
    embedding.vector = embedder.to_bytes(vectors[0])
    embedding.sentences = sentences
    embedding.sentence_vectors = embedder.to_bytes(vectors[1:])
    embedding.language = matchable.language(record)
    embedding.content_hash = content_hash
    embedding.first_indexed_at = embedding.first_indexed_at or timezone.now()
    embedding.save()
    return EmbeddingChange(indexed=True, newly_indexed=not was_active, embedded=True)


def matching_index_rebuild(*, kind: str | None = None) -> int:
    """Refresh every record of one kind (all kinds by default), e.g. after loading data without the
    services, or after changing what a kind's document contains. Returns the records now indexed."""
    indexed = 0
    for matchable in registered_kinds():
        if kind is not None and matchable.key != kind:
            continue
        wanted = set(matchable.indexable(matchable.model._default_manager.all()).values_list("pk", flat=True))
        stale = Embedding.objects.filter(kind=matchable.key, active=True).exclude(object_id__in=wanted)
        for object_id in stale.values_list("object_id", flat=True):
            embedding_refresh(kind=matchable.key, object_id=object_id)
        for object_id in sorted(wanted):
            indexed += embedding_refresh(kind=matchable.key, object_id=object_id).indexed
    return indexed
