"""The admin site cannot move a membership, an invoice, a history row or a certificate: those change
only through the workflow's services."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from networks.models import NetworkMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_superuser_sees_a_membership_but_cannot_post_a_status_change(superuser, active_membership):
    client = logged_in_client(superuser)
    change_url = reverse("admin:networks_networkmembership_change", args=[active_membership.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()

    response = client.post(
        change_url,
        {
            "network": active_membership.network_id,
            "member": active_membership.member_id,
            "status": NetworkMembership.Status.CANCELLED,
            "category": active_membership.category_id,
        },
    )

    assert response.status_code == 403
    active_membership.refresh_from_db()
    assert active_membership.status == NetworkMembership.Status.ACTIVE
    assert active_membership.history.filter(to_status=NetworkMembership.Status.CANCELLED).count() == 0


@pytest.mark.parametrize("model", ["networkmembership", "membershipstatuschange", "invoice", "certificate"])
def test_the_admin_offers_no_add_page_for_workflow_records(superuser, active_membership, model):
    client = logged_in_client(superuser)
    assert client.get(reverse(f"admin:networks_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:networks_{model}_add")).status_code == 403


def test_a_superuser_cannot_edit_an_invoice_or_a_certificate(superuser, active_membership):
    client = logged_in_client(superuser)
    invoice = active_membership.invoices.get()
    certificate = active_membership.certificates.get()

    invoice_response = client.post(
        reverse("admin:networks_invoice_change", args=[invoice.pk]), {"amount": "0.00", "paid_at": ""}
    )
    certificate_response = client.post(
        reverse("admin:networks_certificate_change", args=[certificate.pk]), {"valid_until": "2099-12-31"}
    )

    assert (invoice_response.status_code, certificate_response.status_code) == (403, 403)
    paid_at, amount = invoice.paid_at, invoice.amount
    invoice.refresh_from_db()
    certificate_valid_until = certificate.valid_until
    certificate.refresh_from_db()
    assert (invoice.paid_at, invoice.amount) == (paid_at, amount)
    assert certificate.valid_until == certificate_valid_until
