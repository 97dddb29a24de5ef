"""Every write to expressions of interest: checked, atomic, on the profile's history and in the audit
trail (under the profile owner's organisation).

    pending ──accept──> accepted ──(messages, one outcome per side)
       │
       ├──decline (reason code)──> declined
       ├──withdraw (sender)──────> withdrawn
       └──(EOI_RESPONSE_DAYS without an answer)──> expired

Emails go out after the transaction commits (`marketplace.eoi_tasks`); those to the sender's side
never name an anonymous owner before it accepts (`marketplace.eoi_notifications`).
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.forms import field_error
from core.permissions import deny_unless
from directory.models import Organisation
from marketplace.eoi_selectors import member_organisation_ids
from marketplace.eoi_tasks import eoi_email_send
from marketplace.models import (
    EoiMessage,
    EoiOutcome,
    ExpressionOfInterest,
    Profile,
    ProfileEvent,
    ProfilePartnershipType,
)
from marketplace.selectors import profiles_visible_to

Status = ExpressionOfInterest.Status
MESSAGE_MAX_LENGTH = 4000
CONTRIBUTION_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000


def _notify(eoi: ExpressionOfInterest, message: str, **extra: Any) -> None:
    eoi_id = eoi.pk
    transaction.on_commit(lambda: eoi_email_send.enqueue(eoi_id=eoi_id, message=message, **extra))


def _record(
    *,
    actor: Any,
    eoi: ExpressionOfInterest,
    action: str,
    changes: dict[str, Any],
    note: str = "",
) -> None:
    """The profile's history and the audit trail, both under the profile owner's organisation."""
    person = actor if actor is not None and actor.is_authenticated else None
    ProfileEvent.objects.create(
        profile=eoi.profile,
        actor=person,
        actor_name=person.get_full_name() if person is not None else "",
        action=f"eoi_{action}",
        note=note,
        changes={"eoi": eoi.pk, "sender_organisation": eoi.sender_organisation_id, **changes},
    )
    audit_record(
        actor=actor,
        action=f"eoi.{action}",
        target=eoi,
        changes=changes,
        organisation_id=eoi.profile.owner_id,
    )


def _locked(eoi: ExpressionOfInterest) -> ExpressionOfInterest:
    return (
        ExpressionOfInterest.objects.select_for_update(of=("self",))
        .select_related("profile", "sender_organisation")
        .get(pk=eoi.pk)
    )


def _check_text(field: str, value: str, *, max_length: int, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise field_error(field, _("This field is required."), code="required")
    if len(value) > max_length:
        raise field_error(
            field,
            _("Keep this under %(limit)d characters."),
            code="max_length",
            params={"limit": max_length},
        )
    return value


def _check_pending(eoi: ExpressionOfInterest, now: datetime.datetime) -> None:
    if eoi.status != Status.PENDING or eoi.expires_at <= now:
        raise field_error(
            "__all__",
            _("This expression of interest is no longer waiting for an answer."),
            code="not_pending",
        )


def _check_accepted(eoi: ExpressionOfInterest) -> None:
    if eoi.status != Status.ACCEPTED:
        raise field_error(
            "__all__",
            _("Only an accepted expression of interest has a conversation and outcomes."),
            code="not_accepted",
        )


@transaction.atomic
def eoi_send(
    *,
    sender: Any,
    sender_organisation: Organisation,
    profile: Profile,
    message: str,
    contribution: str = "",
    now: datetime.datetime | None = None,
) -> ExpressionOfInterest:
    """`sender`, on behalf of an organisation they belong to, expresses interest in a published
    profile of another organisation; its people are emailed."""
    now = now or timezone.now()
    deny_unless(
        sender.is_authenticated and sender_organisation.pk in member_organisation_ids(sender),
        _("You can only express interest on behalf of an organisation you belong to."),
    )
    deny_unless(
        profiles_visible_to(sender, now=now).filter(pk=profile.pk).exists(),
        _("You cannot see this profile."),
    )
    # Lock the profile so that two colleagues cannot send the same organisation's interest twice.
    profile = Profile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
    if sender_organisation.pk == profile.owner_id:
        raise field_error(
            "sender_organisation",
            _("An organisation cannot express interest in its own profile."),
            code="own_profile",
        )
    if sender_organisation.status != Organisation.Status.ACTIVE:
        raise field_error(
            "sender_organisation", _("This organisation is not active."), code="inactive_organisation"
        )
    if profile.status != Profile.Status.PUBLISHED or (profile.expires_at and profile.expires_at <= now):
        raise field_error("__all__", _("This profile is not published."), code="not_published")
    if not profile.open_for_eoi:
        raise field_error(
            "__all__", _("This profile does not take expressions of interest."), code="closed_for_eoi"
        )
    message = _check_text("message", message, max_length=MESSAGE_MAX_LENGTH, required=True)
    contribution = _check_text(
        "contribution", contribution, max_length=CONTRIBUTION_MAX_LENGTH, required=False
    )
    if ExpressionOfInterest.objects.filter(
        profile=profile,
        sender_organisation=sender_organisation,
        status__in=[Status.PENDING, Status.ACCEPTED],
    ).exists():
        raise field_error(
            "sender_organisation",
            _("This organisation has already expressed interest in this profile."),
            code="duplicate",
        )
    eoi = ExpressionOfInterest.objects.create(
        profile=profile,
        sender_organisation=sender_organisation,
        sender=sender,
        message=message,
        contribution=contribution,
        expires_at=now + datetime.timedelta(days=settings.EOI_RESPONSE_DAYS),
    )
    _record(actor=sender, eoi=eoi, action="received", changes={"status": [None, eoi.status]})
    _notify(eoi, "received")
    return eoi


def _check_owner_side(actor: Any, eoi: ExpressionOfInterest) -> None:
    deny_unless(
        actor.is_authenticated and eoi.profile.owner_id in member_organisation_ids(actor),
        _("Only the people of the profile's organisation answer its expressions of interest."),
    )


@transaction.atomic
def eoi_accept(
    *,
    actor: Any,
    eoi: ExpressionOfInterest,
    message: str = "",
    now: datetime.datetime | None = None,
) -> ExpressionOfInterest:
    """The owner accepts: both sides see each other's contacts and the conversation opens (with
    `message` as its first post, if given). The sender is emailed."""
    now = now or timezone.now()
    _check_owner_side(actor, eoi)
    eoi = _locked(eoi)
    _check_pending(eoi, now)
    message = _check_text("message", message, max_length=MESSAGE_MAX_LENGTH, required=False)
    eoi.status = Status.ACCEPTED
    eoi.answered_at = now
    eoi.answered_by = actor
    eoi.save(update_fields=["status", "answered_at", "answered_by", "updated_at"])
    _record(actor=actor, eoi=eoi, action="accepted", changes={"status": [Status.PENDING, eoi.status]})
    if message:
        EoiMessage.objects.create(eoi=eoi, author=actor, author_name=actor.get_full_name(), body=message)
    _notify(eoi, "accepted")
    return eoi


@transaction.atomic
def eoi_decline(
    *,
    actor: Any,
    eoi: ExpressionOfInterest,
    reason: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ExpressionOfInterest:
    """The owner declines with a reason code (and a note, required for "other"); the sender is
    emailed, without the owner's name if the profile is anonymous."""
    now = now or timezone.now()
    _check_owner_side(actor, eoi)
    eoi = _locked(eoi)
    _check_pending(eoi, now)
    if reason not in ExpressionOfInterest.DeclineReason.values:
        raise field_error("reason", _("Choose a reason."), code="invalid_reason")
    note = _check_text(
        "note",
        note,
        max_length=NOTE_MAX_LENGTH,
        required=reason == ExpressionOfInterest.DeclineReason.OTHER,
    )
    eoi.status = Status.DECLINED
    eoi.decline_reason = reason
    eoi.decline_note = note
    eoi.answered_at = now
    eoi.answered_by = actor
    eoi.save(
        update_fields=["status", "decline_reason", "decline_note", "answered_at", "answered_by", "updated_at"]
    )
    _record(
        actor=actor,
        eoi=eoi,
        action="declined",
        changes={"status": [Status.PENDING, eoi.status], "decline_reason": reason},
        note=note,
    )
    _notify(eoi, "declined")
    return eoi


@transaction.atomic
def eoi_withdraw(*, actor: Any, eoi: ExpressionOfInterest) -> ExpressionOfInterest:
    """The sender's side takes back an expression of interest that is still waiting."""
    deny_unless(
        actor.is_authenticated and eoi.sender_organisation_id in member_organisation_ids(actor),
        _("Only the people of the organisation that sent it can withdraw an expression of interest."),
    )
    eoi = _locked(eoi)
    if eoi.status != Status.PENDING:
        raise field_error(
            "__all__",
            _("Only an expression of interest still waiting for an answer can be withdrawn."),
            code="not_pending",
        )
    eoi.status = Status.WITHDRAWN
    eoi.save(update_fields=["status", "updated_at"])
    _record(actor=actor, eoi=eoi, action="withdrawn", changes={"status": [Status.PENDING, eoi.status]})
    _notify(eoi, "withdrawn")
    return eoi


@transaction.atomic
def eoi_expire_overdue(*, now: datetime.datetime) -> int:
    """Every expression of interest still pending after its `expires_at` expires, and its sender is
    told; returns how many expired. Run daily (`manage.py expire_eois`, or the periodic task)."""
    overdue = (
        ExpressionOfInterest.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("profile")
        .filter(status=Status.PENDING, expires_at__lte=now)
        .order_by("expires_at", "id")
    )
    expired = 0
    for eoi in overdue:
        eoi.status = Status.EXPIRED
        eoi.save(update_fields=["status", "updated_at"])
        _record(actor=None, eoi=eoi, action="expired", changes={"status": [Status.PENDING, eoi.status]})
        _notify(eoi, "expired")
        expired += 1
    return expired


def _side_of(actor: Any, eoi: ExpressionOfInterest) -> int | None:
    """The organisation `actor` speaks for on this EOI: the owner's if they belong to both."""
    mine = member_organisation_ids(actor) if actor.is_authenticated else set()
    if eoi.profile.owner_id in mine:
        return eoi.profile.owner_id
    if eoi.sender_organisation_id in mine:
        return eoi.sender_organisation_id
    return None


@transaction.atomic
def eoi_message_post(*, author: Any, eoi: ExpressionOfInterest, body: str) -> EoiMessage:
    """A message in the conversation of an accepted expression of interest; the other side is emailed."""
    side = _side_of(author, eoi)
    if side is None:
        raise PermissionDenied(str(_("Only the two organisations concerned take part in the conversation.")))
    eoi = _locked(eoi)
    _check_accepted(eoi)
    body = _check_text("body", body, max_length=MESSAGE_MAX_LENGTH, required=True)
    post = EoiMessage.objects.create(eoi=eoi, author=author, author_name=author.get_full_name(), body=body)
    audit_record(
        actor=author,
        action="eoi.message_post",
        target=eoi,
        changes={"message": post.pk},
        organisation_id=eoi.profile.owner_id,
    )
    _notify(eoi, "message", from_owner_side=side == eoi.profile.owner_id)
    return post


@transaction.atomic
def eoi_outcome_record(
    *, actor: Any, eoi: ExpressionOfInterest, outcome: str, agreement_type: str = ""
) -> EoiOutcome:
    """What came of an accepted expression of interest, as the actor's side sees it (one record per
    side, which may be updated). The kind of agreement is required when one was signed."""
    side = _side_of(actor, eoi)
    if side is None:
        raise PermissionDenied(str(_("Only the two organisations concerned record the outcome.")))
    eoi = _locked(eoi)
    _check_accepted(eoi)
    if outcome not in EoiOutcome.Outcome.values:
        raise field_error("outcome", _("Choose an outcome."), code="invalid_outcome")
    if outcome == EoiOutcome.Outcome.AGREEMENT_SIGNED:
        if agreement_type not in ProfilePartnershipType.Type.values:
            raise field_error(
                "agreement_type", _("Say which kind of agreement was signed."), code="agreement_type_required"
            )
    else:
        agreement_type = ""
    record = EoiOutcome.objects.filter(eoi=eoi, organisation_id=side).first()
    before = [record.outcome, record.agreement_type] if record else [None, None]
    if record is None:
        record = EoiOutcome.objects.create(
            eoi=eoi, organisation_id=side, outcome=outcome, agreement_type=agreement_type, recorded_by=actor
        )
    else:
        record.outcome = outcome
        record.agreement_type = agreement_type
        record.recorded_by = actor
        record.save(update_fields=["outcome", "agreement_type", "recorded_by", "updated_at"])
    _record(
        actor=actor,
        eoi=eoi,
        action="outcome_recorded",
        changes={
            "side": side,
            "outcome": [before[0], outcome],
            "agreement_type": [before[1], agreement_type],
        },
    )
    return record
