"""The permission base every app builds on.

Who may moderate which organisations is decided by the directory (roles live there), but shared
resources such as the audit trail need the answer without depending on the directory. The directory
registers its resolver at start-up (`directory.apps`), and shared code asks through here.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

from core.request_memo import memoised_per_request

ModerationResolver = Callable[[Any], set[int]]

_moderation_resolver: ModerationResolver | None = None


def register_moderation_resolver(resolver: ModerationResolver) -> None:
    global _moderation_resolver
    _moderation_resolver = resolver


def is_signed_in(user: Any) -> bool:
    """Someone signed in with an active account: not an anonymous visitor, nor a task without an actor."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_operator(user: Any) -> bool:
    """ParkLink's own operators (staff accounts, always behind two-factor login) see everything."""
    return is_signed_in(user) and bool(user.is_staff or user.is_superuser)


@memoised_per_request
def moderated_organisation_ids(user: Any) -> set[int]:
    """Ids of the organisations `user` moderates as network secretariat (empty for everyone else)."""
    if not user.is_authenticated or _moderation_resolver is None:
        return set()
    return _moderation_resolver(user)


def deny_unless(allowed: bool, message: str | Promise) -> None:
    """Raise PermissionDenied with a translated, user-facing reason unless `allowed`."""
    if not allowed:
        raise PermissionDenied(str(message))
