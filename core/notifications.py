"""In-app notifications: any app tells people something with `notification_send(kind=...)`; they read
it at /notifications/ and, depending on how each person chose to hear of that kind
(`core.notification_kinds`, /notifications/settings/), also by email at once, in one daily email digest
(`send_notification_digests`), or in the app only; a kind switched off is not stored at all.

Subjects and bodies are lazy strings rendered once per recipient in that person's interface language;
so is each email.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.email_tasks import email_enqueue
from core.models import Notification, NotificationPreference
from core.notification_kinds import (
    Channel,
    NotificationKind,
    default_channel,
    notification_kind,
    notification_kinds,
)

StrOrPromise = str | Promise
# Builds the email sent at once for one recipient, inside that person's language; None sends none.
EmailBuilder = Callable[[Any], EmailMessage | None]

DIGEST_ITEMS_LIMIT = 50


def recipient_language(user: Any) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each of these people hears of `kind`: their own choice, else the kind's default."""
    ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "channel")
    )
    fallback = default_channel(kind)
    return {user_id: chosen.get(user_id, fallback) for user_id in ids}


def _email_now(user: Any, *, subject: StrOrPromise, body: StrOrPromise, url: str) -> EmailMessage:
    """The plain email of a notification whose kind has no email of its own (called in the recipient's
    language)."""
    text = render_to_string(
        "core/email/notification_now.txt",
        {
            "recipient": user,
            "subject": str(subject),
            "body": str(body),
            "link": _site() + url if url.startswith("/") else url,
            "settings_url": _site() + reverse("core:notification_settings"),
        },
    )
    return EmailMessage(str(subject)[:300], text, None, [user.email])


def notification_send(
    *,
    recipients: Iterable[Any],
    kind: str = "",
    topic: str = "",
    subject: StrOrPromise,
    body: StrOrPromise = "",
    url: str = "",
    email: EmailBuilder | None = None,
) -> int:
    """Tell each distinct active recipient of `kind` (`topic` is its older name), as each one chose:
    a stored notification unless they switched the kind off, plus an email at once (`email(user)` when
    the kind has its own, else a plain one) when they asked for it. Returns how many were stored."""
    key = kind or topic
    if not key:
        raise ValueError("notification_send needs the kind of notification")
    people: list[Any] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        people.append(user)
    channels = channels_for(seen, key)
    now = timezone.now()
    notifications = []
    emails = []
    for user in people:
        channel = channels[user.pk]
        if channel == Channel.OFF:
            continue
        with translation.override(recipient_language(user)):
            notifications.append(
                Notification(
                    recipient=user,
                    topic=key,
                    subject=str(subject)[:300],
                    body=str(body)[:10000],
                    url=url[:500],
                    # Emailed at once: the digest does not repeat it.
                    emailed_at=now if channel == Channel.EMAIL else None,
                )
            )
            if channel == Channel.EMAIL and user.email:
                if email is not None:
                    message = email(user)
                else:
                    message = _email_now(user, subject=subject, body=body, url=url)
                if message is not None:
                    emails.append(message)
    Notification.objects.bulk_create(notifications)
    for message in emails:
        email_enqueue(message)
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


# --- Preferences: how each person hears of each kind ---


def notification_preferences_of(user: Any) -> list[tuple[NotificationKind, str]]:
    """Every registered kind with the channel `user` hears of it by (their choice, else its default)."""
    if not user.is_authenticated:
        return []
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return [(kind, chosen.get(kind.key, kind.default_channel)) for kind in notification_kinds()]


@transaction.atomic
def notification_preferences_update(*, user: Any, preferences: Mapping[str, str]) -> dict[str, str]:
    """Set how `user` hears of each kind given ({kind: channel}); kinds not given keep their setting.
    Nothing is saved when any kind or channel is unknown. Returns the settings now in force."""
    if not user.is_authenticated:
        raise ValidationError(gettext_lazy("Sign in to choose how you are notified."))
    errors: dict[str, list[ValidationError]] = {}
    for key, channel in preferences.items():
        if notification_kind(key) is None:
            errors.setdefault(key[:100], []).append(
                ValidationError(
                    gettext_lazy("There is no kind of notification called “%(kind)s”."),
                    code="unknown_kind",
                    params={"kind": key[:100]},
                )
            )
        elif channel not in Channel.values:
            errors.setdefault(key, []).append(
                ValidationError(
                    gettext_lazy("Choose one of: in the app only, email at once, daily digest, or off."),
                    code="invalid_channel",
                )
            )
    if errors:
        raise ValidationError(errors)
    for key, channel in preferences.items():
        NotificationPreference.objects.update_or_create(user=user, kind=key, defaults={"channel": channel})
    return {kind.key: channel for kind, channel in notification_preferences_of(user)}


# --- The daily digest ---


def _digest_wanted(items: list[Notification]) -> list[Notification]:
    """Those of one person's pending notifications whose kind they hear of in the digest."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id=items[0].recipient_id).values_list("kind", "channel")
    )
    channels: dict[str, str] = {}
    for item in items:
        if item.topic not in channels:
            channels[item.topic] = chosen.get(item.topic) or default_channel(item.topic)
    return [item for item in items if channels[item.topic] == Channel.DIGEST]


def notification_digests_send(*, now: datetime.datetime | None = None) -> int:
    """Email each person their unread notifications not emailed yet, of the kinds they want in the
    digest, in one message; returns emails sent."""
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
    site = _site()
    for all_items in by_recipient.values():
        items = _digest_wanted(all_items)
        if not items:
            continue
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
                    "settings_url": site + reverse("core:notification_settings"),
                },
            )
        # Sent before the rows are stamped, so no SMTP round trip holds their locks; a failed send
        # leaves them unstamped for the next run.
        sent += send_mail(subject, body, None, [recipient.email])
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=now)
    return sent
