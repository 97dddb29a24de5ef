"""Running a scheduled job once and recording it: the writes the job tasks call.

`job_run` does one period's work at most once: a scheduled run whose period already has a successful
run (scheduled or by hand), or one still running, is recorded as skipped and does nothing. A run by
hand (`force`) always works, since every job only acts on what is still due.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from operations.jobs import HEARTBEAT, JOBS, WORKER_HEARTBEAT
from operations.models import DETAIL_MAX_LENGTH, JobRun

logger = logging.getLogger(__name__)

Outcome = JobRun.Outcome

# Heartbeats are kept this long; other runs much longer, for the record.
HEARTBEAT_KEPT = datetime.timedelta(days=1)
RUNS_KEPT = datetime.timedelta(days=400)
# A job whose time in this period passed this long ago with no run at all is run then (caught up).
CATCH_UP_AFTER = datetime.timedelta(minutes=5)
# A run still "running" after this long died with its process (a killed worker).
RUN_PRESUMED_DEAD = datetime.timedelta(hours=6)


class _AlreadyDone(Exception):
    pass


def job_run(
    *, name: str, force: bool = False, now: datetime.datetime | None = None, requested_id: int | None = None
) -> JobRun:
    """Run the job `name` for the period of `now` and record the run; returns the JobRun. `requested_id`
    names the run an operator asked for, which this run carries out."""
    job = JOBS[name]
    now = now or timezone.now()
    period_key = job.period_key(now)
    try:
        with transaction.atomic():
            done = JobRun.objects.filter(
                name=name, period_key=period_key, outcome__in=[Outcome.RUNNING, Outcome.SUCCEEDED]
            )
            if not force and done.exists():
                raise _AlreadyDone
            run = None
            if requested_id is not None:
                run = JobRun.objects.filter(pk=requested_id, name=name, outcome=Outcome.REQUESTED).first()
            if run is None:
                run = JobRun(name=name, forced=force)
            run.period_key, run.started_at, run.outcome = period_key, timezone.now(), Outcome.RUNNING
            run.save()
    except (_AlreadyDone, IntegrityError):
        # IntegrityError: another scheduled run of this period started between the check and the insert.
        started = timezone.now()
        return JobRun.objects.create(
            name=name, period_key=period_key, started_at=started, finished_at=started, outcome=Outcome.SKIPPED
        )
    try:
        counts = job.run(now)
    except Exception as error:
        logger.exception("Scheduled job %s failed for %s", name, period_key)
        run.outcome = Outcome.FAILED
        run.detail = f"{type(error).__name__}: {error}"[:DETAIL_MAX_LENGTH]
    else:
        run.outcome = Outcome.SUCCEEDED
        run.counts = {key: int(value) for key, value in counts.items()}
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "detail", "counts", "finished_at"])
    return run


def job_run_requested_record(
    *, name: str, forced: bool = True, now: datetime.datetime | None = None
) -> JobRun:
    """The record of a run asked for (by an operator, or to catch up a missed one) until the worker
    takes it up."""
    now = now or timezone.now()
    return JobRun.objects.create(
        name=name,
        period_key=JOBS[name].period_key(now),
        started_at=now,
        outcome=Outcome.REQUESTED,
        forced=forced,
    )


def missed_runs_request(*, now: datetime.datetime | None = None) -> list[JobRun]:
    """The runs the schedule should have started this period but nobody did (the scheduler was stopped
    at the time, or started after it): each is recorded as asked for, to be handed to the worker. Once
    recorded, whatever its outcome, the period is not caught up again."""
    now = now or timezone.now()
    requested = []
    for job in JOBS.values():
        due = job.due_this_period(now)
        # Within CATCH_UP_AFTER of its time, the scheduler's own run may still be on its way.
        if due is None or now - due < CATCH_UP_AFTER:
            continue
        if JobRun.objects.filter(name=job.name, period_key=job.period_key(now)).exists():
            continue
        requested.append(job_run_requested_record(name=job.name, forced=False, now=now))
    return requested


def heartbeat_record(*, now: datetime.datetime | None = None) -> JobRun:
    """The scheduler's heartbeat (run in its own process every minute): record it, and tidy the record
    of runs (old heartbeats go, runs left "running" by a dead process are marked failed)."""
    now = now or timezone.now()
    with transaction.atomic():
        JobRun.objects.filter(
            name__in=[HEARTBEAT, WORKER_HEARTBEAT], started_at__lt=now - HEARTBEAT_KEPT
        ).delete()
        JobRun.objects.filter(started_at__lt=now - RUNS_KEPT).delete()
        JobRun.objects.filter(
            outcome__in=[Outcome.REQUESTED, Outcome.RUNNING], started_at__lt=now - RUN_PRESUMED_DEAD
        ).update(
            outcome=Outcome.FAILED, finished_at=now, detail=_("Interrupted: the process that ran it stopped.")
        )
        return _beat(HEARTBEAT, now)


def worker_heartbeat_record(*, now: datetime.datetime | None = None) -> JobRun:
    """The worker's heartbeat: recorded when the worker runs the task the scheduler's heartbeat enqueued."""
    return _beat(WORKER_HEARTBEAT, now or timezone.now())


def _beat(name: str, now: datetime.datetime) -> JobRun:
    return JobRun.objects.create(
        name=name,
        # To the microsecond: heartbeats never skip one another.
        period_key=now.isoformat(timespec="microseconds")[:32],
        started_at=now,
        finished_at=now,
        outcome=Outcome.SUCCEEDED,
    )
