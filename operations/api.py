"""The scheduled jobs over the API: the operators' page's data, for ParkLink operators only."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from core.api_auth import api_user
from operations.selectors import JobStatus, jobs_overview

router = Router(tags=["operations"])


class OperationsJobRunOut(Schema):
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    outcome: str
    outcome_label: str
    run_by_hand: bool
    period: str
    counts: dict[str, int]
    detail: str


class OperationsJobOut(Schema):
    name: str
    schedule: str
    schedule_in_words: str
    description: str
    last_run: OperationsJobRunOut | None
    last_success_at: datetime.datetime | None
    next_run_at: datetime.datetime | None


def _job_out(job: JobStatus) -> OperationsJobOut:
    run = job.last_run
    return OperationsJobOut(
        name=job.name,
        schedule=job.schedule,
        schedule_in_words=str(job.when),
        description=str(job.what),
        last_run=None
        if run is None
        else OperationsJobRunOut(
            started_at=run.started_at,
            finished_at=run.finished_at,
            outcome=run.outcome,
            outcome_label=str(run.get_outcome_display()),
            run_by_hand=run.forced,
            period=run.period_key,
            counts=run.counts,
            detail=run.detail,
        ),
        last_success_at=job.last_success.started_at if job.last_success else None,
        next_run_at=job.next_run,
    )


@router.get("/operations/jobs", response=list[OperationsJobOut])
def list_operations_jobs(request: HttpRequest) -> list[OperationsJobOut]:
    """Each scheduled job with its schedule, last run, outcome and next run (ParkLink operators only)."""
    return [_job_out(job) for job in jobs_overview(api_user(request))]
