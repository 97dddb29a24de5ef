import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from marketplace.models import SavedSearch
from marketplace.saved_searches import saved_search_digests_send


class Command(BaseCommand):
    help = (
        "Email the saved-search digests of one frequency (those not yet sent today). "
        "`marketplace_daily` already does this; use this command to send them on another schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency",
            required=True,
            choices=[SavedSearch.Frequency.DAILY.value, SavedSearch.Frequency.WEEKLY.value],
        )
        parser.add_argument(
            "--now", type=datetime.datetime.fromisoformat, help="Pretend it is this moment (ISO 8601)."
        )

    def handle(self, *args: object, **options: object) -> None:
        now = options.get("now")
        if isinstance(now, datetime.datetime) and timezone.is_naive(now):
            now = timezone.make_aware(now)
        sent = saved_search_digests_send(
            frequency=str(options["frequency"]), now=now if isinstance(now, datetime.datetime) else None
        )
        self.stdout.write(f"digests sent: {sent}")
