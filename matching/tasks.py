from django.tasks import task

from matching.registry import kind_for
from matching.services import embedding_refresh


@task
def embedding_refresh_task(*, kind: str, object_id: int) -> bool:
    """Embed one record; then let its kind react to it entering the index (e.g. match alerts)."""
    change = embedding_refresh(kind=kind, object_id=object_id)
    on_indexed = kind_for(kind).on_newly_indexed
    if change.newly_indexed and on_indexed is not None:
        on_indexed(object_id)
    return change.indexed
