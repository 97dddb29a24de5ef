"""The scheduled jobs: what each one does, when it runs, and which period its work belongs to.

Each job calls the owning app's own sweep or service; those are safe to repeat (they act only on what
is still due), and `operations.runner.job_run` adds the guard that one period's work is done once.
"""

import dataclasses
import datetime
from collections.abc import Callable

from apscheduler.triggers.cron import CronTrigger
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.notifications import notification_digests_send
from events.services.meetings import meeting_requests_expire
from events.services.surveys import outcome_surveys_send
from exchanges.services import offers_expire
from hubs.services import (
    agreements_expire_due,
    follow_up_reminders_send,
    hub_digests_send,
    kpi_snapshots_take,
)
from marketplace.tasks import marketplace_sweep
from networks.services import membership_expiry_sweep

HEARTBEAT = "heartbeat"
WORKER_HEARTBEAT = "worker_heartbeat"

Counts = dict[str, int]


# How each kind of period is named, and where it starts.
PERIOD_FORMATS = {"hour": "%Y-%m-%dT%H", "day": "%Y-%m-%d", "month": "%Y-%m"}


def period_start(period: str, moment: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)
    if period in ("day", "month"):
        local = local.replace(hour=0)
    if period == "month":
        local = local.replace(day=1)
    # Back to an aware time in the zone, right across a change to or from summer time.
    return timezone.make_aware(local.replace(tzinfo=None))


@dataclasses.dataclass(frozen=True)
class Job:
    name: str
    # A crontab line (minute hour day month weekday) in settings.TIME_ZONE; crontask wants weekdays
    # spelt as words.
    schedule: str
    when: Promise
    what: Promise
    # One run's work covers this period: "hour", "day" or "month".
    period: str
    run: Callable[[datetime.datetime], Counts]

    def period_key(self, moment: datetime.datetime) -> str:
        return timezone.localtime(moment).strftime(PERIOD_FORMATS[self.period])

    def _trigger(self) -> CronTrigger:
        return CronTrigger.from_crontab(self.schedule, timezone=timezone.get_default_timezone())

    def next_run(self, now: datetime.datetime) -> datetime.datetime | None:
        fire: datetime.datetime | None = self._trigger().get_next_fire_time(None, now)
        return fire

    def due_this_period(self, now: datetime.datetime) -> datetime.datetime | None:
        """When the schedule started this period's run, if that time has come."""
        start = period_start(self.period, now)
        fire: datetime.datetime | None = self._trigger().get_next_fire_time(None, start)
        return fire if fire is not None and fire <= now else None


def _marketplace_daily(now: datetime.datetime) -> Counts:
    return marketplace_sweep(now=now)


def _notification_digests(now: datetime.datetime) -> Counts:
    return {"digests_sent": notification_digests_send(now=now)}


def _events_sweep(now: datetime.datetime) -> Counts:
    return {
        "requests_expired": meeting_requests_expire(now=now),
        "events_surveyed": outcome_surveys_send(now=now),
    }


def _hubs_daily(now: datetime.datetime) -> Counts:

    today = timezone.localdate(now)
    return {
        "agreements_expired": agreements_expire_due(today=today),
        "reminders_sent": follow_up_reminders_send(today=today),
        "kpi_values_recorded": kpi_snapshots_take(today=today),
    }


def _hubs_monthly_digest(now: datetime.datetime) -> Counts:
    return {"digests_sent": hub_digests_send(month=timezone.localdate(now))}


def _exchange_offers(now: datetime.datetime) -> Counts:
    return {"offers_expired": offers_expire(now=now)}


def _membership_reminders(now: datetime.datetime) -> Counts:
    return membership_expiry_sweep(today=timezone.localdate(now))


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job(
            name="send_membership_reminders",
            schedule="0 5 * * *",
            when=_("Every day at 05:00"),
            what=_(
                "Moves lapsed network memberships to grace and then expired, and sends renewal reminders."
            ),
            period="day",
            run=_membership_reminders,
        ),
        Job(
            name="hubs_daily",
            schedule="30 5 * * *",
            when=_("Every day at 05:30"),
            what=_(
                "Expires agreements past their end date, reminds owners of follow-up actions and records "
                "each running KPI's value for the day."
            ),
            period="day",
            run=_hubs_daily,
        ),
        Job(
            name="expire_exchange_offers",
            schedule="45 5 * * *",
            when=_("Every day at 05:45"),
            what=_("Closes exchange offers left unanswered past their expiry and tells the candidates."),
            period="day",
            run=_exchange_offers,
        ),
        Job(
            name="marketplace_daily",
            schedule="0 6 * * *",
            when=_("Every day at 06:00"),
            what=_(
                "Expires profiles and unanswered expressions of interest, warns owners of profiles about to "
                "expire and sends the saved-search digests."
            ),
            period="day",
            run=_marketplace_daily,
        ),
        Job(
            name="send_notification_digests",
            schedule="0 7 * * *",
            when=_("Every day at 07:00"),
            what=_("Emails each person one digest of their unread notifications."),
            period="day",
            run=_notification_digests,
        ),
        Job(
            name="hubs_monthly_digest",
            schedule="0 8 1 * *",
            when=_("On the first day of each month at 08:00"),
            what=_("Emails each hub's subscribers what its monitoring feed recorded in the previous month."),
            period="month",
            run=_hubs_monthly_digest,
        ),
        Job(
            name="events_daily",
            schedule="15 * * * *",
            when=_("Every hour at a quarter past"),
            what=_("Expires unanswered meeting requests and sends the meeting-outcome surveys that are due."),
            period="hour",
            run=_events_sweep,
        ),
    )
}

# The heartbeat runs inside the scheduler's own process, every minute; it is shown beside the jobs.
HEARTBEAT_SCHEDULE = "* * * * *"

COUNT_LABELS: dict[str, Promise] = {
    "profiles_expired": _("Profiles expired"),
    "expiry_warnings": _("Expiry warnings sent"),
    "eois_expired": _("Expressions of interest expired"),
    "daily_digests": _("Daily digests sent"),
    "weekly_digests": _("Weekly digests sent"),
    "digests_sent": _("Digests sent"),
    "requests_expired": _("Meeting requests expired"),
    "events_surveyed": _("Events surveyed"),
    "agreements_expired": _("Agreements expired"),
    "reminders_sent": _("Reminders sent"),
    "kpi_values_recorded": _("KPI values recorded"),
    "offers_expired": _("Offers expired"),
    "grace": _("Memberships moved to grace"),
    "expired": _("Memberships expired"),
    "reminded": _("Renewal reminders sent"),
}
