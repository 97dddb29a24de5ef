"""What every step of an application shares: its numbering, its history step with the audit event,
the notifications it sends, the status check, and the matching engine's update."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.audit import audit_record
from core.notifications import notification_send
from directory.models import OrganisationMembership
from exchanges.models import Application, ApplicationEvent
from exchanges.services.access import _signed_in
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
        recipients=[application.applicant],
        topic="exchanges.application_status",
        subject=format_lazy(
            _("Your application {reference} is now: {status}"),
            reference=application.reference,
            status=Application.Status(application.status).label,
        ),
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


def _deny_unless_status(application: Application, allowed: Iterable[str], action: StrOrPromise) -> None:
    if application.status not in set(allowed):
        raise ValidationError(
            _("An application that is %(status)s cannot be %(action)s."),
            code="invalid_transition",
            params={"status": application.get_status_display().lower(), "action": action},
        )


def _matching_changed(kind: str, object_id: int) -> None:
    """Tell the matching engine a record's text or indexable state changed (re-embedded on commit)."""
    record_changed(kind=kind, object_id=object_id)
