"""A web process readies itself before its visitors need it (issue 18).

Without this, the first search a process answers loads the text encoder and the matching index (7 s
quiet at 100,000 profiles, minutes on a busy machine) while that visitor waits, and everything a
process keeps for its life (Django's modules, URL patterns, the index's bookkeeping) stays in the
garbage collector's care: at about 290,000 tracked objects, each full collection paused every thread
of the process for some 200 ms, measured with `gc.callbacks` on the bench database.

`start_warm_up` runs in a daemon thread when parklink.wsgi is imported and `WEB_WARM_UP` is on (the
default in production): it imports every URL module, loads the encoder, loads each registered kind's
index and measures what its searches score with (each row's crowding: 4 s more at 100,000 profiles,
which the first search of each process used to pay while its visitor waited), closes the thread's
database connection, and then calls `gc.freeze()`, which moves every object alive at that moment out
of the collector's sight. Requests served meanwhile are answered as usual; a
search waits for the index as it would have anyway.
"""

import gc
import logging
import threading
import time

from django.db import connections
from django.urls import get_resolver

logger = logging.getLogger("parklink.warm_up")


def warm_up() -> None:
    from matching.embedder import current_encoder
    from matching.registry import registered_kinds
    from matching.selectors import PRODUCT_SCORE
    from matching.store import index_for

    started = time.monotonic()
    try:
        get_resolver().url_patterns  # noqa: B018 - imports every URL module and view
        current_encoder().passages(["ParkLink warms up."])  # loads the model's weights
        for kind in registered_kinds():
            index_for(kind.key).prepare(PRODUCT_SCORE)
    except Exception:  # a process that could not warm up still serves; the first search loads instead
        logger.exception("The web process could not warm up; its first search will load the index.")
        return
    finally:
        connections.close_all()  # this thread's connections only
    gc.freeze()
    logger.info(
        "The web process warmed up in %.1f s; %d objects are kept out of garbage collection.",
        time.monotonic() - started,
        gc.get_freeze_count(),
    )


def start_warm_up() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="parklink-warm-up", daemon=True)
    thread.start()
    return thread
