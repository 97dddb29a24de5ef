"""No one-click surprises and validation before saving (issue 16, items 5 and 6): recording a payment
needs its reference and the day it was received (not in the future), on the page, in the API and in the
service, and the page says what confirming will do; an application names its category, and once sent
the network page shows its status instead of the form."""

import datetime

import pytest
from django.utils import timezone

from conftest import logged_in_client
from networks.models import Certificate, NetworkMembership
from networks.tests.conftest import today_iso

pytestmark = pytest.mark.django_db

Status = NetworkMembership.Status


@pytest.fixture
def approved(applied, secretariat, full_member):
    response = logged_in_client(secretariat).post(
        f"/networks/memberships/{applied.pk}/approve/", {"category": full_member.pk}
    )
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.status == Status.APPROVED
    return applied


def payment(client, membership, **data):
    return client.post(f"/networks/memberships/{membership.pk}/payment/", data)


def test_the_payment_form_says_what_confirming_does_before_anything_happens(approved, secretariat):
    page = logged_in_client(secretariat).get(f"/networks/memberships/{approved.pk}/").content.decode()
    invoice = approved.invoices.get()

    assert 'id="payment-confirm"' in page
    assert f"Invoice {invoice.number} (1200.00 EUR) will be marked paid" in page
    assert (
        "Tabriz Science Park becomes an active member and a signed membership certificate is issued" in page
    )
    assert 'name="reference"' in page and "required" in page.split('name="reference"')[1].split(">")[0]


def test_an_empty_reference_and_no_date_activate_nothing(approved, secretariat):
    response = payment(logged_in_client(secretariat), approved, reference="", paid_on="")

    assert response.status_code == 422
    form = response.context["payment_form"]
    assert set(form.errors) == {"reference", "paid_on"}
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert not Certificate.objects.filter(membership=approved).exists()
    assert approved.invoices.get().paid_at is None


def test_a_payment_dated_in_the_future_is_refused_beside_the_date(approved, secretariat):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = payment(logged_in_client(secretariat), approved, reference="SWIFT 77", paid_on=tomorrow)

    assert response.status_code == 422
    assert response.context["payment_form"].errors["paid_on"] == [
        "A payment cannot be received in the future."
    ]
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED


def test_a_payment_with_its_reference_and_date_activates_and_issues_the_certificate(approved, secretariat):
    response = payment(logged_in_client(secretariat), approved, reference="SWIFT 77", paid_on=today_iso())

    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Status.ACTIVE
    assert approved.invoices.get().payment_reference == "SWIFT 77"
    assert Certificate.objects.filter(membership=approved).count() == 1


def test_the_api_refuses_a_payment_without_reference_or_date_with_reasons_per_field(
    approved, secretariat, api_client
):
    client = api_client(secretariat)
    url = f"/api/v1/memberships/{approved.pk}/payment"

    missing = client.post(url, {}, content_type="application/json")
    future = client.post(
        url,
        {"reference": "SWIFT 9", "paid_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
        content_type="application/json",
    )

    assert missing.status_code == 422
    assert "reference" in str(missing.json()) and "paid_on" in str(missing.json())
    assert future.status_code == 422
    assert "A payment cannot be received in the future." in str(future.json())
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    ok = client.post(url, {"reference": "SWIFT 9", "paid_on": today_iso()}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["status"] == "active"


def test_an_outsider_cannot_record_a_payment(approved, outsider, owner):
    for person in (outsider, owner):
        response = payment(logged_in_client(person), approved, reference="x", paid_on=today_iso())
        assert response.status_code in {403, 404}
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED


def test_an_application_without_a_category_is_refused_on_the_page_and_in_the_api(
    owner, network, applicant_park, full_member, api_client
):
    page = logged_in_client(owner).post(
        f"/networks/{network.pk}/apply/", {"member": applicant_park.pk, "message": ""}
    )
    api = api_client(owner).post(
        f"/api/v1/networks/{network.pk}/memberships",
        {"member_id": applicant_park.pk, "message": ""},
        content_type="application/json",
    )

    assert page.status_code == 422
    assert "category" in page.context["form"].errors
    assert api.status_code == 422
    assert "Choose the category of membership you apply for." in str(api.json())
    assert not NetworkMembership.objects.filter(network=network, member=applicant_park).exists()


def test_after_applying_the_page_shows_the_status_instead_of_the_form(
    owner, network, applicant_park, full_member
):
    client = logged_in_client(owner)
    before = client.get(f"/networks/{network.pk}/").content.decode()
    assert 'id="apply"' in before

    client.post(f"/networks/{network.pk}/apply/", {"member": applicant_park.pk, "category": full_member.pk})
    after = client.get(f"/networks/{network.pk}/").content.decode()

    assert 'id="apply"' not in after
    assert "Tabriz Science Park: Applied" in after
