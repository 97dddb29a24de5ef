"""`manage.py events_daily` (cron, e.g. hourly): expire unanswered meeting requests and send the
meeting-outcome survey of brokerage events that ended their `survey_delay_hours` ago."""

from typing import Any

from django.core.management.base import BaseCommand

from events.tasks import events_sweep


class Command(BaseCommand):
    help = "Expire unanswered meeting requests and send due meeting-outcome surveys."

    def handle(self, *args: Any, **options: Any) -> None:
        result = events_sweep.call()
        expired, surveyed = result["requests_expired"], result["events_surveyed"]
        self.stdout.write(f"{expired} meeting requests expired, {surveyed} events surveyed")
