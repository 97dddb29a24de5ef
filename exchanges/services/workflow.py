"""What every step of an application shares: its numbering, the check against the transition table
(`exchanges.transitions`), its history step with the audit event, the notifications it sends, and the
matching engine's update."""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.audit import audit_record
from core.notifications import notification_send
from core.permissions import deny_unless
from directory.models import OrganisationMembership
from exchanges.models import Application, ApplicationEvent
from exchanges.notifications import application_status_sentence
from exchanges.selectors import access_to
from exchanges.services.access import _signed_in
from exchanges.transitions import TRANSITIONS, WHO_REFUSALS, roles_of, state_refusal
from matching.services import record_changed
from signing.numbering import next_number


def _next_number(prefix: str) -> int:
    """The next number after `prefix` ("PLX-INV-2026", "APP-2026") from the signed-document kernel's
    counter, where signing's migration 0002 copied the counts made before it."""
    return next_number(f"exchanges.{prefix}")


def _step(*, actor: Any, application: Application, action: str, from_status: str, note: str = "") -> None:
    person = actor if _signed_in(actor) else None
    ApplicationEvent.objects.create(
        application=application,
        actor=person,
        actor_name=person.get_full_name() if person is not None else "",
        action=action,
        from_status=from_status,
        to_status=application.status,
        note=note,
    )
    changes: dict[str, Any] = {}
    if from_status != application.status:
        changes["status"] = [from_status or None, application.status]
        _matching_changed("exchanges.application", application.pk)
    if note:
        changes["note"] = note
    audit_record(
        actor=person,
        action=f"exchanges.application.{action}",
        target=application,
        changes=changes,
        organisation_id=application.call.programme.network_id,
    )


def _application_url(application: Application) -> str:
    return reverse("exchanges:application_detail", kwargs={"pk": application.pk})


def _tell_applicant(application: Application) -> None:
    notification_send(
        recipients=[application.applicant] if application.applicant is not None else [],
        topic="exchanges.application_status",
        subject=application_status_sentence(application),
        body=application.decision_reason,
        url=_application_url(application),
    )


def _managers_of(application: Application) -> list[Any]:
    return [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation_id=application.call.programme.network_id,
            role=OrganisationMembership.Role.SECRETARIAT,
        ).select_related("user")
    ]


def _host_people(application: Application) -> list[Any]:
    return [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation_id=application.host_organisation_id
        ).select_related("user")
    ]


def _deny_unless_state(application: Application, action: str) -> None:
    """Refuse the action, with the table's sentence for it, unless the application's state allows it."""
    refusal = state_refusal(application, action)
    if refusal is not None:
        raise ValidationError(refusal, code="invalid_transition")


def _deny_unless_allowed(actor: Any, application: Application, action: str) -> None:
    """Refuse the action unless the table lets this person take it (checked first) from this state."""
    transition = TRANSITIONS[action]
    deny_unless(
        bool(roles_of(access_to(actor, application)) & transition.actors), WHO_REFUSALS[transition.actors]
    )
    _deny_unless_state(application, action)


def _matching_changed(kind: str, object_id: int) -> None:
    """Tell the matching engine a record's text or indexable state changed (re-embedded on commit)."""
    record_changed(kind=kind, object_id=object_id)
