"""The exchanges router and what every endpoint module shares."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router

from core.api_auth import ApiTokenAuth

router = Router(tags=["exchanges"])


# Public endpoints still identify a caller who sends a token (a manager sees draft calls).
OPTIONAL_TOKEN = [ApiTokenAuth(), lambda request: True]


def _caller(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)
    return auth if auth is not None and auth is not True else AnonymousUser()
