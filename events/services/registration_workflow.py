"""The registration workflow as one table: for each action on a registration, the statuses it may start
from, who may take it, and the sentence that refuses it. The services enforce it
(`_check_registration_action`); the pages and the API offer what `registration_actions_for` returns,
so a button is never shown for a step the service would refuse.

    pending ───approve──> complete <──approve── waitlisted, rejected
    pending, waitlisted, complete ───reject───> rejected            (the organisers)
    pending, waitlisted, complete ──withdraw──> withdrawn           (the registered person)
    complete ──check_in──> complete, checked in                     (the organisers)

Registering (and registering again after withdrawing) is `registration_create`; a freed place goes to
the waitlist in `registration._waitlist_promote`.
"""

from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.permissions import deny_unless
from directory.services import field_error
from events.models import Registration
from events.selectors import is_organiser
from events.services._shared import ORGANISERS_ONLY, Status
from events.services.locks import registration_lock_with_event

Actor = Literal["organiser", "registrant"]


@dataclass(frozen=True)
class RegistrationTransition:
    sources: tuple[str, ...]
    actor: Actor
    # Said to someone who may not take the action at all.
    denied: StrOrPromise
    # Said when the registration is in a status the action does not start from; it may name the
    # status as %(status)s.
    refused: StrOrPromise
    code: str


REGISTRATION_TRANSITIONS: dict[str, RegistrationTransition] = {
    "approve": RegistrationTransition(
        sources=(Status.PENDING, Status.WAITLISTED, Status.REJECTED),
        actor="organiser",
        denied=ORGANISERS_ONLY,
        refused=_("This registration is not waiting for a decision."),
        code="not_pending",
    ),
    "reject": RegistrationTransition(
        sources=(Status.PENDING, Status.WAITLISTED, Status.COMPLETE),
        actor="organiser",
        denied=ORGANISERS_ONLY,
        refused=_("This registration cannot be rejected."),
        code="not_rejectable",
    ),
    "withdraw": RegistrationTransition(
        sources=(Status.PENDING, Status.WAITLISTED, Status.COMPLETE),
        actor="registrant",
        denied=_("Only the registered person may withdraw."),
        refused=_("This registration is no longer active."),
        code="not_active",
    ),
    "check_in": RegistrationTransition(
        sources=(Status.COMPLETE,),
        actor="organiser",
        denied=ORGANISERS_ONLY,
        refused=_("Only a complete registration can check in (this one is: %(status)s)."),
        code="not_complete",
    ),
}


def _may_act(user: Any, registration: Registration, actor: Actor, organiser: bool | None) -> bool:
    if actor == "registrant":
        return bool(user.is_authenticated) and registration.user_id == user.pk
    return is_organiser(user, registration.event) if organiser is None else organiser


def registration_actions_for(
    user: Any, registration: Registration, *, organiser: bool | None = None
) -> list[str]:
    """The actions `user` may take on `registration` now, in the table's order. Pass `organiser` when
    the caller already knows whether `user` organises the event (a list page asks once, not per row)."""
    return [
        action
        for action, transition in REGISTRATION_TRANSITIONS.items()
        if registration.status in transition.sources
        and _may_act(user, registration, transition.actor, organiser)
    ]


def _check_registration_action(actor: Any, registration: Registration, action: str) -> None:
    """Refuse `action` to someone who may not take it, then from a status it does not start from."""
    transition = REGISTRATION_TRANSITIONS[action]
    deny_unless(_may_act(actor, registration, transition.actor, None), transition.denied)
    if registration.status not in transition.sources:
        raise field_error(
            "__all__",
            transition.refused,
            code=transition.code,
            params={"status": registration.get_status_display()},
        )


def _locked_registration(registration: Registration) -> Registration:
    return registration_lock_with_event(registration.pk)
