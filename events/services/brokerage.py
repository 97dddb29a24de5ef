"""Brokerage participants: their entry, linked profiles and availability."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless
from core.validators import validate_web_url
from directory.services import field_error
from events.models import Meeting, Participant
from events.services._shared import Status, _record
from marketplace.models import Profile
from marketplace.selectors import profiles_visible_to


def _deny_unless_self(actor: Any, participant: Participant) -> None:
    deny_unless(
        actor.is_authenticated
        and participant.registration.user_id == actor.pk
        and participant.registration.status == Status.COMPLETE,
        _("Only a registered participant may do this for themselves."),
    )


@transaction.atomic
def participant_update(
    *,
    actor: Any,
    participant: Participant,
    headline: str,
    offer: str,
    seek: str,
    video_url: str = "",
    profiles: Iterable[Profile] = (),
) -> Participant:
    """The participant's short entry, and the marketplace profiles they link (visible ones only)."""
    _deny_unless_self(actor, participant)
    profiles = list(profiles)
    visible = set(
        profiles_visible_to(actor).filter(pk__in=[p.pk for p in profiles]).values_list("pk", flat=True)
    )
    if any(profile.pk not in visible for profile in profiles):
        raise field_error("profiles", _("Choose published marketplace profiles."), code="invalid")
    for field, value, limit in (("headline", headline, 200), ("offer", offer, 4000), ("seek", seek, 4000)):
        if len((value or "").strip()) > limit:
            raise field_error(
                field, _("Keep this under %(limit)d characters."), code="max_length", params={"limit": limit}
            )
    participant.headline = (headline or "").strip()
    participant.offer = (offer or "").strip()
    participant.seek = (seek or "").strip()
    participant.video_url = validate_web_url("video_url", video_url)
    participant.save(update_fields=["headline", "offer", "seek", "video_url", "updated_at"])
    participant.profiles.set(profiles)
    _record(
        actor=actor, event=participant.event, action="participant_updated", target=participant, changes={}
    )
    _matching_changed(participant)
    return participant


def _matching_changed(participant: Participant) -> None:
    from events.matches import PARTICIPANT_KINDS
    from matching.services import record_changed

    for kind in PARTICIPANT_KINDS:  # its offer side and its seek side
        record_changed(kind=kind, object_id=participant.pk)


@transaction.atomic
def availability_set(
    *, actor: Any, participant: Participant, unavailable_slots: Iterable[int]
) -> Participant:
    """The slots in which the participant cannot meet; locked meetings in those slots are refused."""
    _deny_unless_self(actor, participant)
    event = participant.event
    slots = sorted(set(unavailable_slots))
    if any(not 0 <= slot < event.slot_count for slot in slots):
        raise field_error("unavailable_slots", _("Choose slots of this event."), code="invalid_slot")
    clash = Meeting.objects.filter(Q(a=participant) | Q(b=participant), locked=True, slot__in=slots).exists()
    if clash:
        raise field_error(
            "unavailable_slots",
            _("An organiser fixed a meeting of yours in one of these slots; ask them to move it first."),
            code="locked_meeting",
        )
    before = participant.unavailable_slots
    participant.unavailable_slots = slots
    participant.save(update_fields=["unavailable_slots", "updated_at"])
    _record(
        actor=actor,
        event=event,
        action="availability_set",
        target=participant,
        changes={"unavailable_slots": [before, slots]},
    )
    return participant
