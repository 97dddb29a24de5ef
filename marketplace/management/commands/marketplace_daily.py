import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from marketplace.tasks import marketplace_sweep


class Command(BaseCommand):
    help = (
        "The marketplace's daily sweep: expire profiles past their date, warn owners two weeks ahead, "
        "expire unanswered expressions of interest, email the daily saved-search digests and, on "
        "MARKETPLACE_WEEKLY_DIGEST_WEEKDAY, the weekly ones. Running it twice a day sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            type=datetime.datetime.fromisoformat,
            help="Pretend it is this moment (ISO 8601 with a UTC offset, e.g. 2026-05-04T06:00+00:00).",
        )

    def handle(self, *args: object, **options: object) -> None:
        now = options.get("now")
        if isinstance(now, datetime.datetime) and timezone.is_naive(now):
            now = timezone.make_aware(now)
        counts = marketplace_sweep(now=now if isinstance(now, datetime.datetime) else None)
        self.stdout.write(", ".join(f"{step.replace('_', ' ')}: {count}" for step, count in counts.items()))
