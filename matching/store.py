"""Each process keeps one VectorIndex per registered kind, loaded from the `Embedding` table and brought
up to date before every search by reading the rows changed since the last look (an indexed query).

Rows are read again from a little before the last sync, because a transaction that committed late
may carry an earlier `updated_at`; a full reload every RELOAD_AFTER catches anything still missed.

An index holds the vectors of one encoder only (the `MATCHING_ENCODER` setting): rows another encoder
made are skipped until `rebuild_matching_index` re-embeds them, and changing the setting starts afresh.
"""

import datetime
import threading
import time
from dataclasses import dataclass, field

from django.utils import timezone

from core.request_memo import first_time_in_request
from matching.embedder import encoder_name, from_bytes
from matching.index import VectorIndex
from matching.language_offsets import language_offsets
from matching.models import Embedding

SYNC_OVERLAP = datetime.timedelta(seconds=2)
RELOAD_AFTER = datetime.timedelta(minutes=30)
LOAD_BATCH = 5000


def _new_index() -> VectorIndex:
    return VectorIndex(offsets=language_offsets())


@dataclass
class _Loaded:
    encoder: str
    index: VectorIndex = field(default_factory=_new_index)
    synced_until: datetime.datetime | None = None
    loaded_at: float = 0.0


_lock = threading.Lock()
_loaded: dict[str, _Loaded] = {}


Row = tuple[int, bool, bytes | memoryview, str]


def _apply(loaded: _Loaded, rows: list[Row], *, bulk: bool) -> None:
    live = [
        (object_id, vector, language) for object_id, active, vector, language in rows if active and vector
    ]
    gone = [object_id for object_id, active, vector, _language in rows if not (active and vector)]
    if gone:
        loaded.index.remove(gone)
    if live:
        ids = [object_id for object_id, _vector, _language in live]
        vectors = from_bytes(b"".join(bytes(vector) for _id, vector, _language in live), rows=len(live))
        languages = [language for _id, _vector, language in live]
        loaded.index.upsert(ids, vectors, languages=languages, bulk=bulk)


def _sync(kind: str, loaded: _Loaded) -> None:
    started = timezone.now()
    changed = Embedding.objects.filter(kind=kind)
    if loaded.synced_until is not None:
        changed = changed.filter(updated_at__gte=loaded.synced_until - SYNC_OVERLAP)
    else:
        changed = changed.filter(active=True, encoder=loaded.encoder)
    first_load = loaded.synced_until is None
    last_pk = 0
    while True:
        batch = list(
            changed.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "object_id", "active", "vector", "language", "encoder")[:LOAD_BATCH]
        )
        if not batch:
            break
        rows = [
            # A row re-embedded by another encoder leaves this index (its vector would not compare).
            (object_id, active and encoder == loaded.encoder, vector, language)
            for _pk, object_id, active, vector, language, encoder in batch
        ]
        _apply(loaded, rows, bulk=first_load)
        if len(batch) < LOAD_BATCH:  # the last batch: no need to ask for an empty one
            break
        last_pk = batch[-1][0]
    if first_load:
        loaded.index.bulk_load_finish()
    loaded.synced_until = started


def index_for(kind: str) -> VectorIndex:
    """The up-to-date index of one kind in this process (brought up to date once per GET request)."""
    encoder = encoder_name()
    with _lock:
        loaded = _loaded.get(kind)
        stale = loaded is None or time.monotonic() - loaded.loaded_at > RELOAD_AFTER.total_seconds()
        if loaded is None or stale or loaded.encoder != encoder:
            loaded = _Loaded(encoder=encoder, loaded_at=time.monotonic())
            _loaded[kind] = loaded
            _sync(kind, loaded)
        elif first_time_in_request("matching.index_for", kind):
            # Once per GET request: a matches list asked for its index twice, and each sync is a query.
            _sync(kind, loaded)
        return loaded.index


def forget_loaded_indexes() -> None:
    """Drop every in-memory index (tests, and benchmarks measuring a cold start)."""
    with _lock:
        _loaded.clear()
