"""Personal API tokens as the API's authentication: `Authorization: Bearer plk_…`."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from accounts.models import User
from accounts.selectors import api_token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenScopeError(Exception):
    """A read-only token was used for a request that writes (parklink/api.py answers 403)."""


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        if not api_token.can_write and request.method not in SAFE_METHODS:
            raise TokenScopeError
        # Endpoints read the user from request.auth; the token stays at hand for scope-aware code.
        request.api_token = api_token  # type: ignore[attr-defined]
        request.user = api_token.user
        return api_token.user


def api_user(request: HttpRequest) -> User:
    """The person whose token authenticated this API request (every endpoint requires one)."""
    user: User = request.auth  # type: ignore[attr-defined]
    return user
