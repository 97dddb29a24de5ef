from typing import Any

from django.core.management.base import BaseCommand

from core.notifications import notification_digests_send


class Command(BaseCommand):
    help = "Email each person one digest of their unread notifications not emailed yet (run daily from cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = notification_digests_send()
        self.stdout.write(f"Sent {sent} notification digests.")
