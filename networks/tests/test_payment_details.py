"""A network's payment details: kept by its secretariat (page and API), printed on every invoice and shown
on the membership page beside the invoices (issue 16 item 12)."""

import io

import pytest
from pypdf import PdfReader

from conftest import logged_in_client
from networks.models import NetworkSettings

IBAN = "DE89 3704 0044 0532 0130 00"
PAYMENT = {
    "certificate_languages": ["en"],
    "grace_days": "60",
    "reminder_days_before_expiry": "30",
    "bank_name": "Tabriz Trade Bank",
    "account_holder": "Silk Road Parks Association",
    "account_number": IBAN.lower(),
    "swift_bic": "deutdeff",
    "payment_instructions": "Quote the invoice number as the payment reference.",
}


def _settings_page(network) -> str:
    return f"/networks/{network.pk}/settings/"


def test_secretariat_sets_payment_details_and_the_invoice_prints_them(secretariat, owner, network, applied):
    # given the secretariat saves its payment details through the settings form
    response = logged_in_client(secretariat).post(_settings_page(network), PAYMENT)
    assert response.status_code == 302, response.content
    saved = NetworkSettings.objects.get(network=network)
    assert saved.account_number == IBAN and saved.swift_bic == "DEUTDEFF"
    # when an invoice is issued
    assert (
        logged_in_client(secretariat)
        .post(f"/networks/memberships/{applied.pk}/approve/", {"category": applied.category_id})
        .status_code
        == 302
    )
    invoice = applied.invoices.get()
    # then the member's admin reads the details on the membership page and in the invoice PDF
    client = logged_in_client(owner)
    page = client.get(f"/networks/memberships/{applied.pk}/").content.decode()
    assert 'id="payment-details"' in page and IBAN in page and "DEUTDEFF" in page
    pdf = client.get(f"/networks/invoices/{invoice.number}.pdf")
    assert pdf.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert IBAN in text
    assert "DEUTDEFF" in text and "Tabriz Trade Bank" in text


def test_a_bad_swift_code_is_refused_beside_the_field_and_nothing_saved(secretariat, network):
    response = logged_in_client(secretariat).post(_settings_page(network), {**PAYMENT, "swift_bic": "DEU!"})

    assert response.status_code == 422
    assert response.context["settings_form"].errors["swift_bic"] == [
        "A SWIFT/BIC code has 8 or 11 letters and digits, e.g. DEUTDEFF."
    ]
    assert 'value="Tabriz Trade Bank"' in response.content.decode()
    assert not NetworkSettings.objects.filter(network=network).exists()


def test_api_secretariat_updates_payment_details(api_client, secretariat, network):
    client = api_client(secretariat)

    response = client.patch(
        f"/api/v1/networks/{network.pk}/settings",
        {"account_holder": "Silk Road Parks Association", "account_number": IBAN},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["account_number"] == IBAN
    assert response.json()["grace_days"] == 60  # left out, so kept
    missing_holder = client.patch(
        f"/api/v1/networks/{network.pk}/settings",
        {"account_holder": ""},
        content_type="application/json",
    )
    assert missing_holder.status_code == 422
    assert list(missing_holder.json()["errors"]) == ["account_holder"]


@pytest.mark.parametrize("persona", ["outsider", "owner"])
def test_only_the_secretariat_edits_payment_details(request, api_client, persona, network):
    person = request.getfixturevalue(persona)

    page = logged_in_client(person).post(_settings_page(network), PAYMENT)
    api = api_client(person).patch(
        f"/api/v1/networks/{network.pk}/settings", {"account_number": IBAN}, content_type="application/json"
    )

    assert page.status_code == 403
    assert api.status_code == 403
    assert not NetworkSettings.objects.filter(network=network).exists()
