"""What an operator sees of a running ParkLink: request ids in every log line, slow requests, Sentry.

- `RequestIdMiddleware` gives each request an id: the caller's X-Request-ID when it is a sane token
  (a load balancer or proxy usually sets one), a fresh one otherwise. The response echoes it, the audit
  trail records it, and `RequestIdLogFilter` writes it on every log record made while the request runs.
- `SlowRequestMiddleware` logs a request that took longer than settings.SLOW_REQUEST_MS, with its
  method, path, status, duration, the CPU time its thread spent, and the number and time of its database
  queries (logger `parklink.slow_requests`). With settings.SERVER_TIMING on, every response carries the
  same figures in a `Server-Timing` header (browsers' developer tools show it; `make bench-web` adds them
  up per endpoint, a measure of the code that a busy machine's queueing does not blur).
- `sentry_start` turns on sentry-sdk; settings call it only when SENTRY_DSN is set.
"""

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:  # only the type: the SDK itself is imported when SENTRY_DSN is set
    from sentry_sdk._types import DataCollectionUserOptions

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and a few separators, as load balancers generate them (UUIDs, AWS trace ids); anything
# else (spaces, quotes, control characters, over 64 characters) would end up verbatim in logs.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,64}")
NO_REQUEST = "-"

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("parklink_request_id", default=NO_REQUEST)
slow_request_logger = logging.getLogger("parklink.slow_requests")


def request_id_current() -> str:
    """The id of the request being served, or "-" outside a request (tasks, commands)."""
    return _request_id.get()


def request_id_for(offered: str) -> str:
    """The caller's id if it is sane, else a fresh one."""
    return offered if _SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request.META.get("HTTP_X_REQUEST_ID", ""))
        # Later readers (core.audit) see the id this middleware chose, not an insane one.
        request.META["HTTP_X_REQUEST_ID"] = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Puts `request_id` on every record the handler writes (settings.LOGGING attaches it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_current()
        return True


class _QueryCounter:
    """Counts a request's database queries and the time spent waiting for them."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def server_timing(*, total_ms: float, cpu_ms: float, db_ms: float, queries: int) -> str:
    """The `Server-Timing` header's value (W3C Server Timing): the request's time, its thread's CPU time
    and the time spent in its database queries, with their number."""
    return (
        f'total;dur={total_ms:.1f}, cpu;dur={cpu_ms:.1f};desc="CPU", '
        f'db;dur={db_ms:.1f};desc="{queries} queries"'
    )


class SlowRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _QueryCounter()
        started, cpu_started = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        # The thread's own CPU time: under a threaded server, time spent waiting for the other threads
        # (or for the database) is not in it.
        cpu_ms = (time.thread_time() - cpu_started) * 1000
        total_ms = (time.perf_counter() - started) * 1000
        db_ms = counter.seconds * 1000
        if settings.SERVER_TIMING:
            response["Server-Timing"] = server_timing(
                total_ms=total_ms, cpu_ms=cpu_ms, db_ms=db_ms, queries=counter.count
            )
        duration_ms = round(total_ms)
        if duration_ms >= settings.SLOW_REQUEST_MS:
            slow_request_logger.warning(
                "Slow request: %s %s answered %s in %s ms (%s ms of CPU) with %s database queries "
                "taking %s ms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                round(cpu_ms),
                counter.count,
                round(db_ms),
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "cpu_ms": round(cpu_ms),
                    "queries": counter.count,
                    "db_ms": round(db_ms),
                },
            )
        return response


# sentry-sdk 3 replaced `send_default_pii=False` with per-category switches: no user (id, e-mail,
# address), no cookies, no request bodies (forms carry names and e-mail addresses), no SQL parameters and
# no local variables of the failing frames. Headers and query strings keep the SDK's denylist, which
# filters anything named like a token, key, password or session.
SENTRY_DATA_COLLECTION: "DataCollectionUserOptions" = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_bodies": [],
    "database_query_data": False,
    "stack_frame_variables": False,
}


def sentry_start(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    """Send errors to Sentry, without personal data (SENTRY_DATA_COLLECTION)."""
    import sentry_sdk  # only when SENTRY_DSN is set: otherwise the SDK is never loaded

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        data_collection=SENTRY_DATA_COLLECTION,
        traces_sample_rate=traces_sample_rate,
    )
