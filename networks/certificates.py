"""Membership certificates and invoices as PDF, and the membership certificate's place among the signed
documents (`signing`): its kind, with the validity period as its expiry, and its own check page.

A certificate PDF carries its signed payload and the Ed25519 signature as the kernel's embedded file
(`parklink-certificate.json`), so `manage.py verify_certificate FILE.pdf` and the verification page
can check it without trusting anything else in the file.
"""

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi

from core.calendars import format_local_date
from networks.models import Certificate, Invoice
from networks.selectors import get_certificate_by_number, network_settings_of
from signing import checks, issuing, pdf, signatures
from signing.checks import DocumentCheck, Verdict
from signing.pdf import EMBEDDED_FILE_NAME, signed_data_from_pdf
from signing.registry import SignedDocumentKind, register_signed_document_kind

NUMBER_PREFIX = "PLC-"
KIND_NAME = "networks.membership_certificate"

# The names the networks views, API and command import.
CertificateCheck = DocumentCheck
__all__ = [
    "EMBEDDED_FILE_NAME",
    "CertificateCheck",
    "Verdict",
    "certificate_check_number",
    "certificate_check_pdf",
    "certificate_pdf",
    "certificate_status",
    "invoice_pdf",
    "signed_data_from_pdf",
    "verification_url",
]


def certificate_number(year: int, sequence: int) -> str:
    return f"{NUMBER_PREFIX}{year}-{sequence:06d}"


def verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("networks:certificate_verify", kwargs={"number": number})


def _render_check(request: HttpRequest, check: DocumentCheck) -> HttpResponse:
    from networks.forms import CertificateUploadForm

    context = {"check": check, "form": CertificateUploadForm()}
    return render(request, "networks/certificate_verify.html", context)


MEMBERSHIP_CERTIFICATE = SignedDocumentKind(
    name=KIND_NAME,
    number_prefix=NUMBER_PREFIX,
    lookup=get_certificate_by_number,
    verify_url_name="networks:certificate_verify",
    render_check=_render_check,
    expires_on=lambda certificate: certificate.valid_until,
    issuer=lambda certificate: str(certificate.payload.get("network", "")),
)


def register_membership_certificates() -> None:
    register_signed_document_kind(MEMBERSHIP_CERTIFICATE)


def certificate_status(certificate: Certificate, *, today: datetime.date | None = None) -> DocumentCheck:
    """Genuine, revoked (with its reason), expired or forged, from the record alone."""
    return checks.check_record(MEMBERSHIP_CERTIFICATE, certificate, today=today)


def certificate_check_number(
    number: str, *, code: str = "", today: datetime.date | None = None
) -> DocumentCheck:
    """A membership certificate's check (the number of another kind of document is unknown here); its
    details only with the verification code printed on it."""
    return checks.check_number(number, code=code, today=today, only=MEMBERSHIP_CERTIFICATE)


def certificate_check_pdf(data: bytes, *, today: datetime.date | None = None) -> DocumentCheck:
    """Check an uploaded or stored certificate file: its signature, then that it matches our record,
    then the record's status."""
    return checks.check_pdf(data, today=today, only=MEMBERSHIP_CERTIFICATE)


# Rendering


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as issued: made once, with its verification code, then served as kept."""
    return issuing.issued_pdf(
        kind=KIND_NAME, document=certificate, render=lambda code: _render_certificate(certificate, code)
    )


def _payload_date(value: str) -> str:
    """A date or moment kept in the signed payload (ISO), as the reader's calendar shows it."""
    return format_local_date(datetime.datetime.fromisoformat(value))


def _render_certificate(certificate: Certificate, code: str) -> bytes:
    """The certificate in each of the network's languages (one page each), signed data embedded."""
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
                            "valid_from": _payload_date(payload["valid_from"]),
                            "valid_until": _payload_date(payload["valid_until"]),
                            "issued_on": _payload_date(payload["issued_at"]),
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
            "qr_code": pdf.qr_data_uri(issuing.link_with_code(url, code)),
            "verification_url": url,
            "verification_code": pdf.left_to_right(code),
            "public_key": signatures.public_key_base64(),
        },
    )
    return pdf.signed_pdf(html, payload=payload, signature=certificate.signature)


def invoice_pdf(invoice: Invoice) -> bytes:
    membership = invoice.membership
    html = render_to_string(
        "networks/pdf/invoice.html",
        {
            "invoice": invoice,
            "membership": membership,
            "network": membership.network,
            "member": membership.member,
            "settings": network_settings_of(membership.network),
        },
    )
    return pdf.write_pdf(html)
