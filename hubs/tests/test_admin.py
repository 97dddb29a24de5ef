"""The admin site shows agreements but cannot sign them or change their text: they move only through the
agreement workflow, whose approvals are bound to the text's hash."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from hubs.models import Agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_superuser_sees_an_agreement_but_cannot_sign_it_or_edit_its_text(superuser, agreement):
    client = logged_in_client(superuser)
    change_url = reverse("admin:hubs_agreement_change", args=[agreement.pk])
    assert client.get(change_url).status_code == 200
    text = agreement.text

    response = client.post(
        change_url,
        {
            "hub": agreement.hub_id,
            "kind": "mou",
            "title": agreement.title,
            "text": "Another text.",
            "status": "signed",
        },
    )

    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.text == text
    assert client.get(reverse("admin:hubs_agreement_add")).status_code == 403
