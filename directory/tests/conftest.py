import pytest
from django.test import Client

from accounts.services import api_token_create


@pytest.fixture
def api_client():
    """`api_client(user)`: a client sending a fresh personal API token of `scope` on every request."""

    def make(user, *, scope: str = "read_write") -> Client:
        _token, plaintext = api_token_create(user=user, name="directory tests", scope=scope)
        return Client(headers={"Authorization": f"Bearer {plaintext}"})

    return make
