"""The admin site cannot move a registration or touch an attendance certificate: registrations change
only through the workflow table's services, and certificates are signed once."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_superuser_sees_a_registration_but_cannot_post_a_status_change(superuser, forum, colleague):
    registration = services.registration_create(actor=colleague, event=forum)
    client = logged_in_client(superuser)
    change_url = reverse("admin:events_registration_change", args=[registration.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()

    response = client.post(
        change_url,
        {
            "event": forum.pk,
            "user": colleague.pk,
            "status": Registration.Status.REJECTED,
            "answers": "{}",
            "rejection_reason": "Skipping the workflow",
        },
    )

    assert response.status_code == 403
    registration.refresh_from_db()
    assert (registration.status, registration.rejection_reason) == (Registration.Status.COMPLETE, "")


def test_a_superuser_cannot_add_a_registration_nor_edit_an_attendance_certificate(
    superuser, forum, owner, colleague
):
    registration = services.registration_create(actor=colleague, event=forum)
    services.registration_check_in(actor=owner, registration=registration)
    certificate = services.certificate_issue(actor=colleague, registration=registration)
    client = logged_in_client(superuser)

    assert client.get(reverse("admin:events_registration_add")).status_code == 403
    assert client.get(reverse("admin:events_attendancecertificate_add")).status_code == 403
    response = client.post(
        reverse("admin:events_attendancecertificate_change", args=[certificate.pk]),
        {"number": "EV-FORGED", "payload": "{}", "signature": "x"},
    )

    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.number != "EV-FORGED"
