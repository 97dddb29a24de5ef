"""Meeting requests between brokerage participants.

Meeting request: pending -> accepted (a Meeting is created) | declined | expired (after the
event's `request_expiry_hours`). A request to someone who already asked you is accepted at once
and the meeting is marked mutual, which the scheduler places first.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless
from directory.services import field_error
from events.models import Event, Meeting, MeetingRequest, Participant
from events.selectors import participants_visible_to
from events.services._shared import RequestStatus, Status, _notify, _record
from events.services.brokerage import _deny_unless_self
from events.services.locks import (
    event_lock,
    events_lock,
    first_row_lock,
    request_lock_with_event,
    rows_lock,
)

MESSAGE_MAX_LENGTH = 2000


def _meeting_count(participant: Participant) -> int:
    return Meeting.objects.filter(Q(a=participant) | Q(b=participant)).count()


def _check_meeting_caps(event: Event, *people: Participant) -> None:
    for person in people:
        if _meeting_count(person) >= event.max_meetings_per_participant:
            raise field_error(
                "__all__",
                format_lazy(
                    _("{name} already has the most meetings this event allows ({limit})."),
                    name=str(person),
                    limit=event.max_meetings_per_participant,
                ),
                code="meeting_cap",
            )


def _meeting_create(request: MeetingRequest, *, mutual: bool) -> Meeting:
    return Meeting.objects.create(
        event=request.event, request=request, a=request.requester, b=request.recipient, mutual=mutual
    )


@transaction.atomic
def meeting_request_send(
    *,
    actor: Any,
    requester: Participant,
    recipient: Participant,
    message: str,
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    now = now or timezone.now()
    _deny_unless_self(actor, requester)
    event = event_lock(requester.event_id)
    deny_unless(
        participants_visible_to(actor).filter(pk=recipient.pk, event=event).exists(),
        _("You can only ask participants of the same event."),
    )
    if recipient.pk == requester.pk:
        raise field_error("recipient", _("You cannot ask yourself for a meeting."), code="self")
    if event.agenda_published_at is not None:
        raise field_error("__all__", _("The final agenda is published; requests are closed."), code="closed")
    message = (message or "").strip()
    if not message:
        raise field_error("message", _("This field is required."), code="required")
    if len(message) > MESSAGE_MAX_LENGTH:
        raise field_error(
            "message",
            _("Keep this under %(limit)d characters."),
            code="max_length",
            params={"limit": MESSAGE_MAX_LENGTH},
        )
    if MeetingRequest.objects.filter(requester=requester, recipient=recipient).exists():
        raise field_error("recipient", _("You have already asked this participant."), code="duplicate")
    if requester.requests_sent.count() >= event.max_requests_per_participant:
        raise field_error(
            "__all__",
            _("You have sent the most meeting requests this event allows (%(limit)d)."),
            code="request_cap",
            params={"limit": event.max_requests_per_participant},
        )
    reverse = first_row_lock(MeetingRequest.objects.filter(requester=recipient, recipient=requester))
    if reverse is not None and reverse.status == RequestStatus.ACCEPTED:
        raise field_error(
            "recipient", _("You already have a meeting with this participant."), code="duplicate"
        )
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        message=message,
        expires_at=now + datetime.timedelta(hours=event.request_expiry_hours),
    )
    _record(
        actor=actor,
        event=event,
        action="meeting_requested",
        target=request,
        changes={"recipient": recipient.pk},
    )
    if reverse is not None and reverse.status == RequestStatus.PENDING and reverse.expires_at > now:
        # Both asked: the earlier request is accepted on the spot and the meeting is mutual.
        _check_meeting_caps(event, requester, recipient)
        request.status = RequestStatus.ACCEPTED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at", "updated_at"])
        reverse.status = RequestStatus.ACCEPTED
        reverse.answered_at = now
        reverse.save(update_fields=["status", "answered_at", "updated_at"])
        _meeting_create(reverse, mutual=True)
        _notify(
            [recipient.registration.user],
            "events.meeting_accepted",
            format_lazy(_("{name} accepted your meeting request"), name=str(requester)),
            _request_url(reverse),
        )
        return request
    _notify(
        [recipient.registration.user],
        "events.meeting_requested",
        format_lazy(_("{name} asks you for a meeting at {event}"), name=str(requester), event=event.title),
        _request_url(request),
    )
    return request


def _request_url(request: MeetingRequest) -> str:
    from django.urls import reverse

    return reverse("events:meeting_requests", kwargs={"pk": request.event_id})


def _locked_request(request: MeetingRequest) -> MeetingRequest:
    return request_lock_with_event(
        request.pk, related=("requester__registration__user", "recipient__registration__user")
    )


def _check_pending(request: MeetingRequest, now: datetime.datetime) -> None:
    if request.status != RequestStatus.PENDING or request.expires_at <= now:
        raise field_error(
            "__all__", _("This request is no longer waiting for an answer."), code="not_pending"
        )


@transaction.atomic
def meeting_request_accept(
    *, actor: Any, request: MeetingRequest, now: datetime.datetime | None = None
) -> Meeting:
    now = now or timezone.now()
    request = _locked_request(request)
    deny_unless(
        request.recipient.registration.user_id == actor.pk
        and request.recipient.registration.status == Status.COMPLETE,
        _("Only the person asked may answer this request."),
    )
    _check_pending(request, now)
    if request.requester.registration.status != Status.COMPLETE:
        raise field_error("__all__", _("The person who asked is no longer registered."), code="withdrawn")
    _check_meeting_caps(request.event, request.requester, request.recipient)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at", "updated_at"])
    mutual = MeetingRequest.objects.filter(requester=request.recipient, recipient=request.requester).exists()
    meeting = _meeting_create(request, mutual=mutual)
    _record(
        actor=actor,
        event=request.event,
        action="meeting_accepted",
        target=request,
        changes={"meeting": meeting.pk},
    )
    _notify(
        [request.requester.registration.user],
        "events.meeting_accepted",
        format_lazy(_("{name} accepted your meeting request"), name=str(request.recipient)),
        _request_url(request),
    )
    return meeting


@transaction.atomic
def meeting_request_decline(
    *, actor: Any, request: MeetingRequest, now: datetime.datetime | None = None
) -> MeetingRequest:
    now = now or timezone.now()
    request = _locked_request(request)
    deny_unless(
        request.recipient.registration.user_id == actor.pk
        and request.recipient.registration.status == Status.COMPLETE,
        _("Only the person asked may answer this request."),
    )
    _check_pending(request, now)
    request.status = RequestStatus.DECLINED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at", "updated_at"])
    _record(actor=actor, event=request.event, action="meeting_declined", target=request, changes={})
    _notify(
        [request.requester.registration.user],
        "events.meeting_declined",
        format_lazy(_("{name} declined your meeting request"), name=str(request.recipient)),
        _request_url(request),
    )
    return request


@transaction.atomic
def meeting_requests_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire every request left unanswered past its time (`manage.py events_daily`)."""
    now = now or timezone.now()
    pending = MeetingRequest.objects.filter(status=RequestStatus.PENDING, expires_at__lte=now)
    events_lock(Event.objects.filter(pk__in=pending.values("event_id")))
    overdue = rows_lock(pending.select_related("event"))
    expired = 0
    for request in overdue:
        request.status = RequestStatus.EXPIRED
        request.save(update_fields=["status", "updated_at"])
        _record(actor=None, event=request.event, action="meeting_request_expired", target=request, changes={})
        expired += 1
    return expired
