"""Personas for the accounts tests beyond the root ones: `member`, a person with no organisation."""

import pytest

from accounts.models import ApiToken
from accounts.services import api_token_create


@pytest.fixture
def member(make_user):
    return make_user("member@tabriz-park.example", full_name="Mina Rahimi")


@pytest.fixture
def outsider_token(outsider) -> ApiToken:
    token, _key = api_token_create(user=outsider, name="Outsider CRM", scope=ApiToken.Scope.READ_WRITE)
    return token
