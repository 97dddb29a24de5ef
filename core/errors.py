"""What a person sees when a request fails: one home for the error pages and their JSON twins.

- 400, 403 and 404 render `templates/<status>.html` in the site's layout (the request still works).
- A body over `DATA_UPLOAD_MAX_MEMORY_SIZE` (Django's `RequestDataTooBig`, a 400 by default) is a 413
  that says how large a request may be.
- 500 and 503 render a standalone page that needs neither the database nor a context processor, since
  the failure may be the database itself.
- An unreachable database (`OperationalError`, `InterfaceError`) is a 503 with `Retry-After`, whether it
  fails in a view (`DatabaseUnavailableMiddleware`) or in a middleware before it (`server_error`).
- Under /api/ every one of them is JSON `{"message", "code"}`, the API's error contract (parklink/api.py
  answers the errors raised inside its views; these handlers answer the rest, such as an unknown path).

parklink/urls.py names these views as Django's handler400/403/404/500.
"""

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_json(*, message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"message": message, "code": code}, status=status)


def too_large_message() -> str:
    return _("The request is too large: ParkLink accepts at most %(size)s. Send less at once.") % {
        "size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    }


def _page(request: HttpRequest, template_name: str, status: int, context: dict[str, object]) -> HttpResponse:
    # Rendered with the request: the layout shows the person's menu and language.
    template = loader.get_template(template_name)
    return HttpResponse(template.render(context, request), status=status)


def _standalone_page(template_name: str, status: int) -> HttpResponse:
    # Rendered without the request, so no context processor (the user, unread notifications, the
    # messages in the session) can reach for the database.
    return HttpResponse(loader.get_template(template_name).render({}), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        if wants_json(request):
            return error_json(message=too_large_message(), code="too_large", status=413)
        return _page(request, "400.html", 413, {"too_large": too_large_message()})
    if wants_json(request):
        return error_json(message=_("The request is not valid."), code="bad_request", status=400)
    return _page(request, "400.html", 400, {})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The reason a view or a service gave (core.permissions.deny_unless), already translated.
    reason = str(exception) if exception is not None and str(exception) else ""
    if wants_json(request):
        return error_json(
            message=reason or _("You are not allowed to do this."), code="forbidden", status=403
        )
    return _page(request, "403.html", 403, {"reason": reason})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if wants_json(request):
        return error_json(message=_("Not found."), code="not_found", status=404)
    return _page(request, "404.html", 404, {})


def database_unavailable(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if wants_json(request):
        response = error_json(
            message=_("ParkLink cannot reach its database right now. Try again in a minute."),
            code="unavailable",
            status=503,
        )
    else:
        response = _standalone_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called inside the `except` that caught the error: a database that cannot be
    reached (also when a middleware met it first, loading the session or the user) is a 503."""
    _kind, error, _traceback = sys.exc_info()
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable(request)
    if wants_json(request):
        return error_json(
            message=_("Something went wrong on our side; it has been logged."),
            code="server_error",
            status=500,
        )
    return _standalone_page("500.html", 500)


class DatabaseUnavailableMiddleware:
    """Answers 503 instead of 500 when a view cannot reach the database (the error is logged)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unreachable on %s %s", request.method, request.path, exc_info=exception)
        return database_unavailable(request)
