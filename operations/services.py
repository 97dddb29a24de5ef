"""The operators' writes on the scheduled jobs."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless, is_platform_operator
from operations.jobs import JOBS
from operations.models import JobRun
from operations.runner import job_run_requested_record
from operations.selectors import ONLY_OPERATORS
from operations.tasks import job_run_now


@transaction.atomic
def job_run_request(*, actor: Any, name: str) -> JobRun:
    """Ask the worker to run the job `name` now, whatever its schedule says. Returns the run, recorded as
    waiting for the worker until the worker takes it up."""
    deny_unless(is_platform_operator(actor), ONLY_OPERATORS)
    if name not in JOBS:
        raise ValidationError(_("There is no scheduled job of that name."), code="unknown_job")
    if JobRun.objects.filter(name=name, outcome=JobRun.Outcome.REQUESTED).exists():
        raise ValidationError(
            _("This job has already been asked for and is waiting for the worker."), code="already_requested"
        )
    run = job_run_requested_record(name=name)
    audit_record(actor=actor, action="job_run_requested", target=run, changes={"job": name})
    transaction.on_commit(lambda: job_run_now.enqueue(name=name, requested_id=run.pk))
    return run
