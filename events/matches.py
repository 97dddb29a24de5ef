"""Suggested meetings from the cross-lingual matching engine, pairing complementary sides: what you
seek against what other participants of the same brokerage offer, and what you offer against what
they seek, whatever language either is written in. An investor seeking irrigation start-ups is
suggested the irrigation start-ups, not the other investors who seek the same thing.

Each participant is indexed twice: its offer side (headline, offer, organisation and linked profiles)
under PARTICIPANT_KIND and its seek side under PARTICIPANT_SEEK_KIND."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.kept_results import KeptResults
from events.models import Participant, Registration
from events.selectors import participants_visible_to
from matching.registry import MatchableKind, register_kind
from matching.selectors import Relevance, SimilarHit, similar_hits

PARTICIPANT_KIND = "events.participant"  # what a participant offers
PARTICIPANT_SEEK_KIND = "events.participant.seek"  # what a participant seeks
PARTICIPANT_KINDS = (PARTICIPANT_KIND, PARTICIPANT_SEEK_KIND)
SUGGESTION_LIMIT = 6
SUGGESTIONS = KeptResults("events:suggestions", seconds=5 * 60)


def participant_document(participant: Participant) -> str:
    """The offer side: who they are and what they bring."""
    organisation = participant.registration.organisation
    parts = [
        participant.headline,
        participant.offer,
        organisation.name if organisation else "",
        *(f"{profile.title}\n{profile.summary}" for profile in participant.profiles.all()),
    ]
    return "\n".join(part for part in parts if part)


def participant_seek_document(participant: Participant) -> str:
    return participant.seek


def entries_published(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Only complete registrations with something written are worth matching."""
    return participants.filter(registration__status=Registration.Status.COMPLETE).exclude(
        headline="", offer="", seek=""
    )


def seeks_published(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    return entries_published(participants).exclude(seek="")


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
    register_kind(
        MatchableKind(
            key=PARTICIPANT_SEEK_KIND,
            model=Participant,
            document=participant_seek_document,
            indexable=seeks_published,
            visible_to=participants_visible_to,
        )
    )


@dataclass(frozen=True)
class Suggestion:
    record: Participant
    score: float  # for ordering only
    relevance: Relevance | None
    best_sentence: str  # the sentence of their entry that matches mine
    they_offer: bool  # they offer what I seek
    they_seek: bool  # they seek what I offer

    @property
    def relevance_label(self) -> str:
        return self.relevance.label if self.relevance else ""

    @property
    def reason(self) -> str:
        if self.they_offer and self.they_seek:
            return str(_("They offer what you seek, and seek what you offer."))
        if self.they_offer:
            return str(_("They offer what you seek."))
        return str(_("They seek what you offer."))


def suggested_participants(
    viewer: Any, me: Participant, *, limit: int = SUGGESTION_LIMIT
) -> list[Suggestion]:
    """Participants of `me`'s event that `me` has not asked yet whose offer answers what `me` seeks,
    or whose seek is what `me` offers, best first (each once, by its better side).

    Kept for a while (SUGGESTIONS): a participant opens the list again and again on a brokerage day,
    and the two searches cost two thirds of its page. The kept answer is for this viewer, this
    participant and the people already asked; any participant or matching vector saved forgets it, and
    the records are read again through the viewer's selector every time."""
    asked = set(me.requests_sent.values_list("recipient_id", flat=True)) | set(
        me.requests_received.values_list("requester_id", flat=True)
    )

    parts = (getattr(viewer, "pk", None), me.pk, limit, tuple(sorted(asked)))
    kept = SUGGESTIONS.kept_or_made(parts, lambda: _suggestions_ranked(viewer, me, asked | {me.pk}, limit))
    records = participants_visible_to(viewer).in_bulk([row[0] for row in kept])
    return [
        Suggestion(
            record=records[pk],
            score=score,
            relevance=Relevance(relevance) if relevance else None,
            best_sentence=best_sentence,
            they_offer=they_offer,
            they_seek=they_seek,
        )
        for pk, score, relevance, best_sentence, they_offer, they_seek in kept
        if pk in records
    ]


def _suggestions_ranked(
    viewer: Any, me: Participant, excluded: set[int], limit: int
) -> list[tuple[int, float, str, str, bool, bool]]:
    """(participant id, score, relevance, best sentence, they offer, they seek), best first: the ids
    only, as what is kept is read again through the viewer's selector anyway."""

    def same_event(participants: QuerySet[Participant]) -> QuerySet[Participant]:
        return participants.filter(event_id=me.event_id)

    sides = []
    if participant_seek_document(me):
        sides.append((True, PARTICIPANT_SEEK_KIND, PARTICIPANT_KIND))
    if participant_document(me):
        sides.append((False, PARTICIPANT_KIND, PARTICIPANT_SEEK_KIND))
    best: dict[int, tuple[SimilarHit, bool, bool]] = {}  # the better side's hit, they offer, they seek
    for they_offer, mine, theirs in sides:
        for hit in similar_hits(
            viewer=viewer,
            target_kind=theirs,
            source_kind=mine,
            source_id=me.pk,
            limit=limit,
            exclude_ids=excluded,
            narrow=same_event,
        ):
            earlier = best.get(hit.object_id)
            if earlier is None:
                best[hit.object_id] = (hit, they_offer, not they_offer)
            else:  # both sides match: keep the better one's words, say both
                best[hit.object_id] = (hit if hit.score > earlier[0].score else earlier[0], True, True)
    ranked = sorted(best.values(), key=lambda entry: -entry[0].score)[:limit]
    return [
        (hit.object_id, hit.score, str(hit.relevance or ""), hit.best_sentence, offer, seek)
        for hit, offer, seek in ranked
    ]
