"""Reads about people and their credentials, always scoped to the person who asks."""

import datetime

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import ApiToken, User

# Recording every use would write on every API call; once a minute is precise enough to spot stale tokens.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The tokens `user` may see and revoke: their own, not yet revoked."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def api_token_authenticate(raw_key: str) -> ApiToken | None:
    """The active token whose key is `raw_key`, with its active user; None for anything else.

    Notes the time of use on the token (see LAST_USED_PRECISION), so owners can spot unused tokens.
    """
    if not raw_key.startswith(ApiToken.KEY_START):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.digest(raw_key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        _note_token_use(token)
    return token


def _note_token_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])


def user_has_two_factor(user: User) -> bool:
    """Whether `user` signs in with an authenticator app (TOTP) as a second factor."""
    return bool(user.is_authenticated and is_mfa_enabled(user, [Authenticator.Type.TOTP]))
