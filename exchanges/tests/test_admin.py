"""The admin site shows applications, reviews and signed documents but cannot move or alter them:
they change only through the transition table's services."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from exchanges.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_superuser_sees_an_application_but_cannot_post_a_status_change(superuser, application):
    client = logged_in_client(superuser)
    change_url = reverse("admin:exchanges_application_change", args=[application.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()

    response = client.post(change_url, {"status": Application.Status.ACCEPTED, "summary": "Rewritten."})

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert application.summary != "Rewritten."
    assert not application.history.filter(to_status=Application.Status.ACCEPTED).exists()


@pytest.mark.parametrize("model", ["application", "reviewassignment", "document"])
def test_the_admin_offers_no_add_page_for_exchange_records(superuser, model):
    client = logged_in_client(superuser)
    assert client.get(reverse(f"admin:exchanges_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:exchanges_{model}_add")).status_code == 403
