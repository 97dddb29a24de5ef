"""Is this document genuine? One set of verdicts for every kind of signed document, by number (the QR
code) and by uploaded PDF. Every check re-verifies the signature of the record, by number too, and
checks expiry where the kind has one."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signing import signatures
from signing.pdf import signed_data_from_pdf
from signing.registry import SignedDocumentKind, kind_for_number, normalised_number


class Verdict(models.TextChoices):
    GENUINE = "genuine", _("Genuine")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    FORGED = "forged", _("Forged or altered")
    NOT_PARKLINK = "not_parklink", _("Not a ParkLink document")
    UNKNOWN = "unknown", _("Unknown number")


SENTENCES = {
    Verdict.GENUINE: _("ParkLink issued this document, its signature is intact and it is in force."),
    Verdict.REVOKED: _("ParkLink issued this document but has revoked it: it is no longer valid."),
    Verdict.EXPIRED: _("ParkLink issued this document but the period it was valid for has ended."),
    Verdict.FORGED: _("This document has been forged or altered: it does not match what ParkLink signed."),
    Verdict.NOT_PARKLINK: _("This file is not a ParkLink document: it carries no ParkLink signature."),
    Verdict.UNKNOWN: _("ParkLink has issued no document with this number."),
}


@dataclass(frozen=True)
class DocumentCheck:
    verdict: Verdict
    number: str
    document: Any = None  # the record, when ParkLink has one with this number
    detail: str = ""  # what exactly: the reason for revocation, what did not match
    kind: SignedDocumentKind | None = None

    @property
    def is_genuine(self) -> bool:
        return self.verdict == Verdict.GENUINE

    @property
    def sentence(self) -> str:
        return str(SENTENCES[self.verdict])

    @property
    def certificate(self) -> Any:
        """The record under the name the certificate pages and the networks API have always used."""
        return self.document


def check_record(
    kind: SignedDocumentKind, document: Any, *, today: datetime.date | None = None
) -> DocumentCheck:
    """The verdict on a record ParkLink holds: its signature, then revocation, expiry and the kind's rules."""
    today = today or timezone.localdate()
    if not signatures.signature_is_valid(document.payload, document.signature):
        return DocumentCheck(
            Verdict.FORGED,
            document.number,
            document,
            str(_("The stored document no longer matches its signature.")),
            kind,
        )
    if document.revoked_at is not None:
        reason = getattr(document, "revocation_reason", "")
        return DocumentCheck(Verdict.REVOKED, document.number, document, reason, kind)
    expires_on = kind.expires_on(document) if kind.expires_on else None
    if expires_on is not None and expires_on < today:
        return DocumentCheck(Verdict.EXPIRED, document.number, document, kind=kind)
    if kind.extra_rules is not None:
        overriding = kind.extra_rules(document, today)
        if overriding is not None:
            return overriding
    return DocumentCheck(Verdict.GENUINE, document.number, document, kind=kind)


def _of_kind(number: str, only: SignedDocumentKind | None) -> SignedDocumentKind | None:
    """The number's kind; with `only`, a number of any other kind is one this kind's page never issued."""
    kind = kind_for_number(number)
    return kind if only is None or (kind is not None and kind.name == only.name) else None


def check_number(
    number: str, *, today: datetime.date | None = None, only: SignedDocumentKind | None = None
) -> DocumentCheck:
    """The check behind the QR code: the record with this number, whatever its kind (or of `only`)."""
    normalised = normalised_number(number)
    kind = _of_kind(normalised, only)
    document = kind.lookup(normalised) if kind is not None else None
    if kind is None or document is None:
        return DocumentCheck(Verdict.UNKNOWN, normalised, kind=kind)
    return check_record(kind, document, today=today)


def check_pdf(
    data: bytes, *, today: datetime.date | None = None, only: SignedDocumentKind | None = None
) -> DocumentCheck:
    """Check a file: its embedded signature, that it matches the record ParkLink issued, then the record."""
    embedded = signed_data_from_pdf(data)
    if embedded is None:
        return DocumentCheck(Verdict.NOT_PARKLINK, "")
    payload, signature = embedded["payload"], embedded["signature"]
    number = normalised_number(str(payload.get("number", "")))
    kind = _of_kind(number, only) if number else None
    if not signatures.signature_is_valid(payload, signature):
        return DocumentCheck(
            Verdict.FORGED,
            number,
            detail=str(_("The signature does not match the document's content.")),
            kind=kind,
        )
    document = kind.lookup(number) if kind is not None else None
    if kind is None or document is None:
        return DocumentCheck(Verdict.UNKNOWN, number, kind=kind)
    if document.payload != payload or document.signature != signature:
        return DocumentCheck(
            Verdict.FORGED, number, document, str(_("The file does not match the issued document.")), kind
        )
    return check_record(kind, document, today=today)
