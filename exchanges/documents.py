"""The signed documents of a mobility: visa invitation letters, placement agreements and certificates of
completion. They are numbered, signed with the platform's Ed25519 certificate key (networks.signing)
and carry their signed payload in the PDF, exactly as membership certificates do, so anyone can check
one on the verification page, by its number or by uploading the file.

A document is written in the host country's official language (when ParkLink speaks it) and English.
"""

import base64
import datetime
import io
import json
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from babel.languages import get_official_languages
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from core.taxonomies import country_name
from exchanges.models import Application, Document, Programme
from exchanges.selectors import get_document_by_number
from networks import signing
from networks.verification import SignedDocumentKind, register_signed_document_kind

EMBEDDED_FILE_NAME = "parklink-exchange-document.json"
NUMBER_PREFIX = "PLX-"
PDF_TEMPLATES = {
    Document.Kind.INVITATION_LETTER: "exchanges/pdf/invitation_section.html",
    Document.Kind.PLACEMENT_AGREEMENT: "exchanges/pdf/agreement_section.html",
    Document.Kind.COMPLETION_CERTIFICATE: "exchanges/pdf/completion_section.html",
}


def _interface_language(code: str) -> str | None:
    """The interface language (settings.LANGUAGES) for a babel language code, if ParkLink has it."""
    offered = {language for language, _name in settings.LANGUAGES}
    candidate = code.lower().replace("_", "-")
    if candidate in offered:
        return candidate
    if candidate == "zh":
        return "zh-hans" if "zh-hans" in offered else None
    return None


def host_country_language(country: str) -> str | None:
    for code in get_official_languages(country, de_facto=True):
        language = _interface_language(code)
        if language:
            return language
    return None


def languages_for(*, kind: str, application: Application) -> list[str]:
    """The host country's language first (when ParkLink has it), then English."""
    host_language = host_country_language(application.host_organisation.country)
    return [host_language, "en"] if host_language and host_language != "en" else ["en"]


def payload_for(
    *, kind: str, application: Application, number: str, issued_at: datetime.datetime, languages: list[str]
) -> dict[str, Any]:
    """What is signed: everything the document states, in plain JSON."""
    programme = application.call.programme
    return {
        "number": number,
        "kind": kind,
        "issued_at": issued_at.isoformat(),
        "languages": languages,
        "fellow": application.applicant.get_full_name() or application.applicant.email,
        "application": application.reference,
        "home_organisation": application.home_organisation.name,
        "home_country": application.home_organisation.country,
        "host_organisation": application.host_organisation.name,
        "host_country": application.host_organisation.country,
        "host_city": application.host_organisation.city,
        "network": programme.network.name,
        "programme": programme.title,
        "participant_type": application.participant_type,
        "duration": application.duration,
        "duration_unit": programme.duration_unit,
        "lab": application.placement_lab,
        "project": application.placement_project,
        "supervisor": application.placement_supervisor,
        "starts_on": application.placement_starts_on.isoformat() if application.placement_starts_on else "",
        "ends_on": application.placement_ends_on.isoformat() if application.placement_ends_on else "",
        "completed_at": application.completed_at.isoformat() if application.completed_at else "",
    }


def sign(payload: dict[str, Any]) -> str:
    return signing.sign(payload)


def verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("exchanges:document_verify", kwargs={"number": number})


# Checks


class Verdict(models.TextChoices):
    GENUINE = "genuine", _("Genuine")
    REVOKED = "revoked", _("Revoked")
    UNKNOWN = "unknown", _("Unknown document")
    FORGED = "forged", _("Forged or altered")


@dataclass(frozen=True)
class DocumentCheck:
    verdict: Verdict
    number: str
    document: Document | None = None
    detail: str = ""

    @property
    def is_genuine(self) -> bool:
        return self.verdict == Verdict.GENUINE


def document_status(document: Document) -> DocumentCheck:
    if document.revoked_at is not None:
        return DocumentCheck(Verdict.REVOKED, document.number, document, document.revocation_reason)
    return DocumentCheck(Verdict.GENUINE, document.number, document)


def document_check_number(number: str) -> DocumentCheck:
    document = get_document_by_number(number)
    if document is None:
        return DocumentCheck(Verdict.UNKNOWN, number.strip().upper()[:40])
    return document_status(document)


def _embedded(data: bytes) -> dict[str, Any] | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        contents = PdfReader(io.BytesIO(data)).attachments.get(EMBEDDED_FILE_NAME) or []
        embedded = json.loads(contents[0].decode("utf-8")) if contents else None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None
    if not (isinstance(embedded, dict) and isinstance(embedded.get("payload"), dict)):
        return None
    return embedded


def document_check_pdf(data: bytes) -> DocumentCheck:
    """Check an uploaded document: its signature, that it matches our record, then the record."""
    embedded = _embedded(data)
    if embedded is None:
        return DocumentCheck(
            Verdict.FORGED, "", detail=str(_("The file carries no ParkLink document signature."))
        )
    payload, signature = embedded["payload"], str(embedded.get("signature", ""))
    number = str(payload.get("number", ""))
    if not signing.signature_is_valid(payload, signature):
        return DocumentCheck(
            Verdict.FORGED, number, detail=str(_("The signature does not match the document's content."))
        )
    document = get_document_by_number(number)
    if document is None:
        return DocumentCheck(Verdict.UNKNOWN, number)
    if document.payload != payload or document.signature != signature:
        return DocumentCheck(
            Verdict.FORGED, number, document, str(_("The file does not match the issued document."))
        )
    return document_status(document)


# Rendering


def duration_unit_label(unit: str) -> str:
    return str(Programme.DurationUnit(unit).label) if unit in Programme.DurationUnit.values else unit


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _date(value: str) -> str:
    return date_format(datetime.date.fromisoformat(value[:10])) if value else ""


def document_pdf(document: Document) -> bytes:
    """The document in each of its languages (one page each), with the signed data embedded."""
    from weasyprint import HTML, Attachment

    payload = document.payload
    sections = []
    for language in document.languages or ["en"]:
        with translation.override(language):
            sections.append(
                mark_safe(  # our own template, autoescaped as it rendered
                    render_to_string(
                        PDF_TEMPLATES[Document.Kind(document.kind)],
                        {
                            "language": language,
                            "direction": "rtl" if get_language_bidi() else "ltr",
                            "payload": payload,
                            "title": Document.Kind(document.kind).label,
                            "host_country": country_name(payload["host_country"]),
                            "home_country": country_name(payload["home_country"]),
                            "starts_on": _date(payload["starts_on"]),
                            "ends_on": _date(payload["ends_on"]),
                            "issued_on": _date(payload["issued_at"]),
                            "completed_on": _date(payload["completed_at"]),
                            "duration_unit": duration_unit_label(payload["duration_unit"]),
                        },
                    )
                )
            )
    url = verification_url(document.number)
    html = render_to_string(
        "exchanges/pdf/document.html",
        {
            "document": document,
            "sections": sections,
            "qr_code": _qr_data_uri(url),
            "verification_url": url,
            "now": timezone.now(),
        },
    )
    embedded = json.dumps(
        {"payload": payload, "signature": document.signature, "public_key": signing.public_key_base64()},
        ensure_ascii=False,
        indent=2,
    )
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        attachments=[
            Attachment(
                string=embedded,
                name=EMBEDDED_FILE_NAME,
                description="ParkLink exchange document: Ed25519 signature over the canonical JSON payload",
            )
        ]
    )
    return pdf


def _render_upload_check(request: HttpRequest, data: bytes) -> HttpResponse:
    from exchanges.forms import DocumentUploadForm

    check = document_check_pdf(data)
    return render(
        request,
        "exchanges/document_verify.html",
        {"check": check, "form": DocumentUploadForm(), "kind_labels": dict(Document.Kind.choices)},
        status=404 if check.verdict == Verdict.UNKNOWN else 200,
    )


def register_exchange_documents() -> None:
    """Invitation letters, placement agreements and completion certificates are checked from the one
    verification page too (networks.verification)."""
    register_signed_document_kind(
        SignedDocumentKind(
            number_prefix=NUMBER_PREFIX,
            claims_pdf=lambda data: _embedded(data) is not None,
            verify_url_name="exchanges:document_verify",
            check_upload=_render_upload_check,
        )
    )
