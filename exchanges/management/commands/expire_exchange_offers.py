"""`manage.py expire_exchange_offers`: close every fellowship offer left unanswered past its expiry and
tell the candidate (run daily by cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from exchanges.services import offers_expire


class Command(BaseCommand):
    help = "Close exchange offers left unanswered past their expiry and notify the candidates."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = offers_expire()
        self.stdout.write(f"{expired} offer(s) expired.")
