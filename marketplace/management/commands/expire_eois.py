"""`manage.py expire_eois`: expire every expression of interest left unanswered past its time and tell
its sender (the periodic task does the same every day)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from marketplace.eoi_services import eoi_expire_overdue


class Command(BaseCommand):
    help = "Expire expressions of interest left unanswered past EOI_RESPONSE_DAYS and email their senders."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = eoi_expire_overdue(now=timezone.now())
        self.stdout.write(f"{expired} expression(s) of interest expired.")
