"""Registrations: creating them, the organisers' decisions, withdrawal and the waitlist. Which action
may start from which status, and who may take it, is the table in `registration_workflow`.

Registration:   (capacity left, not moderated) -> complete
                (capacity left, moderated)      -> pending -> complete | rejected
                (event full)                    -> waitlisted -> complete when a place frees up
                any of them                     -> withdrawn (by the person)
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless
from directory.models import Organisation
from directory.services import field_error
from events.models import Event, Participant, Registration, RegistrationQuestion
from events.selectors import member_organisations_of
from events.services._shared import Status, _email, _record
from events.services.locks import event_lock, first_row_lock
from events.services.registration_workflow import _check_registration_action, _locked_registration

ANSWER_MAX_LENGTH = 2000


def _clean_answers(event: Event, answers: dict[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for question in event.questions.all():
        value = str(answers.get(str(question.pk), "") or "").strip()
        field = f"question_{question.pk}"
        if question.required and not value:
            raise field_error(field, _("This field is required."), code="required")
        if len(value) > ANSWER_MAX_LENGTH:
            raise field_error(
                field,
                _("Keep this under %(limit)d characters."),
                code="max_length",
                params={"limit": ANSWER_MAX_LENGTH},
            )
        if value and question.kind == RegistrationQuestion.Kind.CHOICE and value not in question.choice_list:
            raise field_error(field, _("Choose one of the offered answers."), code="invalid_choice")
        if value:
            cleaned[str(question.pk)] = value
    return cleaned


def _places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=[Status.COMPLETE, Status.PENDING]).count()


def _participant_ensure(registration: Registration) -> None:
    if registration.event.is_brokerage and registration.status == Status.COMPLETE:
        Participant.objects.get_or_create(event=registration.event, registration=registration)


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    event: Event,
    organisation: Organisation | None = None,
    answers: dict[str, Any] | None = None,
) -> Registration:
    """Register `actor`: complete at once, pending the organisers' approval, or on the waitlist when
    the event is full. A confirmation email follows."""
    deny_unless(actor.is_authenticated, _("Log in to register."))
    event = event_lock(event.pk)  # one place, one person at a time
    if event.status != Event.Status.PUBLISHED:
        raise field_error("__all__", _("This event is not open for registration."), code="not_open")
    if event.ends_at <= timezone.now():
        raise field_error("__all__", _("This event is over."), code="over")
    if organisation is not None and not member_organisations_of(actor).filter(pk=organisation.pk).exists():
        raise field_error("organisation", _("Choose an organisation you belong to."), code="not_member")
    cleaned = _clean_answers(event, answers or {})
    existing = Registration.objects.filter(event=event, user=actor).first()
    if existing is not None and existing.status != Status.WITHDRAWN:
        raise field_error("__all__", _("You are already registered for this event."), code="duplicate")
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        status = Status.WAITLISTED
    elif event.moderated:
        status = Status.PENDING
    else:
        status = Status.COMPLETE
    registration = existing or Registration(event=event, user=actor)
    before = registration.status or None
    registration.status = status
    registration.organisation = organisation
    registration.answers = cleaned
    registration.decided_by = None
    registration.decided_at = None
    registration.rejection_reason = ""
    registration.save()
    _participant_ensure(registration)
    _record(
        actor=actor,
        event=event,
        action="registration_created",
        target=registration,
        changes={"status": [before, status]},
    )
    _email(registration, status)
    return registration


def _set_status(registration: Registration, status: str, *, actor: Any, reason: str = "") -> None:
    before = registration.status
    registration.status = status
    registration.decided_by = actor if actor is not None and actor.is_authenticated else None
    registration.decided_at = timezone.now()
    registration.rejection_reason = reason
    registration.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason", "updated_at"])
    _participant_ensure(registration)
    _record(
        actor=actor,
        event=registration.event,
        action=f"registration_{status}",
        target=registration,
        changes={"status": [before, status]},
    )
    _email(registration, status)


@transaction.atomic
def registration_approve(*, actor: Any, registration: Registration) -> Registration:
    registration = _locked_registration(registration)
    _check_registration_action(actor, registration, "approve")
    _set_status(registration, Status.COMPLETE, actor=actor)
    return registration


@transaction.atomic
def registration_reject(*, actor: Any, registration: Registration, reason: str = "") -> Registration:
    registration = _locked_registration(registration)
    _check_registration_action(actor, registration, "reject")
    was_holding_a_place = registration.status in (Status.PENDING, Status.COMPLETE)
    _set_status(registration, Status.REJECTED, actor=actor, reason=(reason or "").strip()[:500])
    if was_holding_a_place:
        _waitlist_promote(registration.event)
    return registration


@transaction.atomic
def registration_withdraw(*, actor: Any, registration: Registration) -> Registration:
    registration = _locked_registration(registration)
    _check_registration_action(actor, registration, "withdraw")
    was_holding_a_place = registration.status in (Status.PENDING, Status.COMPLETE)
    _set_status(registration, Status.WITHDRAWN, actor=actor)
    if was_holding_a_place:
        _waitlist_promote(registration.event)
    return registration


def _waitlist_promote(event: Event) -> None:
    """Give a freed place to the first person on the waitlist (pending if the event is moderated)."""
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        return
    # The event is locked already (the registration's lock took it first).
    first = first_row_lock(event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "pk"))
    if first is not None:
        _set_status(first, Status.PENDING if event.moderated else Status.COMPLETE, actor=None)
