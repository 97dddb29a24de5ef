"""The kinds of signed document. Each app registers its kinds in its AppConfig.ready(), so the one
verification page and the checks in `signing.checks` serve every kind without importing any app."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from signing.checks import DocumentCheck


@dataclass(frozen=True)
class SignedDocumentKind:
    name: str  # "<app>.<kind>", e.g. "events.attendance_certificate"
    number_prefix: str  # numbers of this kind start with it, e.g. "EV-"
    lookup: Callable[[str], Any]  # the record with this normalised number, or None; public
    verify_url_name: str  # the kind's page that shows one check (kwarg `number`)
    render_check: Callable[[HttpRequest, "DocumentCheck"], HttpResponse]  # that page, for an upload
    expires_on: Callable[[Any], datetime.date | None] | None = None  # the last day it is valid
    # The kind's own rules after the shared ones pass: a verdict that overrides "genuine", or None.
    extra_rules: Callable[[Any, datetime.date], "DocumentCheck | None"] | None = None
    # Who issued it (the network, the organisers): the one thing a check by number shows anyone.
    issuer: Callable[[Any], str] | None = None

    def check_upload(self, request: HttpRequest, data: bytes) -> HttpResponse:
        """This kind's page showing the kernel's check of an uploaded file."""
        from signing.checks import check_pdf

        return self.render_check(request, check_pdf(data))


_KINDS: dict[str, SignedDocumentKind] = {}


def register_signed_document_kind(kind: SignedDocumentKind) -> None:
    """Register (or re-register, e.g. when ready() runs twice) a kind under its name."""
    for other in _KINDS.values():
        if other.name == kind.name:
            continue
        mine, theirs = kind.number_prefix.upper(), other.number_prefix.upper()
        if mine.startswith(theirs) or theirs.startswith(mine):
            raise ValueError(f"{kind.name}: number prefix {mine!r} overlaps {other.name}'s {theirs!r}.")
    _KINDS[kind.name] = kind


def registered_kinds() -> list[SignedDocumentKind]:
    return list(_KINDS.values())


def normalised_number(number: str) -> str:
    return number.strip().upper()[:40]


def kind_for_number(number: str) -> SignedDocumentKind | None:
    normalised = normalised_number(number)
    if not normalised:
        return None
    return next((kind for kind in _KINDS.values() if normalised.startswith(kind.number_prefix.upper())), None)


def kind_for_pdf(data: bytes) -> SignedDocumentKind | None:
    """The kind an uploaded file claims to be, by the number in its embedded payload."""
    from signing.pdf import signed_data_from_pdf

    embedded = signed_data_from_pdf(data)
    return kind_for_number(str(embedded["payload"].get("number", ""))) if embedded else None
