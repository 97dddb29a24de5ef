"""The kinds of notification ParkLink sends, and how each person wants to receive each kind.

Every app registers its own kinds at import time in its `notifications` module (core imports no domain
app: `core.apps.CoreConfig.ready` discovers those modules by name, the way the admin finds `admin.py`):

    notification_kind_register(
        "marketplace.eoi_received",
        name=_("An expression of interest arrives"),
        description=_("Someone is interested in one of your organisation's profiles."),
        default_channel=Channel.EMAIL,
    )

A person chooses a channel per kind (`core.models.NotificationPreference`); without a choice the
kind's default applies.
"""

import logging
from dataclasses import dataclass

from django.utils.functional import Promise

from core.models import NotificationPreference

logger = logging.getLogger(__name__)

StrOrPromise = str | Promise


# The channels: in the app only, an email at once, the daily digest, or nothing.
Channel = NotificationPreference.Channel


@dataclass(frozen=True)
class NotificationKind:
    key: str
    name: StrOrPromise
    description: StrOrPromise
    default_channel: str = Channel.DIGEST


_kinds: dict[str, NotificationKind] = {}


def notification_kind_register(
    key: str,
    *,
    name: StrOrPromise,
    description: StrOrPromise,
    default_channel: str = Channel.DIGEST,
) -> NotificationKind:
    """Register one kind (again with the same values is harmless, e.g. when a module is re-imported)."""
    if default_channel not in Channel.values:
        raise ValueError(f"unknown notification channel {default_channel!r}")
    if len(key) > 100:
        raise ValueError(f"notification kind key too long: {key!r}")
    kind = NotificationKind(key=key, name=name, description=description, default_channel=default_channel)
    _kinds[key] = kind
    return kind


def notification_kinds() -> list[NotificationKind]:
    """Every registered kind, in a stable order (by key, so each app's kinds stay together)."""
    return [_kinds[key] for key in sorted(_kinds)]


def notification_kind(key: str) -> NotificationKind | None:
    return _kinds.get(key)


def default_channel(key: str) -> str:
    """The channel of a kind nobody chose one for; an unregistered kind goes to the digest, as every
    notification did before kinds existed, and is logged so it gets registered."""
    kind = _kinds.get(key)
    if kind is None:
        logger.warning("Notification kind %r is not registered; it goes to the daily digest.", key)
        return Channel.DIGEST
    return kind.default_channel
