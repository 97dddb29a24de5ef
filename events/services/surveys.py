"""After a brokerage: meeting outcomes and the outcome survey."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless
from directory.services import field_error
from events.models import Event, Meeting, MeetingOutcome, Participant
from events.services._shared import _notify, _record
from events.services.locks import events_lock


@transaction.atomic
def meeting_outcome_record(
    *, actor: Any, meeting: Meeting, outcome: str, comment: str = ""
) -> MeetingOutcome:
    participant = next((p for p in (meeting.a, meeting.b) if p.registration.user_id == actor.pk), None)
    deny_unless(participant is not None, _("Only the two participants record a meeting's outcome."))
    assert participant is not None
    if meeting.slot is None:
        raise field_error("__all__", _("This meeting did not take place."), code="unscheduled")
    if outcome not in MeetingOutcome.Outcome.values:
        raise field_error("outcome", _("Choose one of the offered outcomes."), code="invalid")
    record, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={"outcome": outcome, "comment": (comment or "").strip()[:2000]},
    )
    _record(
        actor=actor,
        event=meeting.event,
        action="meeting_outcome",
        target=meeting,
        changes={"outcome": outcome},
    )
    return record


@transaction.atomic
def outcome_surveys_send(*, now: datetime.datetime | None = None) -> int:
    """Ask every participant of each brokerage that ended `survey_delay_hours` ago what came of their
    meetings (once per event). Returns how many events were surveyed."""
    from django.urls import reverse

    now = now or timezone.now()
    surveyed = 0
    due = events_lock(
        Event.objects.filter(
            kind=Event.Kind.BROKERAGE,
            survey_sent_at__isnull=True,
            status=Event.Status.PUBLISHED,
            ends_at__lt=now,
        )
    )
    for event in due:
        if event.ends_at + datetime.timedelta(hours=event.survey_delay_hours) > now:
            continue
        people = sorted(
            {
                p.registration.user
                for p in Participant.objects.filter(event=event)
                .filter(Q(meetings_as_a__slot__isnull=False) | Q(meetings_as_b__slot__isnull=False))
                .select_related("registration__user")
            },
            key=lambda user: user.pk,
        )
        event.survey_sent_at = now
        event.save(update_fields=["survey_sent_at", "updated_at"])
        _record(
            actor=None, event=event, action="survey_sent", target=event, changes={"participants": len(people)}
        )
        _notify(
            people,
            "events.outcome_survey",
            format_lazy(_("What came of your meetings at {event}?"), event=event.title),
            reverse("events:agenda", kwargs={"pk": event.pk}),
        )
        surveyed += 1
    return surveyed
