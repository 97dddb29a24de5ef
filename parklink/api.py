"""The REST API at /api/v1/: one NinjaAPI, with the routers of each domain app mounted on it.

Every error leaves as JSON `{"message": ..., "code": ...}`; nothing reaches the client as a 500 page.
"""

import functools
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.api import router as accounts_router
from analytics.api import router as analytics_router  # the parks' ranking (issue 16 item 10)
from core.api import router as core_router
from core.api_auth import ApiTokenAuth, TokenScopeError
from core.api_contract import document_error_responses
from core.errors import DATABASE_ERRORS, database_unavailable, too_large_message
from core.ratelimit import RateLimitExceeded
from dashboard.api import router as dashboard_router  # the home page's sections (issue 16 item 1)
from directory.api import router as directory_router
from events.api import router as events_router
from exchanges.api import router as exchanges_router
from hubs.api import router as hubs_router
from marketplace.api import router as marketplace_router
from marketplace.eoi_api import router as eoi_router
from marketplace.matching_api import router as matching_router
from networks.api import router as networks_router
from operations.api import router as operations_router  # the scheduled jobs, for operators

logger = logging.getLogger(__name__)

# Every list endpoint pages with `limit` and `offset`; beyond these the database cannot count (a
# 64-bit overflow was a 500) and a page would be too heavy to build.
MAX_LIMIT = 200
MAX_OFFSET = 2**31 - 1

api = NinjaAPI(
    title="ParkLink API",
    version="1",
    description="Cooperation across networks of science and technology parks. "
    "Authenticate with a personal API token: `Authorization: Bearer <token>`.",
    auth=ApiTokenAuth(),
    urls_namespace="api-1.0.0",
)


def error_response(
    request: HttpRequest, *, message: str, code: str, status: int, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"message": message, "code": code, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, message=_("A valid API token is required."), code="not_authenticated", status=401
    )


@api.exception_handler(TokenScopeError)
def on_token_scope_error(request: HttpRequest, exc: TokenScopeError) -> HttpResponse:
    return error_response(
        request,
        message=_("This token may only read; use a read-write token."),
        code="token_scope",
        status=403,
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("You are not allowed to do this.")
    return error_response(request, message=message, code="forbidden", status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, message=_("Not found."), code="not_found", status=404)


@api.exception_handler(ValidationError)
def on_domain_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        request,
        message=" ".join(exc.messages),
        code="invalid",
        status=422,
        errors=exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages},
    )


@api.exception_handler(NinjaValidationError)
def on_input_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return error_response(
        request, message=_("The request is not valid."), code="invalid", status=422, errors=exc.errors
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, message=str(exc), code="error", status=exc.status_code)


# Rate limits (core.ratelimit): 429 with Retry-After when a caller runs search or matching too often.
@api.exception_handler(RateLimitExceeded)
def on_rate_limit_exceeded(request: HttpRequest, exc: RateLimitExceeded) -> HttpResponse:
    response = error_response(
        request, message=exc.message, code="rate_limited", status=429, retry_after=exc.retry_after
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


# --- Failures that are not the caller's bug (issue 14, items 11 and 17) ---
@api.exception_handler(RequestDataTooBig)
def on_request_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, message=too_large_message(), code="too_large", status=413)


@api.exception_handler(OverflowError)
def on_number_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # SQLite cannot hold an integer beyond 64 bits; the schema let it through.
    return error_response(request, message=_("A number is out of range."), code="out_of_range", status=422)


@api.exception_handler(DataError)
def on_value_does_not_fit(request: HttpRequest, exc: DataError) -> HttpResponse:
    # PostgreSQL refuses a number beyond its column (a room capacity of 2**31) or a text beyond its length.
    return error_response(
        request,
        message=_("A value does not fit: a number is out of range or a text is too long."),
        code="out_of_range",
        status=422,
    )


def on_database_unreachable(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("Database unreachable on %s %s", request.method, request.path, exc_info=exc)
    return database_unavailable(request)


for database_error in DATABASE_ERRORS:
    api.add_exception_handler(database_error, on_database_unreachable)  # type: ignore[arg-type]
# --- end ---


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected API error on %s %s", request.method, request.path)
    return error_response(
        request,
        message=_("Something went wrong on our side; it has been logged."),
        code="server_error",
        status=500,
    )


def _strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in(item)


def _has_nul_character(request: HttpRequest) -> bool:
    """A NUL character in the query or in a text of the body: no database text column can hold one."""
    if any("\x00" in text for key, values in request.GET.lists() for text in (key, *values)):
        return True
    if request.content_type == "application/json" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return False  # the schema validation answers malformed JSON
        return any("\x00" in text for text in _strings_in(body))
    if request.method in ("POST", "PUT", "PATCH") and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return any("\x00" in text for key, values in request.POST.lists() for text in (key, *values))
    return False


def _paging_out_of_range(request: HttpRequest) -> str | None:
    for name, highest in (("limit", MAX_LIMIT), ("offset", MAX_OFFSET)):
        raw = request.GET.get(name, "").strip()
        if not raw.lstrip("-").isdigit():
            continue  # absent or not a number: the schema validation answers it
        if int(raw) > highest:
            if name == "limit":
                return _("A page holds at most %(limit)d items: ask for a smaller limit.") % {
                    "limit": MAX_LIMIT
                }
            return _("The offset is larger than any list; ask for a smaller offset.")
    return None


def input_checked(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuses, before any validation or query, input that would otherwise reach the database as a 500."""

    @functools.wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _has_nul_character(request):
            return error_response(
                request,
                message=_("Text cannot contain the NUL character; remove it and send again."),
                code="nul_character",
                status=400,
            )
        paging_problem = _paging_out_of_range(request)
        if paging_problem:
            return error_response(request, message=paging_problem, code="invalid_paging", status=422)
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(input_checked, mode="view")
api.add_router("", accounts_router)
api.add_router("", core_router)
api.add_router("", directory_router)
api.add_router("", networks_router)
api.add_router("", marketplace_router)
api.add_router("", eoi_router)
api.add_router("", matching_router)
api.add_router("", events_router)
api.add_router("", hubs_router)
api.add_router("", exchanges_router)
api.add_router("", operations_router)
api.add_router("", analytics_router)  # the parks' ranking (issue 16 item 10)
api.add_router("", dashboard_router)
# Every operation documents the error answers it can give (core/api_contract.py): after the routers.
document_error_responses(api)
