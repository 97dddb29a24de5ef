"""The one verification page (/networks/verify/) checks every kind of signed ParkLink document: other
apps register theirs here (attendance certificates, invitation letters...), so a person with a number
or a PDF never has to know which part of ParkLink issued it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class SignedDocumentKind:
    number_prefix: str  # numbers of this kind start with it, e.g. "EV-"
    claims_pdf: Callable[[bytes], bool]  # does this uploaded PDF carry this kind's signed data?
    verify_url_name: str  # the page that checks one number (kwarg `number`)
    check_upload: Callable[[HttpRequest, bytes], HttpResponse]  # renders the check of an uploaded PDF


_KINDS: list[SignedDocumentKind] = []


def register_signed_document_kind(kind: SignedDocumentKind) -> None:
    if kind not in _KINDS:
        _KINDS.append(kind)


def kind_for_number(number: str) -> SignedDocumentKind | None:
    normalised = number.strip().upper()
    return next((kind for kind in _KINDS if normalised.startswith(kind.number_prefix.upper())), None)


def kind_for_pdf(data: bytes) -> SignedDocumentKind | None:
    return next((kind for kind in _KINDS if kind.claims_pdf(data)), None)
