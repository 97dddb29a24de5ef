"""An exchange document issued before the signed-document kernel (its data embedded under the old
file name `parklink-exchange-document.json`, see signing/tests/fixtures) is still genuine."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchanges.models import Document
from signing.tests.issued import FIXTURE_KEY, issued_pdf, issued_record, tampered_pdf

pytestmark = pytest.mark.django_db
NAME = "exchange_invitation_letter"


@pytest.fixture
def issued(settings, advanced):
    settings.CERTIFICATE_SIGNING_KEY = FIXTURE_KEY
    application = advanced("offer_accepted")
    record = issued_record(NAME)
    return Document.objects.create(
        application=application,
        kind=record["kind"],
        number=record["number"],
        languages=record["languages"],
        issued_at=datetime.datetime.fromisoformat(record["issued_at"]),
        payload=record["payload"],
        signature=record["signature"],
    )


def test_exchange_letter_issued_before_the_kernel_is_genuine(issued, anonymous):
    by_number = anonymous.get(reverse("exchanges:document_verify", kwargs={"number": issued.number}))
    uploaded = anonymous.post(
        reverse("exchanges:document_verify_upload"),
        {"document": SimpleUploadedFile("c.pdf", issued_pdf(NAME), "application/pdf")},
    )
    on_the_one_page = anonymous.post(
        reverse("networks:verify"), {"file": SimpleUploadedFile("c.pdf", issued_pdf(NAME), "application/pdf")}
    )

    assert 'data-verdict="genuine"' in by_number.content.decode()
    assert 'data-verdict="genuine"' in uploaded.content.decode()
    assert 'data-verdict="genuine"' in on_the_one_page.content.decode()
    assert anonymous.get(f"/api/v1/exchange-documents/{issued.number}").json()["verdict"] == "genuine"
    # issued before ParkLink kept files: the signature is checked, the content could not be compared
    assert "this file&#x27;s content could not be compared" in uploaded.content.decode()
    assert issued.payload["fellow"] in uploaded.content.decode()
    assert issued.payload["fellow"] not in by_number.content.decode()


def test_tampered_copy_of_an_exchange_letter_issued_before_the_kernel_is_forged(issued, anonymous):
    forged = tampered_pdf(NAME, host_organisation="Another Host")

    page = anonymous.post(
        reverse("exchanges:document_verify_upload"),
        {"document": SimpleUploadedFile("c.pdf", forged, "application/pdf")},
    )

    assert 'data-verdict="forged"' in page.content.decode()
