from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.audit import bound_request, request_context_from


class AuditRequestMiddleware:
    """Makes the current request known to `core.audit.audit_record` for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = request_context_from(request)
        with bound_request(context):
            response = self.get_response(request)
        response["X-Request-ID"] = context.request_id
        return response
