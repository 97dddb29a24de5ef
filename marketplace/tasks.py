"""The marketplace's background work: the daily sweep and the saved-search digests.

Tasks take ids or nothing, and call services. `marketplace_sweep` is what both the task and
`manage.py marketplace_daily` run, so cron and the worker do the same thing. Every step is idempotent:
a profile expires once, its warning carries `expiry_warning_sent_at`, an EOI leaves "pending" once and
a digest moves its search's window forward, so a second run the same day sends nothing again.
"""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from marketplace.eoi_services import eoi_expire_overdue
from marketplace.models import Profile, SavedSearch
from marketplace.saved_searches import saved_search_digest_send, saved_search_digests_send
from marketplace.selectors import expiring_soon
from marketplace.services import profile_expire, profile_expiry_warn

logger = logging.getLogger(__name__)


def _each(profiles: Any, step: Callable[..., bool], *, now: datetime.datetime, label: str) -> int:
    """Run `step` on each profile in its own transaction; one failure is logged and stops no other."""
    done = 0
    for profile in profiles:
        try:
            done += bool(step(profile=profile, now=now))
        except Exception:
            logger.exception("Marketplace sweep: %s failed for profile %s", label, profile.pk)
    return done


def profiles_expire_due(*, now: datetime.datetime) -> int:
    due = Profile.objects.filter(status=Profile.Status.PUBLISHED, expires_at__lte=now).order_by(
        "expires_at", "id"
    )
    return _each(due, profile_expire, now=now, label="expiry")


def profiles_warn_due(*, now: datetime.datetime) -> int:
    """Warn the owners of published profiles expiring within two weeks that were not warned yet."""
    return _each(
        expiring_soon(now=now).order_by("expires_at", "id"),
        profile_expiry_warn,
        now=now,
        label="expiry warning",
    )


def eois_expire_due(*, now: datetime.datetime) -> int:
    try:
        return eoi_expire_overdue(now=now)
    except Exception:
        logger.exception("Marketplace sweep: expiring overdue expressions of interest failed")
        return 0


def marketplace_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The daily sweep: expire profiles past their date, warn those expiring within two weeks, expire
    unanswered expressions of interest, send the daily digests and, on
    MARKETPLACE_WEEKLY_DIGEST_WEEKDAY, the weekly ones. Returns what each step did."""
    now = now or timezone.now()
    counts = {
        "profiles_expired": profiles_expire_due(now=now),
        "expiry_warnings": profiles_warn_due(now=now),
        "eois_expired": eois_expire_due(now=now),
        "daily_digests": saved_search_digests_send(frequency=SavedSearch.Frequency.DAILY, now=now),
        "weekly_digests": 0,
    }
    if timezone.localdate(now).weekday() == settings.MARKETPLACE_WEEKLY_DIGEST_WEEKDAY:
        counts["weekly_digests"] = saved_search_digests_send(frequency=SavedSearch.Frequency.WEEKLY, now=now)
    return counts


@task
def marketplace_daily_sweep() -> dict[str, int]:
    """`manage.py marketplace_daily` as a task, for a scheduler that enqueues tasks."""
    return marketplace_sweep()


@task
def search_digests_send(*, frequency: str) -> int:
    return saved_search_digests_send(frequency=frequency)


@task
def saved_search_digest_send_now(*, saved_search_id: int) -> bool:
    saved_search = SavedSearch.objects.filter(pk=saved_search_id).first()
    if saved_search is None:
        return False
    return saved_search_digest_send(saved_search=saved_search)


@task
def eois_expire() -> int:
    """Expire every expression of interest left unanswered past its time (`manage.py expire_eois`)."""
    return eoi_expire_overdue(now=timezone.now())
