"""The exchange application's state machine in one table: for each action, the statuses it may start
from, who may take it, and the sentence that refuses it from any other status. The services enforce the
table (`exchanges.services.workflow`); the application page and the API's `actions` offer exactly what
`application_actions_for` reads from it, so what is offered and what is enforced cannot drift apart.

    draft ─> submitted ─> eligible ─> under_review ─> accepted ─> offered ─> offer_accepted ─> placement
                 │                           │  └─> waitlisted ─┘      └─> offer_declined      └─> completed
                 └──────────> rejected <─────┘                          or offer_expired
    (the applicant may withdraw from draft up to accepted)

Action names are the API's (`POST /exchange-applications/{id}/actions/{action}`); `edit` is the API's
`PUT`, `request-referee` and `review` have their own pages and endpoints.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from exchanges.models import Application, ReviewAssignment
from exchanges.selectors import REVIEWABLE_STATUSES, WITHDRAWABLE_STATUSES, ApplicationAccess

Status = Application.Status


class Actor(StrEnum):
    """Who may take an action: the roles of `exchanges.selectors.ApplicationAccess`."""

    APPLICANT = "applicant"
    MANAGER = "manager"  # the secretariat of the programme's network
    HOST = "host"  # the people of the host organisation
    REVIEWER = "reviewer"  # a reviewer whose review is still to be submitted


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    actors: frozenset[Actor]
    refusal: StrOrPromise
    # An action that is done once: offered only while `pending(application)`, refused with `done` after.
    pending: Callable[[Application], bool] | None = None
    done: StrOrPromise = ""


APPLICANT = frozenset({Actor.APPLICANT})
MANAGER = frozenset({Actor.MANAGER})
HOST_OR_MANAGER = frozenset({Actor.HOST, Actor.MANAGER})

# Who is refused, by the people an action is for.
WHO_REFUSALS: dict[frozenset[Actor], StrOrPromise] = {
    APPLICANT: _("Only the applicant may do this."),
    MANAGER: _(
        "Only the secretariat of the programme's network manages its programmes, calls and applications."
    ),
    HOST_OR_MANAGER: _("Only the host organisation's people or the programme's managers may do this."),
    frozenset({Actor.REVIEWER}): _("Only the assigned reviewer submits this review."),
}

TRANSITIONS: dict[str, Transition] = {
    "edit": Transition((Status.DRAFT,), APPLICANT, _("Only a draft application can be edited.")),
    "submit": Transition((Status.DRAFT,), APPLICANT, _("Only a draft application can be submitted.")),
    "request-referee": Transition(
        (Status.DRAFT, Status.SUBMITTED),
        APPLICANT,
        _("Referees can be asked only until the application is checked."),
    ),
    "withdraw": Transition(
        WITHDRAWABLE_STATUSES, APPLICANT, _("This application can no longer be withdrawn.")
    ),
    "check-eligibility": Transition(
        (Status.SUBMITTED,), MANAGER, _("Only a submitted application can be checked for eligibility.")
    ),
    "assign-reviewer": Transition(
        REVIEWABLE_STATUSES,
        MANAGER,
        _("Reviewers can be assigned only to an eligible application or one under review."),
    ),
    "review": Transition(
        (Status.UNDER_REVIEW,),
        frozenset({Actor.REVIEWER}),
        _("Only an application under review can be reviewed."),
    ),
    "decide": Transition(
        (Status.UNDER_REVIEW, Status.WAITLISTED),
        MANAGER,
        _("Only an application under review or on the waiting list can be decided."),
    ),
    "offer": Transition(
        (Status.ACCEPTED,), MANAGER, _("A place can be offered only for an accepted application.")
    ),
    "accept-offer": Transition(
        (Status.OFFERED,), APPLICANT, _("Only an offer that is still open can be accepted.")
    ),
    "decline-offer": Transition(
        (Status.OFFERED,), APPLICANT, _("Only an offer that is still open can be declined.")
    ),
    "place": Transition(
        (Status.OFFER_ACCEPTED,),
        HOST_OR_MANAGER,
        _("The placement can start only once the offer has been accepted."),
    ),
    "issue-invitation-letter": Transition(
        (Status.OFFER_ACCEPTED, Status.PLACEMENT),
        HOST_OR_MANAGER,
        _("A visa invitation letter is issued only from the accepted offer until the end of the placement."),
    ),
    "final-report": Transition(
        (Status.PLACEMENT,),
        APPLICANT,
        _("The final report can be written only during the placement."),
        pending=lambda application: not application.final_report,
        done=_("The final report has already been sent."),
    ),
    "host-evaluation": Transition(
        (Status.PLACEMENT,),
        HOST_OR_MANAGER,
        _("The host's evaluation can be written only during the placement."),
        pending=lambda application: not application.host_evaluation,
        done=_("The host's evaluation has already been sent."),
    ),
}


def roles_of(access: ApplicationAccess) -> set[Actor]:
    """The roles in which a person may act on an application, from what the selector says they are."""
    roles = set()
    if access.is_applicant:
        roles.add(Actor.APPLICANT)
    if access.is_manager:
        roles.add(Actor.MANAGER)
    if access.is_host:
        roles.add(Actor.HOST)
    if access.review is not None and access.review.status == ReviewAssignment.Status.ASSIGNED:
        roles.add(Actor.REVIEWER)
    return roles


def state_refusal(application: Application, action: str) -> StrOrPromise | None:
    """Why the application's state refuses the action (None if it allows it), whoever asks."""
    transition = TRANSITIONS[action]
    if application.status not in transition.sources:
        return transition.refusal
    if transition.pending is not None and not transition.pending(application):
        return transition.done
    return None


def application_actions_for(access: ApplicationAccess, application: Application) -> list[str]:
    """The actions this person may take on the application now, in the table's order: what the page
    shows and the API lists under `actions`."""
    roles = roles_of(access)
    return [
        action
        for action, transition in TRANSITIONS.items()
        if roles & transition.actors and state_refusal(application, action) is None
    ]


# What each step of the history says, as one whole sentence per step (the code stays in `action`): the page
# and the API's `description` read these, never the code. A step that depends on where it led has one
# sentence per resulting status.
HISTORY_SENTENCES: dict[str, StrOrPromise] = {
    "create": _("%(actor)s started the application."),
    "edit": _("%(actor)s edited the application."),
    "referee_requested": _("%(actor)s asked a referee for a letter."),
    "reference_received": _("A referee's letter was received."),
    "submit": _("%(actor)s submitted the application."),
    "withdraw": _("%(actor)s withdrew the application."),
    "eligibility_check:eligible": _("%(actor)s found the application eligible."),
    "eligibility_check:rejected": _("%(actor)s found the application not eligible."),
    "reviewer_assigned": _("%(actor)s assigned a reviewer."),
    "review_received": _("A review was received."),
    "decide:accepted": _("%(actor)s accepted the application."),
    "decide:waitlisted": _("%(actor)s put the application on the waiting list."),
    "decide:rejected": _("%(actor)s rejected the application."),
    "offer": _("%(actor)s offered a place."),
    "offer_accept": _("%(actor)s accepted the offer."),
    "offer_decline": _("%(actor)s declined the offer."),
    "offer_expire": _("The offer expired without an answer."),
    "place": _("%(actor)s started the placement."),
    "complete": _("The placement was completed."),
    "final_report": _("%(actor)s sent the final report."),
    "host_evaluation": _("%(actor)s sent the host's evaluation."),
    "document_issue": _("%(actor)s issued a document."),
    "document_revoke": _("%(actor)s revoked a document."),
}
HISTORY_SENTENCE_OTHER = _("%(actor)s changed the application.")


def history_sentence(event: Any) -> str:
    """The history step as a sentence in the active language ("Maryam Ahmadi accepted the offer.")."""
    sentence = HISTORY_SENTENCES.get(f"{event.action}:{event.to_status}") or HISTORY_SENTENCES.get(
        event.action, HISTORY_SENTENCE_OTHER
    )
    person = event.actor if event.actor_id else None
    # A person without a full name is named by their email; a step nobody took (a daily job) by ParkLink.
    actor = event.actor_name or (person.get_full_name() or person.email if person else "") or _("ParkLink")
    return str(sentence) % {"actor": actor}


def history_described(events: Iterable[Any]) -> list[Any]:
    """The history steps, each given its `description` sentence and its statuses' `from_label`/`to_label`."""
    described = []
    for event in events:
        event.description = history_sentence(event)
        event.from_label = str(Status(event.from_status).label) if event.from_status in Status.values else ""
        event.to_label = str(Status(event.to_status).label) if event.to_status in Status.values else ""
        described.append(event)
    return described
