"""Signed membership certificates: what the signature covers, issuing and revoking."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.audit import audit_record
from directory.services import field_error
from networks.models import Certificate, NetworkMembership
from networks.selectors import network_settings_of
from networks.services.numbering import _next_number
from networks.services.workflow import _deny_unless_secretariat
from signing import signatures
from signing.languages import document_languages


def certificate_payload(
    *, number: str, membership: NetworkMembership, issued_at: datetime.datetime
) -> dict[str, Any]:
    """Exactly what a certificate's signature covers, with the kernel's payload version."""
    assert membership.valid_from is not None and membership.valid_until is not None
    return signatures.versioned(
        {
            "number": number,
            "member": membership.member.name,
            "member_id": membership.member_id,
            "network": membership.network.name,
            "network_id": membership.network_id,
            "category": membership.category.name if membership.category else "",
            "valid_from": membership.valid_from.isoformat(),
            "valid_until": membership.valid_until.isoformat(),
            "issued_at": issued_at.replace(microsecond=0).isoformat(),
        }
    )


def certificate_languages(membership: NetworkMembership) -> list[str]:
    """The member's own language (from its country), English, then the languages the network prints
    its certificates in where they differ: an Iranian park's certificate from a network that prints
    English is in Persian and English."""
    return document_languages(
        reader_countries=[membership.member.country],
        issuer_languages=network_settings_of(membership.network).certificate_languages,
    )


def _certificate_issue(*, actor: Any, membership: NetworkMembership) -> Certificate:
    issued_at = timezone.now().replace(microsecond=0)
    number = f"PLC-{issued_at.year}-{_next_number('certificate', issued_at.year):06d}"
    payload = certificate_payload(number=number, membership=membership, issued_at=issued_at)
    assert membership.valid_from is not None and membership.valid_until is not None
    certificate = Certificate.objects.create(
        membership=membership,
        number=number,
        languages=certificate_languages(membership),
        issued_at=issued_at,
        valid_from=membership.valid_from,
        valid_until=membership.valid_until,
        payload=payload,
        signature=signatures.sign(payload),
    )
    for organisation_id in (membership.network_id, membership.member_id):
        audit_record(
            actor=actor,
            action="certificate.issue",
            target=certificate,
            changes={"number": number, "valid_until": certificate.valid_until},
            organisation_id=organisation_id,
        )
    return certificate


def _revoke_current_certificates(*, actor: Any, membership: NetworkMembership, reason: StrOrPromise) -> None:
    for certificate in membership.certificates.filter(revoked_at=None):
        _certificate_revoke(actor=actor, certificate=certificate, reason=str(reason))


def _certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    membership = certificate.membership
    for organisation_id in (membership.network_id, membership.member_id):
        audit_record(
            actor=actor,
            action="certificate.revoke",
            target=certificate,
            changes={"revoked_at": certificate.revoked_at, "revocation_reason": reason},
            organisation_id=organisation_id,
        )
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """The secretariat withdraws a certificate, with a reason shown to whoever verifies it."""
    _deny_unless_secretariat(actor, certificate.membership)
    if not reason.strip():
        raise field_error("reason", _("Give a reason for the revocation."), code="required")
    certificate = Certificate.objects.select_for_update().select_related("membership").get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise field_error("reason", _("This certificate has already been revoked."), code="already_revoked")
    return _certificate_revoke(actor=actor, certificate=certificate, reason=reason.strip())
