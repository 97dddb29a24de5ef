"""Badges (with the QR code the check-in page scans) and attendance certificates, as PDF. Attendance
certificates are signed documents (`signing`): this module holds their kind, their content and their
check page; the kernel numbers, signs, embeds and checks them like every other signed document.
"""

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from core.calendars import format_local_date
from events.models import ATTENDANCE_NUMBER_PREFIX, AttendanceCertificate, Registration
from events.selectors import get_certificate_by_number
from signing import checks, issuing, pdf, signatures
from signing.checks import DocumentCheck, Verdict
from signing.registry import SignedDocumentKind, register_signed_document_kind

# The names the events views import.
AttendanceCheck = DocumentCheck
qr_data_uri = pdf.qr_data_uri
__all__ = [
    "AttendanceCheck",
    "Verdict",
    "attendance_check_number",
    "attendance_check_pdf",
    "badge_pdf",
    "certificate_pdf",
    "qr_data_uri",
    "register_attendance_certificates",
]


def certificate_number(year: int, sequence: int) -> str:
    """Numbers before the kernel were random (EV-2026-90BD9BE0); sequential ones have six digits, so the
    two never meet."""
    return f"{ATTENDANCE_NUMBER_PREFIX}{year}-{sequence:06d}"


def certificate_number_scope(year: int) -> str:
    return f"events.attendance_certificate:{year}"


def badge_pdf(registration: Registration) -> bytes:
    """An A6 badge: name, organisation, event, and a QR code holding the badge code."""
    html = render_to_string(
        "events/pdf/badge.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr_code": pdf.qr_data_uri(registration.badge_code),
        },
    )
    return pdf.write_pdf(html)


def certificate_verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("events:certificate_verify", kwargs={"number": number})


def certificate_pdf(certificate: AttendanceCertificate) -> bytes:
    """The certificate as issued (`signing.issuing`): made once, with its verification code, then kept."""
    return issuing.issued_pdf(
        kind=ATTENDANCE_CERTIFICATE.name,
        document=certificate,
        render=lambda code: _render_certificate(certificate, code),
    )


def _render_certificate(certificate: AttendanceCertificate, code: str) -> bytes:
    payload = certificate.payload
    url = certificate_verification_url(certificate.number)
    html = render_to_string(
        "events/pdf/certificate.html",
        {
            "certificate": certificate,
            "payload": payload,
            # The venue's days (the payload keeps them), as the reader's calendar writes them.
            "starts_on": format_local_date(datetime.date.fromisoformat(payload["starts_on"])),
            "ends_on": format_local_date(datetime.date.fromisoformat(payload["ends_on"])),
            "qr_code": pdf.qr_data_uri(issuing.link_with_code(url, code)),
            "verification_url": url,
            "verification_code": pdf.left_to_right(code),
            "public_key": signatures.public_key_base64(),
        },
    )
    return pdf.signed_pdf(html, payload=payload, signature=certificate.signature)


def _render_check(request: HttpRequest, check: DocumentCheck) -> HttpResponse:
    from events.forms import CertificateUploadForm

    status = 404 if check.verdict == Verdict.UNKNOWN else 200
    context = {"check": check, "form": CertificateUploadForm()}
    return render(request, "events/certificate_verify.html", context, status=status)


ATTENDANCE_CERTIFICATE = SignedDocumentKind(
    name="events.attendance_certificate",
    number_prefix=ATTENDANCE_NUMBER_PREFIX,
    lookup=get_certificate_by_number,
    verify_url_name="events:certificate_verify",
    render_check=_render_check,
    issuer=lambda certificate: ", ".join(certificate.payload.get("organisers", [])),
)


def attendance_check_number(number: str, *, code: str = "") -> DocumentCheck:
    """The verdict and the organisers; the attendee only with the verification code printed on it."""
    return checks.check_number(number, code=code, only=ATTENDANCE_CERTIFICATE)


def attendance_check_pdf(data: bytes) -> DocumentCheck:
    """The file's signature, then that it matches our record, then the record's status."""
    return checks.check_pdf(data, only=ATTENDANCE_CERTIFICATE)


def register_attendance_certificates() -> None:
    """Attendance certificates are checked from the one verification page too."""
    register_signed_document_kind(ATTENDANCE_CERTIFICATE)
