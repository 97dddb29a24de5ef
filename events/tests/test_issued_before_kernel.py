"""An attendance certificate issued before the signed-document kernel (random-hex number, see
signing/tests/fixtures) is still genuine, and new ones continue with sequential numbers."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import services
from events.models import AttendanceCertificate
from signing.tests.issued import FIXTURE_KEY, issued_pdf, issued_record, tampered_pdf

NAME = "attendance_certificate"


@pytest.fixture
def issued(settings, owner, colleague, forum):
    settings.CERTIFICATE_SIGNING_KEY = FIXTURE_KEY
    registration = services.registration_create(actor=colleague, event=forum)
    record = issued_record(NAME)
    return AttendanceCertificate.objects.create(
        registration=registration,
        number=record["number"],
        payload=record["payload"],
        signature=record["signature"],
        issued_at=datetime.datetime.fromisoformat(record["issued_at"]),
    )


def test_attendance_certificate_issued_before_the_kernel_is_genuine(issued, anonymous):
    by_number = anonymous.get(reverse("events:certificate_verify", kwargs={"number": issued.number}))
    uploaded = anonymous.post(
        reverse("networks:verify"), {"file": SimpleUploadedFile("c.pdf", issued_pdf(NAME), "application/pdf")}
    )

    assert 'data-verdict="genuine"' in by_number.content.decode()
    assert 'data-verdict="genuine"' in uploaded.content.decode()


def test_tampered_copy_of_an_attendance_certificate_issued_before_the_kernel_is_forged(issued, anonymous):
    forged = tampered_pdf(NAME, event="Another Forum")

    page = anonymous.post(
        reverse("events:certificate_verify_upload"),
        {"file": SimpleUploadedFile("c.pdf", forged, "application/pdf")},
    )

    assert 'data-verdict="forged"' in page.content.decode()


def test_new_attendance_certificates_are_numbered_in_sequence_and_rechecked_by_number(
    issued, owner, colleague, forum, anonymous, settings
):
    registration = issued.registration
    AttendanceCertificate.objects.all().delete()
    services.registration_check_in(actor=owner, registration=registration)

    certificate = services.certificate_issue(actor=colleague, registration=registration)

    assert certificate.number == f"EV-{certificate.issued_at.year}-000001"
    assert certificate.payload["payload_version"] == 1
    page = anonymous.get(reverse("events:certificate_verify", kwargs={"number": certificate.number}))
    assert 'data-verdict="genuine"' in page.content.decode()
    AttendanceCertificate.objects.filter(pk=certificate.pk).update(
        payload={**certificate.payload, "event": "Another Forum"}
    )
    page = anonymous.get(reverse("events:certificate_verify", kwargs={"number": certificate.number}))
    assert 'data-verdict="forged"' in page.content.decode()
    AttendanceCertificate.objects.filter(pk=certificate.pk).update(payload=certificate.payload)
    AttendanceCertificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at)
    page = anonymous.get(reverse("events:certificate_verify", kwargs={"number": certificate.number}))
    assert 'data-verdict="revoked"' in page.content.decode()
