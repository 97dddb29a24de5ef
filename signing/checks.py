"""Is this document genuine? One set of verdicts for every kind of signed document, by number (the QR
code) and by uploaded PDF. Every check re-verifies the signature of the record, by number too, and
checks expiry where the kind has one.

A file is genuine only if it is byte for byte the file ParkLink issued (`signing.issuing`): the same
signed data in another file, or the issued file with a page added, is "altered". Files of documents
issued before ParkLink kept them are checked by their signature, and the check says that their content
could not be compared.

What a check discloses: by number, only the verdict and the issuer. The document's details (names,
dates, the reason for a revocation) need the file itself or the verification code printed on it.
"""

import dataclasses
import datetime
import enum
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.calendars import format_local_date
from signing import issuing, signatures
from signing.pdf import signed_data_from_pdf
from signing.registry import SignedDocumentKind, kind_for_number, normalised_number


class Verdict(models.TextChoices):
    GENUINE = "genuine", _("Genuine")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    FORGED = "forged", _("Forged or altered")
    ALTERED = "altered", _("Altered")
    NOT_PARKLINK = "not_parklink", _("Not a ParkLink document")
    UNKNOWN = "unknown", _("Unknown number")


SENTENCES = {
    Verdict.GENUINE: _("ParkLink issued this document, its signature is intact and it is in force."),
    Verdict.REVOKED: _("ParkLink issued this document but has revoked it: it is no longer valid."),
    Verdict.EXPIRED: _("ParkLink issued this document but the period it was valid for has ended."),
    Verdict.FORGED: _("This document has been forged or altered: it does not match what ParkLink signed."),
    Verdict.ALTERED: _(
        "This file has been altered: it carries the signed data of a document ParkLink issued, but it is "
        "not the file ParkLink issued."
    ),
    Verdict.NOT_PARKLINK: _("This file is not a ParkLink document: it carries no ParkLink signature."),
    Verdict.UNKNOWN: _("ParkLink has issued no document with this number."),
}


class Checked(enum.StrEnum):
    """How far a check went beyond the verdict: `what_was_checked` says it in a sentence."""

    NOTHING = ""
    FILE_IDENTICAL = "file_identical"
    FILE_NOT_COMPARED = "file_not_compared"  # issued before ParkLink kept files
    FILE_DIFFERENT = "file_different"
    NUMBER = "number"
    NUMBER_AND_CODE = "number_and_code"
    WRONG_CODE = "wrong_code"


@dataclass(frozen=True)
class DocumentCheck:
    verdict: Verdict
    number: str
    document: Any = None  # the record, when ParkLink has one with this number (never shown as such)
    detail: str = ""  # what exactly: the reason for revocation (when disclosed), what did not match
    kind: SignedDocumentKind | None = None
    checked: Checked = Checked.NOTHING
    disclosed: bool = False  # may the caller see the document's details? (the file or the code)
    issued_file: Any = None  # the kept signing.IssuedFile, when the check compared a file with it

    @property
    def is_genuine(self) -> bool:
        return self.verdict == Verdict.GENUINE

    @property
    def sentence(self) -> str:
        return str(SENTENCES[self.verdict])

    @property
    def details(self) -> Any:
        """The record, for the page and the API to show its fields: only when they may be disclosed."""
        return self.document if self.disclosed else None

    @property
    def certificate(self) -> Any:
        """`details` under the name the certificate pages and the networks API have always used."""
        return self.details

    @property
    def issuer(self) -> str:
        """Who issued the document (its network): shown with every verdict about a known record."""
        if self.document is None or self.kind is None or self.kind.issuer is None:
            return ""
        return self.kind.issuer(self.document)

    @property
    def what_was_checked(self) -> str:
        """One sentence for the page and the API: what this verdict rests on."""
        return checked_sentence(self)


def checked_sentence(check: DocumentCheck) -> str:
    if check.checked == Checked.FILE_IDENTICAL:
        issued_on = format_local_date(check.issued_file.created_at)
        return gettext(
            "The signature is valid, the document is in ParkLink's register, and this file is byte for "
            "byte the one issued on %(date)s."
        ) % {"date": issued_on}
    if check.checked == Checked.FILE_NOT_COMPARED:
        return gettext(
            "The signature is valid and the document is in ParkLink's register. It was issued before "
            "ParkLink kept each file as issued, so this file's content could not be compared with it: "
            "check that what the file shows matches the details below."
        )
    if check.checked == Checked.FILE_DIFFERENT:
        return gettext(
            "The signed data embedded in this file is genuine and in ParkLink's register, but the file "
            "itself differs from the one ParkLink issued: pages or text were changed, or the signed data "
            "was copied into another file. Trust only the details below, not what the file shows."
        )
    if check.checked == Checked.NUMBER_AND_CODE:
        return gettext(
            "The document with this number is in ParkLink's register, its signature is valid and the "
            "verification code matches, so its details are shown below. To check a file, upload it."
        )
    if check.checked == Checked.NUMBER:
        return gettext(
            "The document with this number is in ParkLink's register and its signature is valid. Its "
            "details are shown only to whoever uploads the file or types the verification code printed "
            "on it."
        )
    if check.checked == Checked.WRONG_CODE:
        return gettext(
            "The verification code does not match this document, so its details are not shown. Type the "
            "code exactly as printed beside the QR code, or upload the file."
        )
    return ""


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


def _as_disclosed(
    check: DocumentCheck, disclosed: bool, checked: Checked, issued_file: Any = None
) -> DocumentCheck:
    """The check as the caller may see it: the reason for a revocation is one of the document's details."""
    detail = check.detail if disclosed or check.verdict != Verdict.REVOKED else ""
    return dataclasses.replace(
        check, disclosed=disclosed, checked=checked, detail=detail, issued_file=issued_file
    )


def check_number(
    number: str,
    *,
    code: str = "",
    today: datetime.date | None = None,
    only: SignedDocumentKind | None = None,
) -> DocumentCheck:
    """The check behind the QR code: the record with this number, whatever its kind (or of `only`).
    Its details are disclosed only with the verification code printed on the document."""
    normalised = normalised_number(number)
    kind = _of_kind(normalised, only)
    document = kind.lookup(normalised) if kind is not None else None
    if kind is None or document is None:
        return DocumentCheck(Verdict.UNKNOWN, normalised, kind=kind)
    check = check_record(kind, document, today=today)
    if check.verdict == Verdict.FORGED:
        return check
    if not code.strip():
        return _as_disclosed(check, False, Checked.NUMBER)
    matches = issuing.code_matches(issuing.issued_file_of(document.number), code)
    return _as_disclosed(check, matches, Checked.NUMBER_AND_CODE if matches else Checked.WRONG_CODE)


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
    # Whoever holds the file holds its signed data: its details are theirs to see.
    if not issuing.binds_file(document.payload):
        return _as_disclosed(check_record(kind, document, today=today), True, Checked.FILE_NOT_COMPARED)
    issued_file = issuing.issued_file_of(document.number)
    if issued_file is not None and not issuing.statement_is_valid(issued_file):
        return DocumentCheck(
            Verdict.FORGED,
            number,
            document,
            str(_("The stored document no longer matches its signature.")),
            kind,
            disclosed=True,
        )
    if issued_file is None or issuing.sha256_hex(data) != issued_file.pdf_sha256:
        altered = DocumentCheck(Verdict.ALTERED, number, document, kind=kind)
        return _as_disclosed(altered, True, Checked.FILE_DIFFERENT, issued_file)
    return _as_disclosed(check_record(kind, document, today=today), True, Checked.FILE_IDENTICAL, issued_file)
