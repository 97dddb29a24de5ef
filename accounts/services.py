"""Writes about people: profile, interface language and personal API tokens. Each is audited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, User
from accounts.selectors import api_tokens_of
from core.audit import audit_record, changes_between, snapshot
from core.timezones import validate_time_zone

PROFILE_FIELDS = ["full_name", "preferred_language", "time_zone"]


def interface_language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def _check_language(language: str) -> None:
    if language and language not in interface_language_codes():
        message = _("“%(language)s” is not an interface language of ParkLink.")
        raise ValidationError({"preferred_language": ValidationError(message, params={"language": language})})


def _check_full_name(full_name: str) -> None:
    max_length = User._meta.get_field("full_name").max_length or 0
    if len(full_name) > max_length:
        message = _("A name may have at most %(max_length)d characters.")
        raise ValidationError({"full_name": ValidationError(message, params={"max_length": max_length})})


def _save_profile_changes(*, user: User, action: str, **values: str) -> User:
    before = snapshot(user, PROFILE_FIELDS)
    for field, value in values.items():
        setattr(user, field, value)
    changes = changes_between(before, snapshot(user, PROFILE_FIELDS))
    if changes:
        user.save(update_fields=sorted(changes))
        audit_record(actor=user, action=action, target=user, changes=changes)
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Make `language` the interface language `user` sees wherever they sign in."""
    _check_language(language)
    return _save_profile_changes(user=user, action="user_language_set", preferred_language=language)


def _check_time_zone(time_zone: str) -> None:
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise ValidationError({"time_zone": error}) from error


@transaction.atomic
def user_time_zone_set(*, user: User, time_zone: str) -> User:
    """Show `user` times in `time_zone` (an IANA name; empty for UTC) wherever they sign in."""
    time_zone = time_zone.strip()
    _check_time_zone(time_zone)
    return _save_profile_changes(user=user, action="user_time_zone_set", time_zone=time_zone)


@transaction.atomic
def user_profile_update(
    *, user: User, full_name: str, preferred_language: str, time_zone: str | None = None
) -> User:
    """Name and interface language, and the time zone when given (None keeps it)."""
    full_name = full_name.strip()
    _check_full_name(full_name)
    _check_language(preferred_language)
    values = {"full_name": full_name, "preferred_language": preferred_language}
    if time_zone is not None:
        values["time_zone"] = time_zone.strip()
        _check_time_zone(values["time_zone"])
    return _save_profile_changes(user=user, action="user_profile_update", **values)


@transaction.atomic
def api_token_create(*, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the plaintext key is returned here once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you recognise it later.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose whether the token may only read or also write.")})
    raw_key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        key_prefix=raw_key[: ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.digest(raw_key),
    )
    audit_record(
        actor=user,
        action="api_token_create",
        target=token,
        changes={"name": [None, name], "scope": [None, scope]},
    )
    return token, raw_key


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of `user`'s own tokens; anyone else's token is not found (404)."""
    token = get_object_or_404(api_tokens_of(user).select_for_update(), pk=token_id)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user, action="api_token_revoke", target=token, changes={"revoked_at": [None, token.revoked_at]}
    )
    return token
