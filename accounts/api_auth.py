"""The API's token authentication moved to `core.api_auth`, below every app's API; these names stay
importable from here for code written before the move."""

from core.api_auth import SAFE_METHODS, ApiTokenAuth, TokenScopeError, api_user

__all__ = ["SAFE_METHODS", "ApiTokenAuth", "TokenScopeError", "api_user"]
