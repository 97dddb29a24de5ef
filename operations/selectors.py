"""What the operators' page and API show of the scheduled jobs."""

import dataclasses
import datetime
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless, is_platform_operator
from operations.jobs import COUNT_LABELS, HEARTBEAT, HEARTBEAT_SCHEDULE, JOBS, WORKER_HEARTBEAT, Job
from operations.models import JobRun

ONLY_OPERATORS = _("Only a ParkLink operator can see and run the scheduled jobs.")
EVERY_MINUTE = _("Every minute")
HEARTBEAT_WHAT = _("The scheduler records that it is alive and asks the worker to do the same.")
WORKER_HEARTBEAT_WHAT = _(
    "The worker records that it is alive, when it runs the task the scheduler's heartbeat sent."
)


@dataclasses.dataclass(frozen=True)
class JobStatus:
    name: str
    schedule: str
    when: Promise
    what: Promise
    last_run: JobRun | None
    # The last run that did the work (a successful one), when the last run is not it.
    last_success: JobRun | None
    next_run: datetime.datetime | None
    can_run_now: bool

    @property
    def counts(self) -> list[tuple[str, int]]:
        if self.last_run is None:
            return []
        return [(str(COUNT_LABELS.get(key, key)), value) for key, value in self.last_run.counts.items()]


def _last_runs(names: list[str]) -> dict[str, JobRun]:
    last: dict[str, JobRun] = {}
    for name in names:
        run = JobRun.objects.filter(name=name).first()
        if run is not None:
            last[name] = run
    return last


def jobs_overview(user: Any, *, now: datetime.datetime | None = None) -> list[JobStatus]:
    """Every scheduled job with its last run and its next one, then the two heartbeats; operators only."""
    deny_unless(is_platform_operator(user), ONLY_OPERATORS)
    now = now or timezone.now()
    heartbeat = Job(
        name=HEARTBEAT,
        schedule=HEARTBEAT_SCHEDULE,
        when=EVERY_MINUTE,
        what=HEARTBEAT_WHAT,
        period="hour",
        run=lambda moment: {},
    )
    jobs = [*JOBS.values(), heartbeat]
    last = _last_runs([job.name for job in jobs] + [WORKER_HEARTBEAT])
    statuses = []
    for job in jobs:
        last_run = last.get(job.name)
        last_success = None
        if last_run is not None and last_run.outcome != JobRun.Outcome.SUCCEEDED:
            last_success = JobRun.objects.filter(name=job.name, outcome=JobRun.Outcome.SUCCEEDED).first()
        statuses.append(
            JobStatus(
                name=job.name,
                schedule=job.schedule,
                when=job.when,
                what=job.what,
                last_run=last_run,
                last_success=last_success,
                next_run=job.next_run(now),
                can_run_now=job.name in JOBS,
            )
        )
    worker = last.get(WORKER_HEARTBEAT)
    statuses.append(
        JobStatus(
            name=WORKER_HEARTBEAT,
            schedule=HEARTBEAT_SCHEDULE,
            when=EVERY_MINUTE,
            what=WORKER_HEARTBEAT_WHAT,
            last_run=worker,
            last_success=None,
            next_run=None,
            can_run_now=False,
        )
    )
    return statuses
