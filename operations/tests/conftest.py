import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from conftest import logged_in_client


@pytest.fixture
def operator_client(operator):
    """ParkLink's operator (staff), signed in with the two-factor login staff accounts must have."""
    TOTP.activate(operator, generate_totp_secret())
    return logged_in_client(operator)


@pytest.fixture
def outsider_client(outsider):
    """A signed-in member of another organisation: not staff."""
    return logged_in_client(outsider)
