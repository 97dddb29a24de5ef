"""The agreement (MoU) workflow in one table: for each action, the statuses it may start from, who may
take it, and the whole sentences that refuse it otherwise. The services enforce it
(`hubs.services.agreements`), the selectors derive from it what a person may do with an agreement now
(`hubs.selectors.agreement_permissions`), and the pages and the API offer exactly that.

    draft ─> negotiation ─> approved by every party ─> signed ─┬─> expired ──> renewed
                  ▲                  │                         ├─> terminated
                  └── any change ────┘                         └─> renewed (a draft successor opens)
"""

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.permissions import deny_unless
from hubs.models import Agreement, AgreementEvent

Status = Agreement.Status


class Actor(StrEnum):
    # The hub's managers: admins of the host organisation, the hub's staff and platform operators.
    MANAGERS = "managers"
    # An admin of a party, for that party (platform operators for every party).
    PARTY_ADMINS = "party_admins"
    # ParkLink itself, in the daily job: nobody's button.
    PARKLINK = "parklink"


@dataclass(frozen=True)
class Transition:
    from_statuses: tuple[str, ...]
    actor: Actor
    denied: StrOrPromise  # said to a person who may not take this action on this agreement at all
    refused: StrOrPromise  # said when the agreement's status does not allow the action


BEFORE_SIGNING = (Status.DRAFT, Status.NEGOTIATION, Status.APPROVED)

TRANSITIONS: dict[str, Transition] = {
    "update": Transition(
        BEFORE_SIGNING,
        Actor.MANAGERS,
        _("Only the hub's managers change an agreement."),
        _("An agreement can no longer be changed once it is signed."),
    ),
    "document_add": Transition(
        BEFORE_SIGNING,
        Actor.MANAGERS,
        _("Only the hub's managers add documents."),
        _("Documents can no longer be attached once the agreement is signed."),
    ),
    "negotiate": Transition(
        (Status.DRAFT,),
        Actor.MANAGERS,
        _("Only the hub's managers open an agreement for negotiation."),
        _("Only a draft goes into negotiation."),
    ),
    "approve": Transition(
        (Status.NEGOTIATION, Status.APPROVED),
        Actor.PARTY_ADMINS,
        _("Only an admin of a party approves the agreement for it."),
        _("An agreement can be approved only while it is in negotiation."),
    ),
    "sign": Transition(
        (Status.APPROVED,),
        Actor.MANAGERS,
        _("Only the hub's managers sign agreements."),
        _("Only an agreement that every party has approved can be signed."),
    ),
    "terminate": Transition(
        (Status.SIGNED,),
        Actor.MANAGERS,
        _("Only the hub's managers end an agreement."),
        _("Only an agreement in effect can be terminated."),
    ),
    "renew": Transition(
        (Status.SIGNED, Status.EXPIRED),
        Actor.MANAGERS,
        _("Only the hub's managers renew an agreement."),
        _("Only an agreement in effect or expired can be renewed."),
    ),
    "expire": Transition(
        (Status.SIGNED,),
        Actor.PARKLINK,
        _("An agreement expires by itself once its end date has passed."),
        _("Only an agreement in effect expires."),
    ),
}


def available_actions(*, status: str, roles: Collection[str]) -> frozenset[str]:
    """The actions a person holding `roles` may take on an agreement in `status`."""
    return frozenset(
        action
        for action, transition in TRANSITIONS.items()
        if transition.actor in roles and status in transition.from_statuses
    )


def check_transition(*, status: str, roles: Collection[str], action: str) -> None:
    """Refuse `action` with the table's sentence: PermissionDenied for a person who may not take it,
    ValidationError (code `invalid_transition`) when the agreement's status does not allow it."""
    transition = TRANSITIONS[action]
    deny_unless(transition.actor in roles, transition.denied)
    if status not in transition.from_statuses:
        raise ValidationError(transition.refused, code="invalid_transition")


# What each step of the agreement's history says, as one whole sentence per step (the code stays in the
# event's `action`); the agreement page reads these through `agreement_history_sentence`, never the code.
HISTORY_SENTENCES: dict[str, StrOrPromise] = {
    "draft": _("%(actor)s drafted the agreement."),
    "update": _("%(actor)s changed the agreement's text."),
    "approvals_voided": _("The text changed, so the parties' earlier approvals no longer count."),
    "document_add": _("%(actor)s attached a document."),
    "negotiation_open": _("%(actor)s opened the agreement for negotiation."),
    "approve": _("%(actor)s approved the text for %(organisation)s."),
    "approved_by_all": _("Every party has approved the text."),
    "sign": _("%(actor)s recorded the agreement as signed."),
    "terminate": _("%(actor)s terminated the agreement."),
    "renew": _("%(actor)s renewed the agreement."),
    "expire": _("The agreement expired."),
}
HISTORY_SENTENCE_OTHER = _("%(actor)s changed the agreement.")


def agreement_history_sentence(event: AgreementEvent) -> str:
    """The history step as a sentence in the active language ("Ali Rezaei approved the text for …")."""
    actor = event.actor_name or (event.actor.email if event.actor_id and event.actor else "") or _("ParkLink")
    organisation = event.organisation.name if event.organisation_id and event.organisation else ""
    sentence = HISTORY_SENTENCES.get(event.action, HISTORY_SENTENCE_OTHER)
    if event.action == "approve" and not organisation:
        sentence = _("%(actor)s approved the text.")
    return str(sentence) % {"actor": actor, "organisation": organisation}
