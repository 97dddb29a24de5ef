"""Attendance: checking people in at the event and their signed attendance certificates."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timezones import venue_day
from directory.services import field_error
from events.documents import certificate_number, certificate_number_scope
from events.models import (
    ATTENDANCE_PAYLOAD_TYPE,
    AttendanceCertificate,
    Registration,
)
from events.selectors import is_organiser
from events.services._shared import Status, _record
from events.services.registration_workflow import _check_registration_action, _locked_registration
from signing import signatures
from signing.numbering import next_number


def venue_day_iso(moment: datetime.datetime, zone: str) -> str:
    day = venue_day(moment, zone)
    assert day is not None
    return day.isoformat()


@transaction.atomic
def registration_check_in(*, actor: Any, registration: Registration) -> Registration:
    """Mark a registered person as arrived (scanning their badge or finding their name)."""
    registration = _locked_registration(registration)
    _check_registration_action(actor, registration, "check_in")
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
        _record(actor=actor, event=registration.event, action="checked_in", target=registration, changes={})
    return registration


@transaction.atomic
def certificate_issue(
    *, actor: Any, registration: Registration, now: datetime.datetime | None = None
) -> AttendanceCertificate:
    """A signed attendance certificate for a person who checked in (issued once; later calls return it)."""
    registration = _locked_registration(registration)
    event = registration.event
    is_self = actor.is_authenticated and registration.user_id == actor.pk
    if not (is_self or is_organiser(actor, event)):
        raise PermissionDenied(str(_("Only the attendee or the organisers may issue this certificate.")))
    existing = AttendanceCertificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    if registration.status != Status.COMPLETE or registration.checked_in_at is None:
        raise field_error(
            "__all__",
            _("A certificate is issued to people who checked in at the event."),
            code="not_attended",
        )
    now = now or timezone.now()
    number = certificate_number(now.year, next_number(certificate_number_scope(now.year)))
    payload = signatures.versioned(
        {
            "type": ATTENDANCE_PAYLOAD_TYPE,
            "number": number,
            "attendee": registration.user.get_full_name(),
            "organisation": registration.organisation.name if registration.organisation else "",
            "event": event.title,
            "event_kind": event.kind,
            "organisers": [organisation.name for organisation in event.organisers.order_by("name")],
            # The days at the venue: a morning in Tehran can still be the previous day in UTC.
            "starts_on": venue_day_iso(event.starts_at, event.time_zone),
            "ends_on": venue_day_iso(event.ends_at, event.time_zone),
            "issued_at": now.isoformat(),
        }
    )
    certificate = AttendanceCertificate.objects.create(
        registration=registration,
        number=number,
        payload=payload,
        signature=signatures.sign(payload),
        issued_at=now,
        issued_by=actor if actor.is_authenticated else None,
    )
    _record(
        actor=actor, event=event, action="certificate_issued", target=certificate, changes={"number": number}
    )
    return certificate
