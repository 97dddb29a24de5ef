"""The registry of signed document kinds lives in the kernel (`signing.registry`); this module keeps what
the networks verification page (/networks/verify/) asks of it: which *other* kind a number or an
uploaded file belongs to, so the page hands it to that kind's own page. Membership certificates are
checked by the page itself."""

from signing.registry import SignedDocumentKind, register_signed_document_kind
from signing.registry import kind_for_number as _kind_for_number
from signing.registry import kind_for_pdf as _kind_for_pdf

__all__ = ["SignedDocumentKind", "kind_for_number", "kind_for_pdf", "register_signed_document_kind"]

MEMBERSHIP_CERTIFICATE_KIND = "networks.membership_certificate"


def _other_than_membership(kind: SignedDocumentKind | None) -> SignedDocumentKind | None:
    return kind if kind is not None and kind.name != MEMBERSHIP_CERTIFICATE_KIND else None


def kind_for_number(number: str) -> SignedDocumentKind | None:
    return _other_than_membership(_kind_for_number(number))


def kind_for_pdf(data: bytes) -> SignedDocumentKind | None:
    return _other_than_membership(_kind_for_pdf(data))
