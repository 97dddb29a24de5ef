"""The audit trail and a person's notifications over the API, through the same selectors as the pages."""

import datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import api_user
from core.audit_sentences import audit_sentence
from core.models import AuditEvent, Notification
from core.notifications import (
    notification_preferences_of,
    notification_preferences_update,
    notifications_mark_read,
    notifications_of,
)
from core.permissions import deny_unless
from core.selectors import audit_events_filtered, audit_events_visible_to, can_browse_audit_trail

router = Router(tags=["audit trail", "notifications"])


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime.datetime
    actor_id: int | None
    actor: str = Field(..., alias="actor_label")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]
    organisation_id: int | None
    request_id: str
    request_method: str
    request_path: str
    ip_address: str | None
    # The event as a whole sentence in the reader's language; `action` stays the code.
    description: str

    @staticmethod
    def resolve_description(obj: AuditEvent) -> str:
        return audit_sentence(obj)


class AuditEventFilter(Schema):
    object_type: str = Field("", max_length=100)
    object_id: str = Field("", max_length=64)
    actor_email: str = Field("", max_length=254)
    occurred_from: datetime.date | None = None
    occurred_to: datetime.date | None = None


@router.get("/audit-events", response=list[AuditEventOut])
@paginate
def list_audit_events(request: HttpRequest, filters: Query[AuditEventFilter]) -> QuerySet[AuditEvent]:
    deny_unless(
        can_browse_audit_trail(api_user(request)),
        _("Only a network secretariat or a ParkLink operator can browse the audit trail."),
    )
    return audit_events_filtered(audit_events_visible_to(api_user(request)), **filters.dict())


class NotificationOut(Schema):
    id: int
    topic: str
    subject: str
    body: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationFilter(Schema):
    unread: bool = False


class NotificationsReadIn(Schema):
    ids: list[int] | None = None


class NotificationsReadOut(Schema):
    marked_read: int


@router.get("/notifications", response=list[NotificationOut], tags=["notifications"])
@paginate
def list_notifications(request: HttpRequest, filters: Query[NotificationFilter]) -> QuerySet[Notification]:
    own = notifications_of(api_user(request))
    return own.filter(read_at__isnull=True) if filters.unread else own


@router.post("/notifications/read", response=NotificationsReadOut, tags=["notifications"])
def mark_notifications_read(request: HttpRequest, payload: NotificationsReadIn) -> dict[str, int]:
    """Mark the listed notifications (all unread ones without `ids`) as read."""
    return {"marked_read": notifications_mark_read(user=api_user(request), notification_ids=payload.ids)}


class NotificationPreferenceOut(Schema):
    kind: str
    name: str
    description: str
    channel: str
    default_channel: str


class NotificationPreferencesIn(Schema):
    preferences: dict[Annotated[str, Field(max_length=100)], Annotated[str, Field(max_length=20)]] = Field(
        ..., description="How to hear of each kind: {kind: 'app' | 'email' | 'digest' | 'off'}."
    )


def _preferences_out(user: Any) -> list[dict[str, str]]:
    return [
        {
            "kind": kind.key,
            "name": str(kind.name),
            "description": str(kind.description),
            "channel": channel,
            "default_channel": kind.default_channel,
        }
        for kind, channel in notification_preferences_of(user)
    ]


@router.get("/notifications/preferences", response=list[NotificationPreferenceOut], tags=["notifications"])
def list_notification_preferences(request: HttpRequest) -> list[dict[str, str]]:
    """How the token's person hears of each kind of notification: 'app' (in the app only), 'email'
    (an email at once), 'digest' (the daily digest email) or 'off'."""
    return _preferences_out(api_user(request))


@router.put("/notifications/preferences", response=list[NotificationPreferenceOut], tags=["notifications"])
def update_notification_preferences(
    request: HttpRequest, payload: NotificationPreferencesIn
) -> list[dict[str, str]]:
    """Set the channel of the kinds given; the others keep theirs. Unknown kinds or channels save nothing."""
    notification_preferences_update(user=api_user(request), preferences=payload.preferences)
    return _preferences_out(api_user(request))
