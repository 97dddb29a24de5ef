"""Permission-aware reads of expressions of interest: every page, endpoint and service asks here.

Who sees an expression of interest: the people of the organisation that sent it, the people of the
organisation whose profile received it, the secretariats that moderate either, and platform
operators. An anonymous profile's owner stays hidden from the sender's side until it accepts (the
rule is `marketplace.selectors.owner_disclosed`; lists compute the same answer in one query with
`owner_disclosed_annotation`).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, is_signed_in, moderated_organisation_ids
from directory.models import Organisation, OrganisationMembership
from directory.selectors import member_organisation_ids as member_organisation_ids  # the EOI pages and API
from directory.selectors import member_organisations
from marketplace.models import EoiMessage, EoiOutcome, ExpressionOfInterest, Profile, ProfilePartnershipType
from marketplace.selectors import owner_disclosed

Status = ExpressionOfInterest.Status


@dataclass(frozen=True)
class EoiPermissions:
    """What one person may do with one expression of interest."""

    is_owner_side: bool = False
    is_sender_side: bool = False
    can_answer: bool = False
    can_withdraw: bool = False
    can_message: bool = False
    can_record_outcome: bool = False
    owner_disclosed: bool = False
    # Contacts (the person who sent it, the person who answered) once the EOI is accepted.
    contacts_visible: bool = False


def _mine(user: Any) -> QuerySet[OrganisationMembership, int]:
    """The ids of `user`'s organisations as a subquery, so that filtering on them costs no query."""
    return OrganisationMembership.objects.filter(user=user).values_list("organisation_id", flat=True)


def _base_queryset() -> QuerySet[ExpressionOfInterest]:
    return ExpressionOfInterest.objects.select_related(
        "profile", "profile__owner", "sender_organisation", "sender", "answered_by"
    )


def _visible(user: Any, moderated: set[int]) -> QuerySet[ExpressionOfInterest]:
    if not is_signed_in(user):
        return ExpressionOfInterest.objects.none()
    eois = _base_queryset()
    if is_platform_operator(user):
        return eois
    mine = _mine(user)
    return eois.filter(
        Q(sender_organisation_id__in=mine)
        | Q(profile__owner_id__in=mine)
        | Q(sender_organisation_id__in=moderated)
        | Q(profile__owner_id__in=moderated)
    )


def eois_visible_to(user: Any) -> QuerySet[ExpressionOfInterest]:
    """Expressions of interest `user` may see (empty for anonymous visitors)."""
    return _visible(user, moderated_organisation_ids(user))


def _owner_disclosed_annotation(user: Any, moderated: set[int]) -> Exists | Value:
    """The rule of `marketplace.selectors.owner_disclosed`, as an expression over a queryset of
    expressions of interest, so a list learns it for every row in the same query."""
    if is_platform_operator(user):
        return Value(True)
    if not is_signed_in(user):
        return Value(False)
    mine = _mine(user)
    return Exists(
        Profile.objects.filter(pk=OuterRef("profile_id")).filter(
            Q(anonymous=False)
            | Q(owner_id__in=mine)
            | Q(owner_id__in=moderated)
            | Exists(
                ExpressionOfInterest.objects.filter(
                    profile_id=OuterRef("pk"), status=Status.ACCEPTED, sender_organisation_id__in=mine
                )
            )
        )
    )


def _mine_with_disclosure(user: Any, sides: Q | None = None) -> QuerySet[ExpressionOfInterest]:
    moderated = moderated_organisation_ids(user)
    eois = _visible(user, moderated)
    if sides is not None:
        eois = eois.filter(sides)
    return eois.annotate(owner_is_disclosed=_owner_disclosed_annotation(user, moderated))


def eois_sent_by_my_organisations(user: Any) -> QuerySet[ExpressionOfInterest]:
    """Expressions of interest sent by the organisations `user` belongs to, newest first; each row
    carries `owner_is_disclosed`."""
    return _mine_with_disclosure(user, Q(sender_organisation_id__in=_mine(user)))


def eois_received_by_my_organisations(user: Any) -> QuerySet[ExpressionOfInterest]:
    """Expressions of interest received on the profiles of the organisations `user` belongs to."""
    return _mine_with_disclosure(user, Q(profile__owner_id__in=_mine(user)))


def eois_of_my_organisations(user: Any) -> QuerySet[ExpressionOfInterest]:
    """Sent and received together (the API's list), each row with `owner_is_disclosed`."""
    mine = _mine(user)
    return _mine_with_disclosure(user, Q(sender_organisation_id__in=mine) | Q(profile__owner_id__in=mine))


def eois_on_profile(user: Any, profile: Profile) -> QuerySet[ExpressionOfInterest]:
    """The expressions of interest on one profile that `user` may see (the profile page's panel)."""
    return _mine_with_disclosure(user, Q(profile=profile))


def eoi_permissions(
    user: Any,
    eoi: ExpressionOfInterest,
    *,
    now: datetime.datetime | None = None,
    mine: set[int] | None = None,
    moderated: set[int] | None = None,
) -> EoiPermissions:
    """What `user` may do with `eoi`. Lists pass `mine` and `moderated` (computed once) and rows
    annotated with `owner_is_disclosed`, so that no row costs a query."""
    mine = member_organisation_ids(user) if mine is None else mine
    is_owner_side = eoi.profile.owner_id in mine
    is_sender_side = eoi.sender_organisation_id in mine
    now = now or timezone.now()
    pending = eoi.status == Status.PENDING and eoi.expires_at > now
    accepted = eoi.status == Status.ACCEPTED
    disclosed = getattr(eoi, "owner_is_disclosed", None)
    if disclosed is None:
        disclosed = owner_disclosed(user, eoi.profile)
    moderates_either = False
    if accepted and not (is_owner_side or is_sender_side):
        moderated = moderated_organisation_ids(user) if moderated is None else moderated
        sides = {eoi.profile.owner_id, eoi.sender_organisation_id}
        moderates_either = is_platform_operator(user) or bool(moderated & sides)
    return EoiPermissions(
        is_owner_side=is_owner_side,
        is_sender_side=is_sender_side,
        can_answer=is_owner_side and pending,
        can_withdraw=is_sender_side and pending,
        can_message=(is_owner_side or is_sender_side) and accepted,
        can_record_outcome=(is_owner_side or is_sender_side) and accepted,
        owner_disclosed=bool(disclosed),
        contacts_visible=accepted and (is_owner_side or is_sender_side or moderates_either),
    )


def get_eoi_for_user(user: Any, pk: int) -> tuple[ExpressionOfInterest, EoiPermissions]:
    """The expression of interest if `user` may see it (else Http404), with what they may do."""
    eoi = eois_visible_to(user).filter(pk=pk).first()
    if eoi is None:
        raise Http404(_("No such expression of interest."))
    return eoi, eoi_permissions(user, eoi)


# Shown instead of the name of a message's author on the owner's side to whom the owner is hidden.
OWNER_SIDE_AUTHOR = _("The profile's owner")


def messages_of(eoi: ExpressionOfInterest, *, owner_disclosed: bool = True) -> QuerySet[EoiMessage]:
    """The conversation of an expression of interest the caller has already been allowed to see, each
    message annotated with `author_hidden`. Pass the caller's `EoiPermissions.owner_disclosed`: where
    the anonymous owner is hidden from the caller (the sender's secretariat, for instance), every
    author who is not a member of the sender organisation is hidden, so that a deleted author or one
    who left the owner's organisation cannot name it either."""
    messages = EoiMessage.objects.filter(eoi=eoi).select_related("author").order_by("created_at", "id")
    if owner_disclosed:
        return messages.annotate(author_hidden=Value(False, output_field=BooleanField()))
    from_sender_side = OrganisationMembership.objects.filter(
        user_id=OuterRef("author_id"), organisation_id=eoi.sender_organisation_id
    )
    return messages.annotate(author_hidden=~Exists(from_sender_side))


def message_author(message: EoiMessage) -> str:
    """The author as the caller may see them (see `messages_of`)."""
    if getattr(message, "author_hidden", False):
        return str(OWNER_SIDE_AUTHOR)
    return message.author.get_full_name() if message.author else ""


def outcomes_of(eoi: ExpressionOfInterest) -> QuerySet[EoiOutcome]:
    return EoiOutcome.objects.filter(eoi=eoi).select_related("organisation", "recorded_by")


def sender_organisations_for(user: Any, profile: Profile) -> QuerySet[Organisation]:
    """The organisations on whose behalf `user` may express interest in `profile`: those they belong
    to, active, other than the profile's owner."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return member_organisations(user).filter(status=Organisation.Status.ACTIVE).exclude(pk=profile.owner_id)


@dataclass(frozen=True)
class OutcomeStatistics:
    """Recorded outcomes (one per side of an accepted expression of interest), counted."""

    total: int = 0
    by_outcome: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, count)
    by_agreement_type: list[tuple[str, str, int]] = field(default_factory=list)


def eoi_outcome_statistics(user: Any, *, organisation: Organisation | None = None) -> OutcomeStatistics:
    """Counts per outcome and per kind of agreement over the expressions of interest `user` may see;
    with `organisation`, only the outcomes that organisation recorded."""
    outcomes = EoiOutcome.objects.filter(eoi__in=eois_visible_to(user).values("pk"))
    if organisation is not None:
        outcomes = outcomes.filter(organisation=organisation)
    per_outcome = dict(
        outcomes.order_by().values_list("outcome").annotate(count=Count("id")).values_list("outcome", "count")
    )
    per_agreement = dict(
        outcomes.filter(outcome=EoiOutcome.Outcome.AGREEMENT_SIGNED)
        .exclude(agreement_type="")
        .order_by()
        .values_list("agreement_type")
        .annotate(count=Count("id"))
        .values_list("agreement_type", "count")
    )
    return OutcomeStatistics(
        total=sum(per_outcome.values()),
        by_outcome=[
            (choice.value, str(choice.label), per_outcome.get(choice.value, 0))
            for choice in EoiOutcome.Outcome
        ],
        by_agreement_type=[
            (choice.value, str(choice.label), per_agreement[choice.value])
            for choice in ProfilePartnershipType.Type
            if choice.value in per_agreement
        ],
    )
