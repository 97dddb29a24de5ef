from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from accounts.models import User
from accounts.selectors import user_has_two_factor
from accounts.services import user_profile_update
from core.api_auth import api_user

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    preferred_language: str
    time_zone: str = Field(
        description="IANA zone in which pages show times, e.g. Asia/Tehran; empty for UTC."
    )
    is_staff: bool
    two_factor_enabled: bool


class MeUpdateIn(Schema):
    """Only the fields sent are changed."""

    full_name: str | None = Field(default=None, max_length=200)
    preferred_language: str | None = Field(None, max_length=10)
    time_zone: str | None = Field(None, max_length=64, description="An IANA zone name, or empty for UTC.")


def _me(user: User) -> MeOut:
    return MeOut(
        id=user.pk,
        email=user.email,
        full_name=user.full_name,
        preferred_language=user.preferred_language,
        time_zone=user.time_zone,
        is_staff=user.is_staff,
        two_factor_enabled=user_has_two_factor(user),
    )


@router.get("/me", response=MeOut, summary="The person the token belongs to")
def me_read(request: HttpRequest) -> MeOut:
    return _me(api_user(request))


@router.patch("/me", response=MeOut, summary="Change your name, interface language or time zone")
def me_update(request: HttpRequest, payload: MeUpdateIn) -> MeOut:
    user = api_user(request)
    user = user_profile_update(
        user=user,
        full_name=user.full_name if payload.full_name is None else payload.full_name,
        preferred_language=(
            user.preferred_language if payload.preferred_language is None else payload.preferred_language
        ),
        time_zone=payload.time_zone,
    )
    return _me(user)
