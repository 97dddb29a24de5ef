"""Writes about agreements (MoUs): drafting, editing, documents, negotiation, hash-bound approvals,
signing, ending, renewing and expiry. Which status each action may start from, and who may take it, is
the table in `hubs.agreement_workflow`; every service here asks it first."""

import datetime
import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.notifications import notification_send
from core.permissions import deny_unless
from core.uploads import verify_upload
from directory.models import Organisation, OrganisationMembership
from hubs.agreement_workflow import TRANSITIONS, check_transition
from hubs.cooperation_areas import COOPERATION_AREA_LABELS
from hubs.models import Agreement, AgreementDocument, AgreementEvent, AgreementParty, AgreementScope, Hub
from hubs.notifications import agreement_signed_notify
from hubs.selectors import AgreementPermissions, agreement_permissions, hub_permissions

AGREEMENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _check_action(actor: Any, agreement: Agreement, action: str) -> AgreementPermissions:
    """Refuse `action` unless the transition table allows it to `actor` on the agreement as it is now."""
    permissions = agreement_permissions(actor, agreement)
    check_transition(status=agreement.status, roles=permissions.roles, action=action)
    return permissions


def _record(
    agreement: Agreement, *, actor: Any, action: str, organisation: Organisation | None = None, note: str = ""
) -> None:
    person = actor if getattr(actor, "is_authenticated", False) else None
    AgreementEvent.objects.create(
        agreement=agreement,
        actor=person,
        actor_name=person.get_full_name() if person is not None else "",
        action=action,
        organisation=organisation,
        text_hash=agreement.text_hash,
        note=note,
    )
    audit_record(
        actor=actor,
        action=f"hubs.agreement_{action}",
        target=agreement,
        changes={"text_hash": agreement.text_hash, "status": agreement.status},
        organisation_id=agreement.hub.host_id,
    )


def _check_agreement_input(
    *,
    title: str,
    text: str,
    parties: Sequence[Organisation],
    scope: Sequence[str],
    starts_on: Any,
    ends_on: Any,
) -> None:
    errors: dict[str, Any] = {}
    if not title.strip():
        errors["title"] = _("Give the agreement a title.")
    if not text.strip():
        errors["text"] = _("Write the agreement's text.")
    if len({party.pk for party in parties}) < 2:
        errors["parties"] = _("An agreement has two or more parties.")
    unknown = [area for area in scope if area not in COOPERATION_AREA_LABELS]
    if unknown:
        errors["scope"] = _("Unknown area of cooperation: %(areas)s") % {"areas": ", ".join(unknown)}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)


def _rehash(agreement: Agreement, *, actor: Any) -> bool:
    """Recompute the text's hash; if it changed, void every approval (returns whether any was)."""
    new_hash = agreement.computed_text_hash()
    if new_hash == agreement.text_hash:
        return False
    agreement.text_hash = new_hash
    voided = agreement.parties.exclude(approved_hash="").update(
        approved_hash="", approved_at=None, approved_by=None
    )
    if agreement.status == Agreement.Status.APPROVED:
        agreement.status = Agreement.Status.NEGOTIATION
    agreement.save(update_fields=["text_hash", "status", "updated_at"])
    if voided:
        _record(agreement, actor=actor, action="approvals_voided")
    return bool(voided)


def _set_parties_and_scope(
    agreement: Agreement, parties: Sequence[Organisation], scope: Sequence[str]
) -> None:
    wanted = {party.pk for party in parties}
    agreement.parties.exclude(organisation_id__in=wanted).delete()
    existing = set(agreement.parties.values_list("organisation_id", flat=True))
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organisation_id=pk) for pk in sorted(wanted - existing)
    )
    agreement.scope.exclude(area__in=scope).delete()
    existing_areas = set(agreement.scope.values_list("area", flat=True))
    AgreementScope.objects.bulk_create(
        AgreementScope(agreement=agreement, area=area) for area in sorted(set(scope) - existing_areas)
    )


@transaction.atomic
def agreement_draft(
    *,
    actor: Any,
    hub: Hub,
    kind: str,
    title: str,
    text: str,
    parties: Sequence[Organisation],
    scope: Sequence[str] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Agreement:
    deny_unless(hub_permissions(actor, hub).can_manage, _("Only the hub's managers draft agreements."))
    _check_agreement_input(
        title=title, text=text, parties=parties, scope=scope, starts_on=starts_on, ends_on=ends_on
    )
    agreement = Agreement.objects.create(
        hub=hub,
        kind=kind,
        title=title.strip(),
        text=text,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    _set_parties_and_scope(agreement, parties, scope)
    agreement.text_hash = agreement.computed_text_hash()
    agreement.save(update_fields=["text_hash"])
    _record(agreement, actor=actor, action="draft")
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    kind: str,
    title: str,
    text: str,
    parties: Sequence[Organisation],
    scope: Sequence[str] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Agreement:
    """Change the agreement; any change to what the parties approve voids every approval."""
    _check_action(actor, agreement, "update")
    _check_agreement_input(
        title=title, text=text, parties=parties, scope=scope, starts_on=starts_on, ends_on=ends_on
    )
    agreement.kind, agreement.title, agreement.text = kind, title.strip(), text
    agreement.starts_on, agreement.ends_on = starts_on, ends_on
    agreement.save(update_fields=["kind", "title", "text", "starts_on", "ends_on", "updated_at"])
    _set_parties_and_scope(agreement, parties, scope)
    _record(agreement, actor=actor, action="update")
    _rehash(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_document_add(*, actor: Any, agreement: Agreement, upload: UploadedFile) -> AgreementDocument:
    """Attach a document (a PDF or an image, recognised by its content, at most 10 MB); it is part of what
    the parties approve, so approvals so far are voided."""
    _check_action(actor, agreement, "document_add")
    try:
        verified = verify_upload(upload, max_bytes=AGREEMENT_DOCUMENT_MAX_BYTES)
    except ValidationError as refusal:
        raise ValidationError({"file": refusal.error_list}) from refusal
    document = AgreementDocument(
        agreement=agreement,
        original_name=verified.original_name,
        sha256=hashlib.sha256(verified.content).hexdigest(),
        uploaded_by=actor,
    )
    # Stored under a random name with the extension its content proved, never the name it came with.
    document.file.save(verified.stored_name, ContentFile(verified.content), save=False)
    document.save()
    _record(agreement, actor=actor, action="document_add", note=document.original_name)
    _rehash(agreement, actor=actor)
    return document


@transaction.atomic
def agreement_negotiation_open(*, actor: Any, agreement: Agreement) -> Agreement:
    _check_action(actor, agreement, "negotiate")
    agreement.status = Agreement.Status.NEGOTIATION
    agreement.save(update_fields=["status", "updated_at"])
    _record(agreement, actor=actor, action="negotiation_open")
    others = [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation__in=agreement.parties.values("organisation"),
            role=OrganisationMembership.Role.ADMIN,
            user__is_active=True,
        ).select_related("user")
        if membership.user != actor
    ]
    notification_send(
        recipients=others,
        topic="hubs.agreement_negotiation",
        subject=format_lazy(_("Agreement open for your approval: {title}"), title=agreement.title),
        url=reverse("hubs:agreement_detail", args=[agreement.pk]),
    )
    return agreement


@transaction.atomic
def agreement_approve(
    *,
    actor: Any,
    agreement: Agreement,
    party: Organisation,
    text_hash: str,
    now: datetime.datetime | None = None,
) -> Agreement:
    """Approve the version of the text whose hash is `text_hash`, on behalf of `party`. When every party
    has approved the current text, the agreement is approved and may be signed."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    permissions = _check_action(actor, agreement, "approve")
    deny_unless(party.pk in permissions.approvable_party_ids, TRANSITIONS["approve"].denied)
    if text_hash != agreement.text_hash:
        raise ValidationError(
            {
                "text_hash": _(
                    "The agreement changed since you read it. Read the current text and approve again."
                )
            }
        )
    agreement.parties.filter(organisation=party).update(
        approved_hash=text_hash, approved_at=now or timezone.now(), approved_by=actor
    )
    _record(agreement, actor=actor, action="approve", organisation=party)
    if not agreement.parties.exclude(approved_hash=agreement.text_hash).exists():
        agreement.status = Agreement.Status.APPROVED
        agreement.save(update_fields=["status", "updated_at"])
        _record(agreement, actor=actor, action="approved_by_all")
    return agreement


@transaction.atomic
def agreement_sign(*, actor: Any, agreement: Agreement, signed_on: datetime.date | None = None) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _check_action(actor, agreement, "sign")
    if (
        agreement.computed_text_hash() != agreement.text_hash
        or agreement.parties.exclude(approved_hash=agreement.text_hash).exists()
    ):
        raise ValidationError(_("Every party must approve the current text before it is signed."))
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on or timezone.localdate()
    if agreement.starts_on is None:
        agreement.starts_on = agreement.signed_on
    agreement.save(update_fields=["status", "signed_on", "starts_on", "updated_at"])
    _record(agreement, actor=actor, action="sign")
    agreement_id, actor_id = agreement.pk, getattr(actor, "pk", None)
    transaction.on_commit(lambda: agreement_signed_notify(agreement_id=agreement_id, actor_id=actor_id))
    return agreement


@transaction.atomic
def agreement_terminate(
    *, actor: Any, agreement: Agreement, reason: str, on: datetime.date | None = None
) -> Agreement:
    _check_action(actor, agreement, "terminate")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the agreement ends.")})
    agreement.status, agreement.closed_on, agreement.closing_note = (
        Agreement.Status.TERMINATED,
        on or timezone.localdate(),
        reason,
    )
    agreement.save(update_fields=["status", "closed_on", "closing_note", "updated_at"])
    _record(agreement, actor=actor, action="terminate", note=reason)
    return agreement


@transaction.atomic
def agreement_renew(*, actor: Any, agreement: Agreement) -> Agreement:
    """Mark the agreement renewed and open its successor as a draft with the same text and parties."""
    _check_action(actor, agreement, "renew")
    successor = agreement_draft(
        actor=actor,
        hub=agreement.hub,
        kind=agreement.kind,
        title=agreement.title,
        text=agreement.text,
        parties=[party.organisation for party in agreement.parties.select_related("organisation")],
        scope=list(agreement.scope.values_list("area", flat=True)),
    )
    successor.renews = agreement
    successor.save(update_fields=["renews"])
    agreement.status, agreement.closed_on = Agreement.Status.RENEWED, timezone.localdate()
    agreement.save(update_fields=["status", "closed_on", "updated_at"])
    _record(agreement, actor=actor, action="renew")
    return successor


def agreements_expire_due(*, today: datetime.date) -> int:
    """Signed agreements whose end date has passed become expired (run daily)."""
    expired = 0
    for agreement in Agreement.objects.filter(
        status__in=TRANSITIONS["expire"].from_statuses, ends_on__lt=today
    ).select_related("hub"):
        with transaction.atomic():
            agreement.status, agreement.closed_on = Agreement.Status.EXPIRED, agreement.ends_on
            agreement.save(update_fields=["status", "closed_on", "updated_at"])
            _record(agreement, actor=None, action="expire")
        expired += 1
    return expired
