import datetime

from django.core.management.base import BaseCommand, CommandParser

from networks.services import membership_expiry_sweep


class Command(BaseCommand):
    help = (
        "Move lapsed memberships to grace and then expired, and email renewal reminders. "
        "Run it daily (cron, or the worker's schedule); running it twice a day sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Pretend today is YYYY-MM-DD.")

    def handle(self, *args: object, **options: object) -> None:
        today = options.get("today")
        counts = membership_expiry_sweep(today=today if isinstance(today, datetime.date) else None)
        self.stdout.write(
            f"grace: {counts['grace']}, expired: {counts['expired']}, reminded: {counts['reminded']}"
        )
