"""`manage.py hubs_daily` (cron, once a day): expire agreements past their end date, remind owners of
follow-up actions due within a week or overdue, and record each running KPI's value for the day."""

from typing import Any

from django.core.management.base import BaseCommand

from hubs.services import agreements_expire_due, follow_up_reminders_send, kpi_snapshots_take


class Command(BaseCommand):
    help = "Expire agreements, send follow-up reminders and record today's KPI values."

    def handle(self, *args: Any, **options: Any) -> None:
        from django.utils import timezone

        today = timezone.localdate()
        expired = agreements_expire_due(today=today)
        reminders = follow_up_reminders_send(today=today)
        snapshots = kpi_snapshots_take(today=today)
        self.stdout.write(
            f"agreements expired: {expired}, reminders: {reminders}, KPI values recorded: {snapshots}"
        )
