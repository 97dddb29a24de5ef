"""Personal API tokens as the API's authentication: `Authorization: Bearer plk_…`.

Every app's API authenticates through here, core's own included. The tokens themselves (their model,
hashing and scope) belong to accounts, which registers how to look one up at start-up
(`accounts.apps.AccountsConfig.ready`), so this module, like the rest of core, imports no domain app.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from django.http import HttpRequest
from ninja.security import HttpBearer

if TYPE_CHECKING:
    # django-stubs resolves this alias to settings.AUTH_USER_MODEL (accounts.User) for mypy only.
    from django.contrib.auth.models import _User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiToken(Protocol):
    """What authentication needs of a personal token."""

    @property
    def can_write(self) -> bool: ...

    @property
    def user(self) -> Any: ...


TokenLookup = Callable[[str], ApiToken | None]

_token_lookup: TokenLookup | None = None


def register_token_lookup(lookup: TokenLookup) -> None:
    """Set how a raw key becomes its active token (None for anything else): accounts does, once."""
    global _token_lookup
    _token_lookup = lookup


class TokenScopeError(Exception):
    """A read-only token was used for a request that writes (parklink/api.py answers 403)."""


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = _token_lookup(token) if _token_lookup is not None else None
        if api_token is None:
            return None
        if not api_token.can_write and request.method not in SAFE_METHODS:
            raise TokenScopeError
        # Endpoints read the user from request.auth; the token stays at hand for scope-aware code.
        request.api_token = api_token  # type: ignore[attr-defined]
        request.user = api_token.user
        return api_token.user


def api_user(request: HttpRequest) -> "_User":
    """The person whose token authenticated this API request (every endpoint requires one)."""
    user: _User = request.auth  # type: ignore[attr-defined]
    return user


def _anonymous_allowed(request: HttpRequest) -> bool:
    """Lets a request without a (valid) token through, as the anonymous visitor (issue 16 item 2)."""
    return True


# `auth=OPTIONAL_TOKEN` on a read whose page is public: a token shows what its person may see, no token
# (or an unknown one) shows what an anonymous visitor's page shows. Read the viewer with `api_caller`.
OPTIONAL_TOKEN: list[Any] = [ApiTokenAuth(), _anonymous_allowed]


def api_caller(request: HttpRequest) -> Any:
    """The person behind the token, or AnonymousUser on an endpoint that takes `OPTIONAL_TOKEN`."""
    from django.contrib.auth.models import AnonymousUser

    auth = getattr(request, "auth", None)
    return auth if auth is not None and auth is not True else AnonymousUser()
