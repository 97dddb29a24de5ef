"""In-app notifications: any app tells people something with `notification_send`; they read it at
/notifications/ and, while it stays unread, in one daily email digest (`send_notification_digests`).

Subjects and bodies are lazy strings rendered once per recipient in that person's interface language.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.models import Notification

StrOrPromise = str | Promise

DIGEST_ITEMS_LIMIT = 50


def recipient_language(user: Any) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def notification_send(
    *,
    recipients: Iterable[Any],
    topic: str,
    subject: StrOrPromise,
    body: StrOrPromise = "",
    url: str = "",
) -> int:
    """Store one notification per distinct active recipient; returns how many were stored."""
    notifications = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(recipient_language(user)):
            notifications.append(
                Notification(
                    recipient=user,
                    topic=topic,
                    subject=str(subject)[:300],
                    body=str(body)[:10000],
                    url=url[:500],
                )
            )
    Notification.objects.bulk_create(notifications)
    return len(notifications)


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The one selector: a person sees only their own notifications."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user: Any) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()


def notifications_mark_read(*, user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the given notifications of `user` (all unread ones when None) as read."""
    unread = notifications_of(user).filter(read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def notification_digests_send(*, now: datetime.datetime | None = None) -> int:
    """Email each person their unread notifications not emailed yet, in one message; returns emails sent."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True, recipient__is_active=True)
        .select_related("recipient")
        .order_by("recipient_id", "-created_at")
    )
    by_recipient: dict[int, list[Notification]] = {}
    for notification in pending:
        by_recipient.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    site = settings.SITE_URL.rstrip("/")
    for items in by_recipient.values():
        recipient = items[0].recipient
        with translation.override(recipient_language(recipient)):
            subject = _("ParkLink: %(count)d new notifications") % {"count": len(items)}
            body = render_to_string(
                "core/email/notification_digest.txt",
                {
                    "recipient": recipient,
                    "items": items[:DIGEST_ITEMS_LIMIT],
                    "more": max(0, len(items) - DIGEST_ITEMS_LIMIT),
                    "site": site,
                    "inbox_url": site + reverse("core:notifications"),
                },
            )
        # Sent before the rows are stamped, so no SMTP round trip holds their locks; a failed send
        # leaves them unstamped for the next run.
        sent += send_mail(subject, body, None, [recipient.email])
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=now)
    return sent
