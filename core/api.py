"""The audit trail over the API: the same selector as the page, so the same people see the same events."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from accounts.api_auth import api_user
from core.models import AuditEvent
from core.permissions import deny_unless
from core.selectors import audit_events_filtered, audit_events_visible_to, can_browse_audit_trail

router = Router(tags=["audit trail"])


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


class AuditEventFilter(Schema):
    object_type: str = ""
    object_id: str = ""
    actor_email: str = ""
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
