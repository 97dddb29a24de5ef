"""Recovering the work of a worker that died: leases on running tasks, and effects done at most once.

A database worker (django_tasks_db) claims a task by setting it RUNNING with `started_at`, runs it, and
records the outcome. Killed in between (SIGKILL, out of memory, a machine restart), it leaves the task
RUNNING forever. Here a task holds a lease of `TASK_LEASE_SECONDS` from its start, kept alive for as
long as its worker beats its heartbeat in the cache (`manage.py db_worker`, core/management/commands);
`tasks_stale_requeue()` puts every task whose lease ran out back to READY, so the next worker runs it
again. It runs when a worker starts and each minute from the scheduler's heartbeat (operations.tasks).

A task may therefore run twice, so every task is safe to run twice: it reads the state again and does
only what is still to do, and an effect that cannot be undone, such as an email, is done under
`task_effect_once(name)`, which remembers (`core.TaskEffect`) what the task's earlier attempt did.
"""

import contextlib
import datetime
import logging
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.tasks import task
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import TaskEffect

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "task-worker-heartbeat:{worker_id}"
# The tasks the current thread runs, innermost last (an immediate backend runs a task's own enqueues
# inside it), so that `task_effect_once` can tell the attempts of a task apart.
_running_task_ids: ContextVar[tuple[str, ...]] = ContextVar("running_task_ids", default=())
EFFECT_MARKER_DAYS = 30


def lease_seconds() -> int:
    return int(getattr(settings, "TASK_LEASE_SECONDS", 15 * 60))


def _heartbeat_cache() -> Any:
    return caches[getattr(settings, "TASK_HEARTBEAT_CACHE", "default")]


def worker_heartbeat(worker_id: str) -> None:
    """A worker says it is alive; its running task keeps its lease for as long as it does so."""
    _heartbeat_cache().set(HEARTBEAT_KEY.format(worker_id=worker_id), time.time(), timeout=lease_seconds())


def worker_alive(worker_id: str) -> bool:
    """True when the worker beat its heartbeat within a lease. Only as good as the cache is shared: with
    a per-process cache no other worker is seen, and the lease alone decides."""
    return _heartbeat_cache().get(HEARTBEAT_KEY.format(worker_id=worker_id)) is not None


class WorkerHeartbeat:
    """A daemon thread that beats a worker's heartbeat every third of a lease (at most each minute)."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{worker_id}", daemon=True)

    def _beat(self) -> None:
        interval = max(1.0, min(60.0, lease_seconds() / 3))
        while not self._stop.is_set():
            try:
                worker_heartbeat(self.worker_id)
            except Exception:  # a cache outage must not kill the worker; the lease still holds
                logger.warning("Worker %s could not beat its heartbeat", self.worker_id, exc_info=True)
            self._stop.wait(interval)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()


def tasks_stale_requeue(*, now: datetime.datetime | None = None) -> int:
    """Put back to READY every task RUNNING for longer than a lease whose worker shows no heartbeat;
    returns how many. Each is requeued only if it is still RUNNING since the same start, so a worker
    that finishes it meanwhile keeps its outcome."""
    now = now or timezone.now()
    expired = now - datetime.timedelta(seconds=lease_seconds())
    requeued = 0
    stale = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=expired).only(
        "id", "started_at", "worker_ids", "task_path"
    )
    for result in stale:
        worker_id = result.worker_ids[-1] if result.worker_ids else ""
        if worker_id and worker_alive(worker_id):
            continue
        changed = DBTaskResult.objects.filter(
            pk=result.pk, status="RUNNING", started_at=result.started_at
        ).update(status="READY")
        if changed:
            requeued += 1
            logger.warning(
                "Task %s (%s) was running since %s on worker %s, which is gone; it is queued again.",
                result.pk,
                result.task_path,
                result.started_at.isoformat() if result.started_at else "?",
                worker_id or "?",
            )
    TaskEffect.objects.filter(done_at__lt=now - datetime.timedelta(days=EFFECT_MARKER_DAYS)).delete()
    return requeued


@task
def tasks_stale_requeue_task() -> int:
    """The periodic recovery (scheduled by the operations app)."""
    return tasks_stale_requeue()


def _on_task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    _running_task_ids.set((*_running_task_ids.get(), str(task_result.id)))


def _on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    running = _running_task_ids.get()
    if running and running[-1] == str(task_result.id):
        _running_task_ids.set(running[:-1])


def task_signals_connect() -> None:
    """Called from core's AppConfig.ready: follow which task the thread runs."""
    task_started.connect(_on_task_started, dispatch_uid="core.task_leases.started")
    task_finished.connect(_on_task_finished, dispatch_uid="core.task_leases.finished")


@contextlib.contextmanager
def task_effect_once(name: str) -> Iterator[bool]:
    """`with task_effect_once("email") as first: if first: send()`: True unless an earlier attempt of
    the running task already did this effect. The marker is written in a transaction that holds its row
    lock while the effect runs and commits only after it succeeded: an effect that fails leaves no
    marker (the retry does it), one that succeeded is not done again. Outside a task (a command, a
    test calling the function), it is always the first time.

    What it cannot cover: a worker killed after the effect and before the commit, a moment that lasts
    a database round trip."""
    running = _running_task_ids.get()
    task_id = running[-1] if running else None
    if task_id is None:
        yield True
        return
    key = f"{task_id}:{name}"[: TaskEffect._meta.get_field("key").max_length]  # type: ignore[union-attr]
    with transaction.atomic():
        _marker, created = TaskEffect.objects.select_for_update().get_or_create(key=key)
        if not created:
            logger.info("Task %s already did %s in an earlier attempt; not again.", task_id, name)
            yield False
            return
        yield True
