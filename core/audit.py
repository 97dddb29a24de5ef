"""The audit trail: every service records its write here, inside the same transaction.

The request that caused a write (id, method, path, client address) is captured by
`core.middleware.AuditRequestMiddleware` into a context variable, so services need not pass the
request around; writes made by tasks or commands simply carry no request.
"""

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest

from core.models import AuditEvent


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    method: str
    path: str
    ip_address: str | None
    user_agent: str


_current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "parklink_audit_request", default=None
)


def request_context_from(request: HttpRequest) -> RequestContext:
    return RequestContext(
        request_id=request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex,
        method=request.method or "",
        path=request.path[:500],
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.headers.get("User-Agent", "")[:300],
    )


@contextmanager
def bound_request(context: RequestContext) -> Iterator[None]:
    token = _current_request.set(context)
    try:
        yield
    finally:
        _current_request.reset(token)


def current_request() -> RequestContext | None:
    return _current_request.get()


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, ready to be compared by `changes_between`."""
    return {field: _jsonable(getattr(instance, field)) for field in fields}


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for every field whose value differs."""
    return {
        field: [before.get(field), after.get(field)]
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    }


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    """Record one write. `actor` is the user who made it, or None for the system itself."""
    request = current_request()
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_label=(actor.get_username() if is_person else "system")[:254],
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        changes=_jsonable(changes or {}),
        organisation_id=organisation_id,
        request_id=request.request_id if request else "",
        request_method=request.method if request else "",
        request_path=request.path if request else "",
        ip_address=request.ip_address if request else None,
        user_agent=request.user_agent if request else "",
    )
