"""The admin site shows profiles and expressions of interest but cannot move them: they change only
through the moderation and EOI services (history, references, audit trail)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from marketplace.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_superuser_sees_a_profile_but_cannot_publish_it_in_the_admin(superuser, make_profile):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    client = logged_in_client(superuser)
    change_url = reverse("admin:marketplace_profile_change", args=[profile.pk])
    assert client.get(change_url).status_code == 200

    response = client.post(change_url, {"status": Profile.Status.PUBLISHED, "title": "Retitled."})

    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.status == Profile.Status.SUBMITTED
    assert profile.title != "Retitled."
    assert not profile.history.filter(to_status=Profile.Status.PUBLISHED).exists()
