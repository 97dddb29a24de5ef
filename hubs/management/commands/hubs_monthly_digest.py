"""`manage.py hubs_monthly_digest` (cron, on the first of each month): email each hub's subscribers
what its monitoring feed recorded in the previous month."""

from typing import Any

from django.core.management.base import BaseCommand

from hubs.services import hub_digests_send


class Command(BaseCommand):
    help = "Email the hubs' monthly digests of the previous calendar month."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = hub_digests_send()
        self.stdout.write(f"digests sent: {sent}")
