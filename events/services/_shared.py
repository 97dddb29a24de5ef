"""What every events service shares: the audit record (under the event's first organiser), the
organiser check, and the email and notifications a write sends."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless
from events.email_tasks import registration_email_send
from events.models import Event, MeetingRequest, Registration
from events.selectors import is_organiser

Status = Registration.Status
RequestStatus = MeetingRequest.Status
ORGANISERS_ONLY = _("Only the event's organisers may do this.")


def _record(*, actor: Any, event: Event, action: str, target: Any, changes: dict[str, Any]) -> None:
    first_organiser = event.organisers.order_by("pk").values_list("pk", flat=True).first()
    audit_record(
        actor=actor,
        action=f"events.{action}",
        target=target,
        changes=changes,
        organisation_id=first_organiser,
    )


def _deny_unless_organiser(actor: Any, event: Event) -> None:
    deny_unless(is_organiser(actor, event), ORGANISERS_ONLY)


def _email(registration: Registration, message: str) -> None:
    registration_id = registration.pk
    transaction.on_commit(
        lambda: registration_email_send.enqueue(registration_id=registration_id, message=message)
    )


def _notify(recipients: list[Any], topic: str, subject: Any, url: str) -> None:
    from core.notifications import notification_send

    # Stored in the same transaction as the write it announces.
    notification_send(recipients=recipients, topic=topic, subject=subject, url=url)


def validation_messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)
