"""A membership certificate issued before the signed-document kernel (signing/tests/fixtures) is still
genuine on the page, the API and the command; its expiry still counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import logged_in_client
from networks.certificates import Verdict, certificate_check_pdf, certificate_pdf
from networks.models import Certificate
from signing.tests.issued import FIXTURE_KEY, issued_pdf, issued_record, tampered_pdf

NAME = "membership_certificate"


@pytest.fixture
def issued(settings, active_membership, monkeypatch):
    """The fixture certificate back in the database, as it was stored, on a day it was valid."""
    settings.CERTIFICATE_SIGNING_KEY = FIXTURE_KEY
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 12, 7))
    record = issued_record(NAME)
    active_membership.certificates.all().delete()
    return Certificate.objects.create(
        membership=active_membership,
        number=record["number"],
        languages=record["languages"],
        issued_at=datetime.datetime.fromisoformat(record["issued_at"]),
        valid_from=datetime.date.fromisoformat(record["valid_from"]),
        valid_until=datetime.date.fromisoformat(record["valid_until"]),
        payload=record["payload"],
        signature=record["signature"],
    )


def test_certificate_issued_before_the_kernel_is_genuine(issued, anonymous):
    by_number = anonymous.get(f"/networks/certificates/{issued.number}/").content.decode()
    uploaded = anonymous.post(
        "/networks/verify/", {"file": SimpleUploadedFile("c.pdf", issued_pdf(NAME), "application/pdf")}
    ).content.decode()

    assert 'data-verdict="genuine"' in by_number
    assert 'data-verdict="genuine"' in uploaded
    assert anonymous.get(f"/api/v1/certificates/{issued.number}").json()["status"] == "genuine"


def test_certificate_issued_before_files_were_kept_says_its_content_could_not_be_compared(issued, anonymous):
    uploaded = anonymous.post(
        "/networks/verify/", {"file": SimpleUploadedFile("c.pdf", issued_pdf(NAME), "application/pdf")}
    ).content.decode()

    assert 'data-verdict="genuine"' in uploaded
    assert "this file&#x27;s content could not be compared" in uploaded
    assert issued.payload["member"] in uploaded  # whoever holds the file sees what it states
    by_number = anonymous.get(f"/networks/certificates/{issued.number}/").content.decode()
    assert issued.payload["member"] not in by_number


def test_certificate_issued_before_the_kernel_expires_on_its_date(issued):
    after = issued.valid_until + datetime.timedelta(days=1)

    assert certificate_check_pdf(issued_pdf(NAME), today=after).verdict == Verdict.EXPIRED


def test_tampered_copy_of_a_certificate_issued_before_the_kernel_is_forged(issued, anonymous):
    forged = tampered_pdf(NAME, member="Somebody Else")

    page = anonymous.post(
        "/networks/verify/", {"file": SimpleUploadedFile("c.pdf", forged, "application/pdf")}
    ).content.decode()

    assert 'data-verdict="forged"' in page


def test_outsider_verifies_a_certificate_but_cannot_download_it(issued, outsider):
    client = logged_in_client(outsider)

    page = client.get(f"/networks/certificates/{issued.number}/").content.decode()
    download = client.get(f"/networks/certificates/{issued.number}/certificate.pdf")

    assert 'data-verdict="genuine"' in page
    assert "ParkLink issued this document, its signature is intact and it is in force." in page
    assert download.status_code in (403, 404)


def test_new_certificates_name_their_payload_version(active_membership):
    certificate = active_membership.certificates.get()

    assert certificate.payload["payload_version"] == 1
    assert certificate_check_pdf(certificate_pdf(certificate)).verdict == Verdict.GENUINE
