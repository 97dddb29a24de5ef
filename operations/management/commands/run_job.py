"""`manage.py run_job NAME [--force]`: run one scheduled job here and now, recorded like a scheduled run."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.jobs import COUNT_LABELS, JOBS
from operations.models import JobRun
from operations.runner import job_run


class Command(BaseCommand):
    help = (
        "Run one scheduled job now, in this process, and record the run. Without --force it does nothing "
        "when the job already did its work for the current period."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", choices=sorted(JOBS), help="The job (see docs/jobs.md).")
        parser.add_argument("--force", action="store_true", help="Run even if this period's run succeeded.")

    def handle(self, *args: Any, **options: Any) -> None:
        run = job_run(name=options["name"], force=options["force"])
        counts = ", ".join(f"{COUNT_LABELS.get(key, key)}: {value}" for key, value in run.counts.items())
        self.stdout.write(f"{run.name} ({run.period_key}): {run.get_outcome_display()}. {counts}".strip())
        if run.outcome == JobRun.Outcome.FAILED:
            raise CommandError(run.detail)
