"""The mobility's signed documents: the visa invitation letter, the placement agreement and the
completion certificate, numbered, signed, and revoked by the call's managers."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.services import field_error
from exchanges import documents
from exchanges.models import Application, Document
from exchanges.services.access import _deny_unless_application_manager
from exchanges.services.workflow import _deny_unless_allowed, _next_number, _step
from exchanges.transitions import TRANSITIONS

DOCUMENT_PREFIXES = {
    Document.Kind.INVITATION_LETTER: "INV",
    Document.Kind.PLACEMENT_AGREEMENT: "AGR",
    Document.Kind.COMPLETION_CERTIFICATE: "CMP",
}


DOCUMENT_STATUSES = {
    Document.Kind.INVITATION_LETTER: TRANSITIONS["issue-invitation-letter"].sources,
    Document.Kind.PLACEMENT_AGREEMENT: (Application.Status.PLACEMENT, Application.Status.COMPLETED),
    Document.Kind.COMPLETION_CERTIFICATE: (Application.Status.COMPLETED,),
}


@transaction.atomic
def invitation_letter_issue(*, actor: Any, application: Application) -> Document:
    """The visa invitation letter, for the fellow once they accepted the offer. Issuing it again (for
    changed dates) revokes the earlier one."""
    _deny_unless_allowed(actor, application, "issue-invitation-letter")
    return document_issue(actor=actor, application=application, kind=Document.Kind.INVITATION_LETTER)


def document_issue(*, actor: Any, application: Application, kind: str) -> Document:
    """Number, sign and keep a document of the mobility (callers check who may)."""
    if application.status not in DOCUMENT_STATUSES[Document.Kind(kind)]:
        raise ValidationError(
            _("This document cannot be issued at this stage of the mobility."), code="invalid_transition"
        )
    now = timezone.now()
    previous = application.documents.filter(kind=kind, revoked_at__isnull=True)
    if kind != Document.Kind.INVITATION_LETTER and previous.exists():
        raise ValidationError(_("This document has already been issued."), code="duplicate")
    previous.update(revoked_at=now, revocation_reason=str(_("Replaced by a newer letter.")))
    prefix = f"{documents.NUMBER_PREFIX}{DOCUMENT_PREFIXES[Document.Kind(kind)]}-{now.year}"
    number = f"{prefix}-{_next_number(prefix):06d}"
    languages = documents.languages_for(kind=kind, application=application)
    payload = documents.payload_for(
        kind=kind, application=application, number=number, issued_at=now, languages=languages
    )
    document = Document.objects.create(
        application=application,
        kind=kind,
        number=number,
        languages=languages,
        issued_at=now,
        payload=payload,
        signature=documents.sign(payload),
    )
    _step(
        actor=actor,
        application=application,
        action="document_issue",
        from_status=application.status,
        note=f"{Document.Kind(kind).label}: {number}",
    )
    return document


@transaction.atomic
def document_revoke(*, actor: Any, document: Document, reason: str) -> Document:
    _deny_unless_application_manager(actor, document.application)
    if document.revoked_at is not None:
        raise ValidationError(_("The document is already revoked."), code="invalid_transition")
    if not reason.strip():
        raise field_error("reason", _("Say why the document is revoked."), code="reason_required")
    document.revoked_at = timezone.now()
    document.revocation_reason = reason.strip()
    document.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    _step(
        actor=actor,
        application=document.application,
        action="document_revoke",
        from_status=document.application.status,
        note=f"{document.number}: {reason.strip()}",
    )
    return document
