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

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

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
