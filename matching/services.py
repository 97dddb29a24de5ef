"""Writes of the matching engine: (re-)embedding a record when its app says it changed."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from matching.models import Embedding
from matching.refresh import EmbeddingChange, embedding_refresh
from matching.registry import kind_for, registered_kinds
from matching.tasks import embedding_refresh_task

__all__ = [
    "EmbeddingChange",
    "RebuildReport",
    "RebuildStep",
    "embedding_refresh",
    "matching_index_rebuild",
    "record_changed",
]

RebuildStep = tuple[str, int]  # (kind, record id)


def record_changed(*, kind: str, object_id: int) -> None:
    """Re-embed the record in the background once the caller's transaction commits, so the task
    never runs on a change that was rolled back, nor before the change is visible to it."""
    kind_for(kind)  # fail now, in the caller, on an unregistered kind
    if not settings.MATCHING_ENABLED:
        return
    transaction.on_commit(lambda: embedding_refresh_task.enqueue(kind=kind, object_id=object_id))


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
