"""Permission-aware reads of the hubs: every page, endpoint, task and service asks through here.

- Every signed-in person sees the list of hubs and each hub's public face (host, partner, mandate,
  desk parks). Anonymous visitors see announced public needs only.
- The desk — the people of the host organisation and of the parks taking part, the hub's staff and
  platform operators — sees everything of the hub: its needs, interactions, agreements, programmes and
  reports, and may register needs and log interactions.
- The hub's managers — admins of the host organisation, the hub's staff and platform operators —
  edit the hub, announce needs, draft and sign agreements, and plan programmes.
- An agreement is also seen by the people of each of its parties; a party's admins approve it.
- Announced needs are seen by ParkLink members ("members") or by everyone ("public").
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, is_signed_in
from core.request_memo import memoised_per_request
from directory.selectors import admin_organisation_ids, member_organisation_ids, people_of
from hubs.agreement_workflow import Actor, available_actions
from hubs.models import (
    Agreement,
    AgreementParty,
    BriefingReport,
    FollowUpAction,
    Hub,
    Interaction,
    Kpi,
    Need,
    Programme,
    ProgrammeAction,
)


def _desk_filter(user: Any) -> Q:
    """Hubs whose desk `user` belongs to (for a signed-in person who is not an operator)."""
    mine = member_organisation_ids(user)
    return Q(host_id__in=mine) | Q(desk_parks__in=mine) | Q(staff=user)


def _managed_filter(user: Any) -> Q:
    return Q(host_id__in=admin_organisation_ids(user)) | Q(staff=user)


@dataclass(frozen=True)
class HubPermissions:
    """What one person may do with one hub."""

    is_desk_member: bool = False
    can_manage: bool = False

    @property
    def can_log(self) -> bool:
        """Register needs and log interactions."""
        return self.is_desk_member


def hubs_visible_to(user: Any) -> QuerySet[Hub]:
    """Every hub, to everyone, anonymous visitors included (issue 16 item 2): its host, partner country,
    mandate and desk parks are public; its staff, needs, interactions and agreements are the desk's."""
    return Hub.objects.select_related("host")


def desk_hubs_of(user: Any) -> QuerySet[Hub]:
    """The hubs whose desk `user` belongs to (every hub for operators)."""
    if is_platform_operator(user):
        return Hub.objects.select_related("host")
    if not is_signed_in(user):
        return Hub.objects.none()
    return Hub.objects.select_related("host").filter(
        pk__in=Hub.objects.filter(_desk_filter(user)).values("pk")
    )


@memoised_per_request
def managed_hub_ids(user: Any) -> set[int]:
    if is_platform_operator(user):
        return set(Hub.objects.values_list("pk", flat=True))
    if not is_signed_in(user):
        return set()
    return set(Hub.objects.filter(_managed_filter(user)).values_list("pk", flat=True))


def hub_permissions(user: Any, hub: Hub) -> HubPermissions:
    if is_platform_operator(user):
        return HubPermissions(is_desk_member=True, can_manage=True)
    if not is_signed_in(user):
        return HubPermissions()
    hubs = Hub.objects.filter(pk=hub.pk)
    can_manage = hubs.filter(_managed_filter(user)).exists()
    return HubPermissions(
        is_desk_member=can_manage or hubs.filter(_desk_filter(user)).exists(), can_manage=can_manage
    )


def get_hub_for_user(user: Any, pk: int) -> tuple[Hub, HubPermissions]:
    hub = hubs_visible_to(user).filter(pk=pk).first()
    if hub is None:
        raise Http404(_("No such hub."))
    return hub, hub_permissions(user, hub)


def host_organisations_for(user: Any) -> QuerySet[Any]:
    """Organisations `user` may open a hub for: those they administer (every one for operators)."""
    from directory.models import Organisation

    if is_platform_operator(user):
        return Organisation.objects.filter(status=Organisation.Status.ACTIVE)
    return Organisation.objects.filter(pk__in=admin_organisation_ids(user))


# Needs


def needs_visible_to(user: Any) -> QuerySet[Need]:
    needs = Need.objects.select_related("hub__host", "sector")
    if is_platform_operator(user):
        return needs
    announced = ~Q(status=Need.Status.IDENTIFIED) & ~Q(announced_at=None)
    public = announced & Q(visibility=Need.Visibility.PUBLIC)
    if not is_signed_in(user):
        return needs.filter(public)
    members = announced & Q(visibility__in=[Need.Visibility.PUBLIC, Need.Visibility.MEMBERS])
    return needs.filter(members | Q(hub__in=desk_hubs_of(user).values("pk")))


def get_need_for_user(user: Any, pk: int) -> tuple[Need, HubPermissions]:
    need = needs_visible_to(user).prefetch_related("organisations", "profiles").filter(pk=pk).first()
    if need is None:
        raise Http404(_("No such need."))
    return need, hub_permissions(user, need.hub)


def needs_of_hub(user: Any, hub: Hub, *, status: str | None = None) -> QuerySet[Need]:
    needs = needs_visible_to(user).filter(hub=hub)
    if status:
        needs = needs.filter(status=status)
    return needs.order_by("-identified_on", "-id")


# Interactions


def interactions_visible_to(user: Any) -> QuerySet[Interaction]:
    return Interaction.objects.filter(hub__in=desk_hubs_of(user).values("pk")).select_related("hub__host")


def interactions_of_hub(user: Any, hub: Hub, *, kind: str | None = None) -> QuerySet[Interaction]:
    interactions = interactions_visible_to(user).filter(hub=hub)
    if kind:
        interactions = interactions.filter(kind=kind)
    return interactions.prefetch_related("our_organisations", "partner_organisations").order_by(
        "-occurred_on", "-id"
    )


# Agreements


@dataclass(frozen=True)
class AgreementPermissions:
    # Who this person is to the agreement (`hubs.agreement_workflow.Actor` values).
    roles: frozenset[str] = frozenset()
    # What they may do with it now: the actions of `hubs.agreement_workflow.TRANSITIONS` open to them.
    actions: frozenset[str] = frozenset()
    # The parties this person may approve for now (their admins, or every party for operators).
    approvable_party_ids: frozenset[int] = frozenset()

    @property
    def can_edit(self) -> bool:
        return "update" in self.actions

    @property
    def can_sign(self) -> bool:
        return "sign" in self.actions

    @property
    def can_close(self) -> bool:
        return "terminate" in self.actions

    @property
    def can_approve(self) -> bool:
        return bool(self.approvable_party_ids)


def agreements_visible_to(user: Any) -> QuerySet[Agreement]:
    agreements = Agreement.objects.select_related("hub__host")
    if is_platform_operator(user):
        return agreements
    if not is_signed_in(user):
        return agreements.none()
    as_party = AgreementParty.objects.filter(organisation_id__in=member_organisation_ids(user)).values(
        "agreement_id"
    )
    return agreements.filter(Q(hub__in=desk_hubs_of(user).values("pk")) | Q(pk__in=as_party))


def agreement_permissions(
    user: Any,
    agreement: Agreement,
    *,
    managed_hubs: set[int] | None = None,
    admin_of: set[int] | None = None,
) -> AgreementPermissions:
    """What `user` may do with `agreement`; a list passes `managed_hubs` and `admin_of` (from
    `managed_hub_ids` and `admin_organisation_ids`) once for all its agreements."""
    manages = agreement.hub_id in (managed_hubs if managed_hubs is not None else managed_hub_ids(user))
    party_ids = {party.organisation_id for party in agreement.parties.all()}
    if admin_of is None:
        admin_of = admin_organisation_ids(user)
    approvable = party_ids if is_platform_operator(user) else party_ids & admin_of
    roles = frozenset(
        role for role, holds in ((Actor.MANAGERS, manages), (Actor.PARTY_ADMINS, bool(approvable))) if holds
    )
    actions = available_actions(status=agreement.status, roles=roles)
    return AgreementPermissions(
        roles=roles,
        actions=actions,
        approvable_party_ids=frozenset(approvable if "approve" in actions else ()),
    )


def get_agreement_for_user(user: Any, pk: int) -> tuple[Agreement, AgreementPermissions]:
    agreement = (
        agreements_visible_to(user)
        .prefetch_related("parties__organisation", "scope", "documents")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404(_("No such agreement."))
    return agreement, agreement_permissions(user, agreement)


def agreements_of_hub(user: Any, hub: Hub) -> QuerySet[Agreement]:
    return (
        agreements_visible_to(user)
        .filter(hub=hub)
        .prefetch_related("parties__organisation", "scope")
        .order_by("-updated_at", "-id")
    )


def actions_of(agreement: Agreement) -> QuerySet[FollowUpAction]:
    return agreement.actions.select_related("owner").order_by("due_on", "id")


def follow_up_actions_of(user: Any) -> QuerySet[FollowUpAction]:
    """The open follow-up actions `user` owns on agreements they may see, soonest due first."""
    if not is_signed_in(user):
        return FollowUpAction.objects.none()
    return (
        FollowUpAction.objects.filter(
            owner=user,
            status__in=FollowUpAction.OPEN_STATUSES,
            agreement__in=agreements_visible_to(user).values("pk"),
        )
        .select_related("agreement")
        .order_by("due_on", "id")
    )


def agreements_awaiting_approval_by(user: Any) -> list[Agreement]:
    """Agreements in negotiation that `user` may approve now for a party that has not approved the
    current text (an admin of that party, or an operator), oldest change first."""
    admin_of = admin_organisation_ids(user)
    managed = managed_hub_ids(user)
    candidates = agreements_visible_to(user).filter(status=Agreement.Status.NEGOTIATION)
    if not is_platform_operator(user):
        candidates = candidates.filter(parties__organisation_id__in=admin_of).distinct()
    waiting = []
    for agreement in candidates.prefetch_related("parties__organisation").order_by("updated_at", "id"):
        approvable = agreement_permissions(
            user, agreement, managed_hubs=managed, admin_of=admin_of
        ).approvable_party_ids
        if any(
            party.organisation_id in approvable and not party.has_approved_current_text
            for party in agreement.parties.all()
        ):
            waiting.append(agreement)
    return waiting


def programme_actions_open_of(user: Any) -> QuerySet[ProgrammeAction]:
    """The actions not done yet of the programmes of the hubs `user` manages, soonest due first."""
    return (
        ProgrammeAction.objects.filter(programme__hub_id__in=managed_hub_ids(user))
        .exclude(status=ProgrammeAction.Status.DONE)
        .select_related("programme")
        .order_by("due_on", "id")
    )


def actions_due_for_reminder(*, today: datetime.date, days_ahead: int = 7) -> QuerySet[FollowUpAction]:
    """Open actions due within `days_ahead` days or overdue, not reminded yet today."""
    return (
        FollowUpAction.objects.filter(
            status__in=FollowUpAction.OPEN_STATUSES, due_on__lte=today + datetime.timedelta(days=days_ahead)
        )
        .exclude(last_reminded_on=today)
        .select_related("agreement", "owner")
        .order_by("due_on", "id")
    )


# Programmes, KPIs and reports


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(hub__in=desk_hubs_of(user).values("pk")).select_related("hub__host")


def get_programme_for_user(user: Any, pk: int) -> tuple[Programme, HubPermissions]:
    programme = (
        programmes_visible_to(user)
        .prefetch_related("responsible_organisations", "actions__responsible", "kpis__snapshots")
        .filter(pk=pk)
        .first()
    )
    if programme is None:
        raise Http404(_("No such programme."))
    return programme, hub_permissions(user, programme.hub)


def programmes_of_hub(user: Any, hub: Hub) -> QuerySet[Programme]:
    return (
        programmes_visible_to(user)
        .filter(hub=hub)
        .prefetch_related("kpis", "responsible_organisations")
        .order_by("starts_on", "id")
    )


def kpis_visible_to(user: Any) -> QuerySet[Kpi]:
    return Kpi.objects.filter(programme__in=programmes_visible_to(user).values("pk")).select_related(
        "programme__hub__host"
    )


def reports_visible_to(user: Any) -> QuerySet[BriefingReport]:
    return BriefingReport.objects.filter(hub__in=desk_hubs_of(user).values("pk")).select_related("hub__host")


def get_report_for_user(user: Any, pk: int) -> BriefingReport:
    report = reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404(_("No such report."))
    return report


def desk_people(hub: Hub) -> list[Any]:
    """Everyone at the desk: the people of the host and of the parks taking part, and the staff."""
    organisation_ids = {hub.host_id, *hub.desk_parks.values_list("pk", flat=True)}
    people = set(people_of(organisation_ids)) | set(hub.staff.filter(is_active=True))
    return sorted(people, key=lambda user: user.pk)
