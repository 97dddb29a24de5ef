"""The matching engine's background work. It imports no services (docs/architecture.md, "Tasks"):
`matching.services.record_changed` imports this module to enqueue the refresh."""

from django.tasks import task

from matching.refresh import embedding_refresh
from matching.registry import kind_for


@task
def embedding_refresh_task(*, kind: str, object_id: int) -> bool:
    """Embed one record; then let its kind react to it entering the index (e.g. match alerts)."""
    change = embedding_refresh(kind=kind, object_id=object_id)
    on_indexed = kind_for(kind).on_newly_indexed
    if change.newly_indexed and on_indexed is not None:
        on_indexed(object_id)
    return change.indexed
