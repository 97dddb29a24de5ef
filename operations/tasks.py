"""The scheduled jobs as tasks of Django's task framework, with their schedules.

`manage.py crontask` (django-crontask) imports this module and enqueues each `@cron` task at its time;
the worker (`db_worker`) runs it. The heartbeat is the exception: it runs inside the scheduler's own
process, so its record proves the scheduler alive, and it enqueues `worker_heartbeat`, whose record
proves the worker alive.
"""

from functools import partial
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from crontask import cron, scheduler
from django.db import close_old_connections, connection, transaction
from django.tasks import task
from django.utils import timezone

from core.task_leases import tasks_stale_requeue
from operations.jobs import HEARTBEAT_SCHEDULE, JOBS
from operations.runner import heartbeat_record, job_run, missed_runs_request, worker_heartbeat_record


def _summary(name: str, force: bool, requested_id: int | None = None) -> dict[str, Any]:
    run = job_run(name=name, force=force, requested_id=requested_id)
    return {"job": run.name, "period": run.period_key, "outcome": run.outcome, "counts": run.counts}


@cron(JOBS["send_membership_reminders"].schedule)
@task
def send_membership_reminders(force: bool = False) -> dict[str, Any]:
    return _summary("send_membership_reminders", force)


@cron(JOBS["hubs_daily"].schedule)
@task
def hubs_daily(force: bool = False) -> dict[str, Any]:
    return _summary("hubs_daily", force)


@cron(JOBS["expire_exchange_offers"].schedule)
@task
def expire_exchange_offers(force: bool = False) -> dict[str, Any]:
    return _summary("expire_exchange_offers", force)


@cron(JOBS["marketplace_daily"].schedule)
@task
def marketplace_daily(force: bool = False) -> dict[str, Any]:
    return _summary("marketplace_daily", force)


@cron(JOBS["send_notification_digests"].schedule)
@task
def send_notification_digests(force: bool = False) -> dict[str, Any]:
    return _summary("send_notification_digests", force)


@cron(JOBS["hubs_monthly_digest"].schedule)
@task
def hubs_monthly_digest(force: bool = False) -> dict[str, Any]:
    return _summary("hubs_monthly_digest", force)


@cron(JOBS["events_daily"].schedule)
@task
def events_daily(force: bool = False) -> dict[str, Any]:
    return _summary("events_daily", force)


@task
def job_run_now(name: str, requested_id: int, force: bool = True) -> dict[str, Any]:
    """A run an operator asked for (`operations.services.job_run_request`), or one the heartbeat found
    missed (not forced: it still does nothing if the period's work got done meanwhile)."""
    return _summary(name, force, requested_id)


@task
def worker_heartbeat() -> None:
    worker_heartbeat_record()


def _connections_refresh() -> None:
    """Close stale connections, as a request's end would; never inside a transaction, whose connection
    (a test's, or a caller's) must stay open."""
    if not connection.in_atomic_block:
        close_old_connections()


@task
def heartbeat() -> None:
    # Runs in a thread of the scheduler, which keeps no request cycle to close stale connections.
    _connections_refresh()
    try:
        with transaction.atomic():
            heartbeat_record()
            transaction.on_commit(worker_heartbeat.enqueue)
            for run in missed_runs_request():
                catch_up = partial(job_run_now.enqueue, name=run.name, requested_id=run.pk, force=False)
                transaction.on_commit(catch_up)
        # A task whose worker died (SIGKILL, out of memory) goes back to the queue once its lease has
        # run out, even while no new worker starts (core.task_leases).
        tasks_stale_requeue()
    finally:
        _connections_refresh()


# Not `@cron`, which would enqueue it for the worker: the scheduler calls it itself.
scheduler.add_job(
    func=heartbeat.call,
    trigger=CronTrigger.from_crontab(HEARTBEAT_SCHEDULE, timezone=timezone.get_default_timezone()),
    name="operations.tasks.heartbeat",
)
