"""The REST API at /api/v1/: one NinjaAPI, with the routers of each domain app mounted on it.

Every error leaves as JSON `{"message": ..., "code": ...}`; nothing reaches the client as a 500 page.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.api import router as accounts_router
from core.api import router as core_router
from core.api_auth import ApiTokenAuth, TokenScopeError
from directory.api import router as directory_router
from events.api import router as events_router
from exchanges.api import router as exchanges_router
from hubs.api import router as hubs_router
from marketplace.api import router as marketplace_router
from marketplace.eoi_api import router as eoi_router
from marketplace.matching_api import router as matching_router
from networks.api import router as networks_router

logger = logging.getLogger(__name__)

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


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected API error on %s %s", request.method, request.path)
    return error_response(
        request,
        message=_("Something went wrong on our side; it has been logged."),
        code="server_error",
        status=500,
    )


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
