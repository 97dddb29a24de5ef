"""Invoice and certificate PDFs (WeasyPrint), and the checks that tell a genuine certificate from a
revoked, expired, unknown or forged one.

A certificate PDF carries its signed payload and the Ed25519 signature as an embedded file
(`parklink-certificate.json`), so `manage.py verify_certificate FILE.pdf` and the verification page
can check it without trusting anything else in the file.
"""

import base64
import datetime
import io
import json
import logging
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from networks import signing
from networks.models import Certificate, Invoice
from networks.selectors import get_certificate_by_number, network_settings_of

logger = logging.getLogger(__name__)

EMBEDDED_FILE_NAME = "parklink-certificate.json"


class Verdict(models.TextChoices):
    GENUINE = "genuine", _("Genuine")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    UNKNOWN = "unknown", _("Unknown certificate")
    FORGED = "forged", _("Forged or altered")


@dataclass(frozen=True)
class CertificateCheck:
    verdict: Verdict
    number: str
    certificate: Certificate | None = None
    detail: str = ""

    @property
    def is_genuine(self) -> bool:
        return self.verdict == Verdict.GENUINE


def verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("networks:certificate_verify", kwargs={"number": number})


def certificate_status(certificate: Certificate, *, today: datetime.date | None = None) -> CertificateCheck:
    """Genuine, revoked (with its reason) or expired, from the record alone."""
    today = today or timezone.localdate()
    if certificate.revoked_at is not None:
        return CertificateCheck(
            Verdict.REVOKED, certificate.number, certificate, certificate.revocation_reason
        )
    if certificate.valid_until < today:
        return CertificateCheck(Verdict.EXPIRED, certificate.number, certificate)
    return CertificateCheck(Verdict.GENUINE, certificate.number, certificate)


def certificate_check_number(number: str, *, today: datetime.date | None = None) -> CertificateCheck:
    certificate = get_certificate_by_number(number)
    if certificate is None:
        return CertificateCheck(Verdict.UNKNOWN, number.strip().upper())
    return certificate_status(certificate, today=today)


def signed_data_from_pdf(data: bytes) -> dict[str, Any] | None:
    """The embedded `{"payload", "signature"}`, or None when the file carries none (or is no PDF)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        contents = attachments.get(EMBEDDED_FILE_NAME) or []
        if not contents:
            return None
        embedded = json.loads(contents[0].decode("utf-8"))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None
    if not isinstance(embedded, dict) or not isinstance(embedded.get("payload"), dict):
        return None
    if not isinstance(embedded.get("signature"), str):
        return None
    return embedded


def certificate_check_pdf(data: bytes, *, today: datetime.date | None = None) -> CertificateCheck:
    """Check an uploaded or stored certificate file: its signature, then that it matches our record,
    then the record's status."""
    embedded = signed_data_from_pdf(data)
    if embedded is None:
        return CertificateCheck(
            Verdict.FORGED, "", detail=str(_("The file carries no ParkLink certificate signature."))
        )
    payload, signature = embedded["payload"], embedded["signature"]
    number = str(payload.get("number", ""))
    if not signing.signature_is_valid(payload, signature):
        return CertificateCheck(
            Verdict.FORGED, number, detail=str(_("The signature does not match the certificate's content."))
        )
    certificate = get_certificate_by_number(number)
    if certificate is None:
        return CertificateCheck(Verdict.UNKNOWN, number)
    if certificate.payload != payload or certificate.signature != signature:
        return CertificateCheck(
            Verdict.FORGED, number, certificate, str(_("The file does not match the issued certificate."))
        )
    return certificate_status(certificate, today=today)


# Rendering


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _write_pdf(html: str, **options: Any) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**options)
    return pdf


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate in each of the network's languages (one page each), signed data embedded."""
    from weasyprint import Attachment

    membership = certificate.membership
    network_settings = network_settings_of(membership.network)
    payload = certificate.payload
    sections = []
    for language in certificate.languages or ["en"]:
        with translation.override(language):
            sections.append(
                mark_safe(  # our own template, autoescaped as it rendered
                    render_to_string(
                        "networks/pdf/certificate_section.html",
                        {
                            "language": language,
                            "direction": "rtl" if get_language_bidi() else "ltr",
                            "title": network_settings.certificate_title,
                            "payload": payload,
                            "valid_from": date_format(datetime.date.fromisoformat(payload["valid_from"])),
                            "valid_until": date_format(datetime.date.fromisoformat(payload["valid_until"])),
                            "issued_on": date_format(datetime.datetime.fromisoformat(payload["issued_at"])),
                        },
                    )
                )
            )
    url = verification_url(certificate.number)
    html = render_to_string(
        "networks/pdf/certificate.html",
        {
            "certificate": certificate,
            "sections": sections,
            "qr_code": _qr_data_uri(url),
            "verification_url": url,
            "public_key": signing.public_key_base64(),
        },
    )
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


def invoice_pdf(invoice: Invoice) -> bytes:
    membership = invoice.membership
    html = render_to_string(
        "networks/pdf/invoice.html",
        {
            "invoice": invoice,
            "membership": membership,
            "network": membership.network,
            "member": membership.member,
        },
    )
    return _write_pdf(html)
