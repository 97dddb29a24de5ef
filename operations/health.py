"""Health: `/healthz` for load balancers (no database, no check), `/health` for operators.

`/health` runs django-health-check's checks of the database and the cache, and ours of the task queue
and of the scheduler's and the worker's heartbeats. Anyone gets the overall answer as the status code
(200 or 503); staff and callers sending HEALTH_CHECK_TOKEN also get each check's result.
"""

import asyncio
import dataclasses
import datetime
import hmac
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check import Cache, Database
from health_check.base import HealthCheck, HealthCheckResult
from health_check.exceptions import ServiceUnavailable

from core.permissions import is_platform_operator
from operations.jobs import HEARTBEAT, WORKER_HEARTBEAT
from operations.models import JobRun


@dataclasses.dataclass
class DatabaseInRequestThread(Database):
    """django-health-check's database check, run on the request's own connection rather than a new one
    opened (and left open) in another thread."""

    async def run(self) -> None:  # type: ignore[override]
        await sync_to_async(super().run)()


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The oldest task waiting for the worker waits less than HEALTH_QUEUE_MAX_AGE_MINUTES."""

    async def run(self) -> None:
        await sync_to_async(self.check)()

    def check(self) -> None:
        limit = datetime.timedelta(minutes=settings.HEALTH_QUEUE_MAX_AGE_MINUTES)
        cutoff = timezone.now() - limit
        # Due since before the cutoff: enqueued then with no later start, or due then.
        overdue = DBTaskResult.objects.ready().filter(
            Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
        )
        waiting = overdue.count()
        if waiting:
            raise ServiceUnavailable(
                _("%(count)d tasks have waited for the worker for more than %(minutes)d minutes.")
                % {"count": waiting, "minutes": settings.HEALTH_QUEUE_MAX_AGE_MINUTES}
            )


@dataclasses.dataclass
class Heartbeat(HealthCheck):
    """The last heartbeat of the scheduler or of the worker is recent enough."""

    job: str = HEARTBEAT

    async def run(self) -> None:
        await sync_to_async(self.check)()

    def check(self) -> None:
        minutes = settings.HEALTH_HEARTBEAT_MAX_AGE_MINUTES
        since = timezone.now() - datetime.timedelta(minutes=minutes)
        beats = JobRun.objects.filter(name=self.job, outcome=JobRun.Outcome.SUCCEEDED)
        if not beats.filter(finished_at__gte=since).exists():
            raise ServiceUnavailable(
                (
                    _("No heartbeat from the scheduler in the last %(minutes)d minutes.")
                    if self.job == HEARTBEAT
                    else _("No heartbeat from the worker in the last %(minutes)d minutes.")
                )
                % {"minutes": minutes}
            )


def health_checks() -> dict[str, HealthCheck]:
    return {
        "database": DatabaseInRequestThread(),
        "cache": Cache(),
        "task_queue": TaskQueue(),
        "scheduler_heartbeat": Heartbeat(job=HEARTBEAT),
        "worker_heartbeat": Heartbeat(job=WORKER_HEARTBEAT),
    }


@dataclasses.dataclass(frozen=True)
class CheckOutcome:
    name: str
    ok: bool
    message: str
    seconds: float


def health_run() -> list[CheckOutcome]:
    """Run every check (concurrently, each within its time budget) and say how each went."""
    checks = health_checks()

    async def gather() -> list[HealthCheckResult]:
        return list(await asyncio.gather(*(check.get_result() for check in checks.values())))

    results = async_to_sync(gather)()
    return [
        CheckOutcome(
            name=name,
            ok=result.error is None,
            message=str(result.error.message) if result.error else "",
            seconds=round(result.time_taken, 4),
        )
        for name, result in zip(checks, results, strict=True)
    ]


def may_see_health_details(user: Any, authorization: str) -> bool:
    """Staff see each check; so does a monitor sending `Authorization: Bearer <HEALTH_CHECK_TOKEN>`."""
    if is_platform_operator(user):
        return True
    token = settings.HEALTH_CHECK_TOKEN
    scheme, _space, sent = authorization.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(sent.strip(), token)
