"""The signed documents of a mobility: visa invitation letters, placement agreements and certificates of
completion. They are signed documents (`signing`): the kernel numbers, signs, embeds and checks them
exactly as it does membership certificates; this module holds their kind, content and check page, so
anyone can check one on the verification page, by its number or by uploading the file.

A document is written in the host country's official language (when ParkLink speaks it) and English.
"""

import datetime
from typing import Any

from babel.languages import get_official_languages
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi

from core.calendars import format_local_date
from core.taxonomies import country_name
from exchanges.models import Application, Document, Programme
from exchanges.selectors import get_document_by_number
from signing import checks, issuing, pdf, signatures
from signing.checks import DocumentCheck, Verdict
from signing.registry import SignedDocumentKind, register_signed_document_kind

# The names the exchanges views and API import; `signing` also stays reachable as before.
signing = signatures
__all__ = [
    "DocumentCheck",
    "Verdict",
    "document_check_number",
    "document_check_pdf",
    "document_pdf",
    "languages_for",
    "payload_for",
    "register_exchange_documents",
    "sign",
]

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
    return signatures.versioned(
        {
            "number": number,
            "kind": kind,
            "issued_at": issued_at.isoformat(),
            "languages": languages,
            "fellow": application.applicant.get_full_name()
            if application.applicant is not None
            else application.applicant_name,
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
            "starts_on": application.placement_starts_on.isoformat()
            if application.placement_starts_on
            else "",
            "ends_on": application.placement_ends_on.isoformat() if application.placement_ends_on else "",
            "completed_at": application.completed_at.isoformat() if application.completed_at else "",
        }
    )


def sign(payload: dict[str, Any]) -> str:
    return signatures.sign(payload)


def number_scope(prefix: str) -> str:
    """The kernel's counter for one prefix ("PLX-INV-2026"); the counts before it continue there."""
    return f"exchanges.{prefix}"


def verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("exchanges:document_verify", kwargs={"number": number})


# Checks


def _render_check(request: HttpRequest, check: DocumentCheck) -> HttpResponse:
    from exchanges.forms import DocumentUploadForm

    return render(
        request,
        "exchanges/document_verify.html",
        {"check": check, "form": DocumentUploadForm(), "kind_labels": dict(Document.Kind.choices)},
        status=404 if check.verdict == Verdict.UNKNOWN else 200,
    )


EXCHANGE_DOCUMENT = SignedDocumentKind(
    name="exchanges.document",
    number_prefix=NUMBER_PREFIX,
    lookup=get_document_by_number,
    verify_url_name="exchanges:document_verify",
    render_check=_render_check,
    issuer=lambda document: str(document.payload.get("network", "")),
)


def document_check_number(number: str, *, code: str = "") -> DocumentCheck:
    """The check by number: the verdict and the network; the details only with the verification code."""
    return checks.check_number(number, code=code, only=EXCHANGE_DOCUMENT)


def document_check_pdf(data: bytes) -> DocumentCheck:
    """Check an uploaded document: its signature, that it matches our record, then the record."""
    return checks.check_pdf(data, only=EXCHANGE_DOCUMENT)


# Rendering


def duration_unit_label(unit: str) -> str:
    return str(Programme.DurationUnit(unit).label) if unit in Programme.DurationUnit.values else unit


def _date(value: str) -> str:
    return format_local_date(datetime.date.fromisoformat(value[:10])) if value else ""


def document_pdf(document: Document) -> bytes:
    """The document as issued: made once, with its verification code, then served as kept."""
    return issuing.issued_pdf(
        kind=EXCHANGE_DOCUMENT.name, document=document, render=lambda code: _render_document(document, code)
    )


def _render_document(document: Document, code: str) -> bytes:
    """The document in each of its languages (one page each), with the signed data embedded."""
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
            "qr_code": pdf.qr_data_uri(issuing.link_with_code(url, code)),
            "verification_url": url,
            "verification_code": pdf.left_to_right(code),
            "now": timezone.now(),
        },
    )
    return pdf.signed_pdf(html, payload=payload, signature=document.signature)


def register_exchange_documents() -> None:
    """Invitation letters, placement agreements and completion certificates are checked from the one
    verification page too (signing.registry)."""
    register_signed_document_kind(EXCHANGE_DOCUMENT)
