"""What the scheduled jobs did: one JobRun per attempt, so an operator sees each job's last run and
outcome, and a job can tell that its period's work is already done."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DETAIL_MAX_LENGTH = 2000


class JobRun(models.Model):
    class Outcome(models.TextChoices):
        # Asked for by an operator, waiting for the worker.
        REQUESTED = "requested", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped: already done for this period")

    name = models.CharField(_("job"), max_length=64)
    # The period whose work the run did: "2026-12-07" (daily), "2026-12-07T06" (hourly), "2026-12" (monthly).
    period_key = models.CharField(_("period"), max_length=32)
    # When it started (or, while it waits for the worker, when it was asked for).
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    # Asked for by an operator ("run now"), not by the schedule.
    forced = models.BooleanField(_("run by hand"), default=False)
    # What the job did, as counts per step ({"profiles_expired": 2, ...}).
    counts: models.JSONField[dict[str, Any]] = models.JSONField(_("counts"), default=dict, blank=True)
    # Why it failed (the error, cut to length); empty otherwise.
    detail = models.CharField(_("detail"), max_length=DETAIL_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["name", "-started_at"], name="operations_jobrun_last")]
        constraints = [
            # Two scheduled runs of one period cannot both start: the second one is recorded as skipped.
            models.UniqueConstraint(
                fields=["name", "period_key"],
                condition=Q(forced=False, outcome__in=["running", "succeeded"]),
                name="operations_one_scheduled_run_per_period",
            )
        ]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return f"{self.name} {self.period_key} {self.outcome}"
