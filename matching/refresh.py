"""The step the embedding task runs: bring one record's embedding in line with the record.

It lives apart from `matching.services` so that `matching.tasks` imports it without importing the
service that enqueues the task (docs/architecture.md, "Tasks"). `matching.services` re-exports it."""

import hashlib
import itertools
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.languages import detect_language
from matching import embedder
from matching.models import Embedding
from matching.registry import MatchableKind, kind_for

# How many times the text is embedded again when it keeps changing while the model runs.
MAX_EMBED_ATTEMPTS = 3


@dataclass(frozen=True)
class EmbeddingChange:
    indexed: bool  # the record is in the index now
    newly_indexed: bool  # ...and was not before (e.g. just published)
    embedded: bool  # its text was (re-)embedded


@dataclass(frozen=True)
class _Vectors:
    """The model's output for one version of a record's text, computed outside any lock."""

    content_hash: str
    encoder: str
    sentences: list[str]
    vector: bytes
    sentence_vectors: bytes


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _language_of(matchable: MatchableKind, record: Any, text: str) -> str:
    """The language the kind declares, else the one read from the text ("" when none can be read)."""
    return matchable.language(record) or detect_language(text)


def _embed(text: str, content_hash: str, encoder: str) -> _Vectors:
    sentences = embedder.sentences_of(text)
    vectors = embedder.passages([text, *sentences])
    return _Vectors(
        content_hash=content_hash,
        encoder=encoder,
        sentences=sentences,
        vector=embedder.to_bytes(vectors[0]),
        sentence_vectors=embedder.to_bytes(vectors[1:]),
    )


def embedding_refresh(*, kind: str, object_id: int) -> EmbeddingChange:
    """Embed the record if it is indexable and its text changed or its vector came from another
    encoder; take it out of the index if it is no longer indexable (withdrawn, expired, deleted).

    The model runs outside the transaction: the Embedding row is locked only to compare and write.
    When the text changed while the model ran, the new text is embedded in turn, so the row never
    holds vectors of a text the record no longer has (after a few tries the last vectors are written
    with the hash of the text they came from, so the next refresh embeds the text again)."""
    matchable = kind_for(kind)
    computed: _Vectors | None = None
    for attempt in itertools.count(1):
        with transaction.atomic():
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
            if (
                computed is not None
                and computed.encoder == encoder
                and (computed.content_hash == content_hash or attempt > MAX_EMBED_ATTEMPTS)
            ):
                embedding = existing or Embedding(kind=kind, object_id=object_id)
                embedding.active = True
                embedding.vector = computed.vector
                embedding.sentences = computed.sentences
                embedding.sentence_vectors = computed.sentence_vectors
                embedding.language = _language_of(matchable, record, text)
                embedding.encoder = encoder
                embedding.content_hash = computed.content_hash
                embedding.first_indexed_at = embedding.first_indexed_at or timezone.now()
                embedding.save()
                return EmbeddingChange(indexed=True, newly_indexed=not was_active, embedded=True)
        # The lock is released here; the model reads the text while others may write.
        computed = _embed(text, content_hash, encoder)
    raise AssertionError("unreachable: itertools.count never ends")
