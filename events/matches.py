"""Suggested meetings from the cross-lingual matching engine: the participants of the same
brokerage whose entries (what they offer and seek, their organisation) are closest in meaning to
yours, whatever language either is written in."""

from typing import Any

from django.db.models import QuerySet

from events.models import Participant, Registration
from events.selectors import participants_visible_to
from matching.registry import MatchableKind, register_kind
from matching.selectors import SimilarRecord, similar_records

PARTICIPANT_KIND = "events.participant"
SUGGESTION_LIMIT = 6


def participant_document(participant: Participant) -> str:
    organisation = participant.registration.organisation
    parts = [
        participant.headline,
        participant.offer,
        participant.seek,
        organisation.name if organisation else "",
        *(f"{profile.title}\n{profile.summary}" for profile in participant.profiles.all()),
    ]
    return "\n".join(part for part in parts if part)


def entries_published(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Only complete registrations with something written are worth matching."""
    return participants.filter(registration__status=Registration.Status.COMPLETE).exclude(
        headline="", offer="", seek=""
    )


def register_participant_kind() -> None:
    register_kind(
        MatchableKind(
            key=PARTICIPANT_KIND,
            model=Participant,
            document=participant_document,
            indexable=entries_published,
            visible_to=participants_visible_to,
        )
    )


def suggested_participants(
    viewer: Any, me: Participant, *, limit: int = SUGGESTION_LIMIT
) -> list[SimilarRecord]:
    """Participants of `me`'s event that `me` has not asked yet, closest to `me`'s entry first."""
    if not participant_document(me):
        return []
    asked = set(me.requests_sent.values_list("recipient_id", flat=True)) | set(
        me.requests_received.values_list("requester_id", flat=True)
    )
    return similar_records(
        viewer=viewer,
        target_kind=PARTICIPANT_KIND,
        source_kind=PARTICIPANT_KIND,
        source_id=me.pk,
        limit=limit,
        exclude_ids=asked | {me.pk},
        narrow=lambda participants: participants.filter(event_id=me.event_id),
    )
