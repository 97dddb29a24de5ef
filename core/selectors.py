import datetime
from typing import Any

from django.db.models import QuerySet

from core.models import AuditEvent
from core.permissions import is_platform_operator, moderated_organisation_ids


def can_browse_audit_trail(user: Any) -> bool:
    return is_platform_operator(user) or bool(moderated_organisation_ids(user))


def audit_events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """Operators see every event; a network secretariat sees the events of the organisations it moderates."""
    events = AuditEvent.objects.select_related("actor")
    if is_platform_operator(user):
        return events
    organisation_ids = moderated_organisation_ids(user)
    if not organisation_ids:
        return events.none()
    return events.filter(organisation_id__in=organisation_ids)


def audit_events_filtered(
    events: QuerySet[AuditEvent],
    *,
    object_type: str = "",
    object_id: str = "",
    actor_email: str = "",
    occurred_from: datetime.date | None = None,
    occurred_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if actor_email:
        events = events.filter(actor_label__iexact=actor_email)
    if occurred_from:
        events = events.filter(occurred_at__date__gte=occurred_from)
    if occurred_to:
        events = events.filter(occurred_at__date__lte=occurred_to)
    return events
