"""Badges (with the QR code the check-in page scans) and attendance certificates, as PDF through
WeasyPrint. Certificates are signed with the membership certificates' Ed25519 key
(`networks.signing`) and carry their signed payload as the same embedded file, so
`networks.certificates.signed_data_from_pdf` reads them and the same public key checks them.
"""

import base64
import datetime
import json
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import (
    ATTENDANCE_NUMBER_PREFIX,
    ATTENDANCE_PAYLOAD_TYPE,
    AttendanceCertificate,
    Registration,
)
from events.selectors import get_certificate_by_number
from networks import signing
from networks.certificates import EMBEDDED_FILE_NAME, signed_data_from_pdf
from networks.verification import SignedDocumentKind, register_signed_document_kind


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _write_pdf(html: str, **options: Any) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**options)
    return pdf


def badge_pdf(registration: Registration) -> bytes:
    """An A6 badge: name, organisation, event, and a QR code holding the badge code."""
    html = render_to_string(
        "events/pdf/badge.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr_code": qr_data_uri(registration.badge_code),
        },
    )
    return _write_pdf(html)


def certificate_verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("events:certificate_verify", kwargs={"number": number})


def certificate_pdf(certificate: AttendanceCertificate) -> bytes:
    payload = certificate.payload
    url = certificate_verification_url(certificate.number)
    html = render_to_string(
        "events/pdf/certificate.html",
        {
            "certificate": certificate,
            "payload": payload,
            "starts_on": date_format(datetime.date.fromisoformat(payload["starts_on"])),
            "ends_on": date_format(datetime.date.fromisoformat(payload["ends_on"])),
            "qr_code": qr_data_uri(url),
            "verification_url": url,
            "public_key": signing.public_key_base64(),
        },
    )
    from weasyprint import Attachment

    embedded = json.dumps(
        {"payload": payload, "signature": certificate.signature, "public_key": signing.public_key_base64()},
        ensure_ascii=False,
        indent=2,
    )
    return _write_pdf(
        html,
        attachments=[
            Attachment(
                string=embedded,
                name=EMBEDDED_FILE_NAME,
                description="ParkLink certificate: Ed25519 signature over the canonical JSON payload",
            )
        ],
    )


class Verdict(models.TextChoices):
    GENUINE = "genuine", _("Genuine")
    REVOKED = "revoked", _("Revoked")
    UNKNOWN = "unknown", _("Unknown certificate")
    FORGED = "forged", _("Forged or altered")


@dataclass(frozen=True)
class AttendanceCheck:
    verdict: Verdict
    number: str
    certificate: AttendanceCertificate | None = None
    detail: str = ""


def _status(certificate: AttendanceCertificate) -> AttendanceCheck:
    if certificate.revoked_at is not None:
        return AttendanceCheck(Verdict.REVOKED, certificate.number, certificate)
    if not signing.signature_is_valid(certificate.payload, certificate.signature):
        return AttendanceCheck(Verdict.FORGED, certificate.number, certificate)
    return AttendanceCheck(Verdict.GENUINE, certificate.number, certificate)


def attendance_check_number(number: str) -> AttendanceCheck:
    certificate = get_certificate_by_number(number)
    if certificate is None:
        return AttendanceCheck(Verdict.UNKNOWN, number.strip().upper())
    return _status(certificate)


def attendance_check_pdf(data: bytes) -> AttendanceCheck:
    """The file's signature, then that it matches our record, then the record's status."""
    embedded = signed_data_from_pdf(data)
    if embedded is None:
        return AttendanceCheck(
            Verdict.FORGED, "", detail=str(_("The file carries no ParkLink certificate signature."))
        )
    payload, signature = embedded["payload"], embedded["signature"]
    number = str(payload.get("number", ""))
    if not signing.signature_is_valid(payload, signature):
        return AttendanceCheck(
            Verdict.FORGED, number, detail=str(_("The signature does not match the certificate's content."))
        )
    certificate = get_certificate_by_number(number)
    if certificate is None:
        return AttendanceCheck(Verdict.UNKNOWN, number)
    if certificate.payload != payload or certificate.signature != signature:
        return AttendanceCheck(
            Verdict.FORGED, number, certificate, str(_("The file does not match the issued certificate."))
        )
    return _status(certificate)


def _is_attendance_certificate(data: bytes) -> bool:
    embedded = signed_data_from_pdf(data)
    return embedded is not None and embedded["payload"].get("type") == ATTENDANCE_PAYLOAD_TYPE


def _render_upload_check(request: HttpRequest, data: bytes) -> HttpResponse:
    from events.forms import CertificateUploadForm

    check = attendance_check_pdf(data)
    status = 404 if check.verdict == Verdict.UNKNOWN else 200
    context = {"check": check, "form": CertificateUploadForm()}
    return render(request, "events/certificate_verify.html", context, status=status)


def register_attendance_certificates() -> None:
    """Attendance certificates are checked from the one verification page too (networks.verification)."""
    register_signed_document_kind(
        SignedDocumentKind(
            number_prefix=ATTENDANCE_NUMBER_PREFIX,
            claims_pdf=_is_attendance_certificate,
            verify_url_name="events:certificate_verify",
            check_upload=_render_upload_check,
        )
    )
