"""Every write of the hubs app: keyword-only, typed, atomic; each checks who may do it (PermissionDenied),
checks the input (ValidationError, translated) and records itself in the audit trail."""

import datetime
import hashlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.models import Sector
from core.notifications import notification_send
from core.permissions import deny_unless
from core.taxonomies import is_country_code
from directory.models import Organisation, OrganisationMembership
from hubs.briefing import content_fingerprint, report_content, report_pdf
from hubs.cooperation_areas import COOPERATION_AREA_LABELS
from hubs.kpis import kpi_actual
from hubs.models import (
    Agreement,
    AgreementDocument,
    AgreementEvent,
    AgreementParty,
    AgreementScope,
    BriefingReport,
    FollowUpAction,
    Hub,
    Interaction,
    Kpi,
    KpiSnapshot,
    Need,
    Programme,
    ProgrammeAction,
)
from hubs.selectors import agreement_permissions, hub_permissions
from marketplace.models import Profile

logger = logging.getLogger(__name__)

HUB_FIELDS = ("partner_country", "partner_region", "mandate", "designated_by", "designated_on")
AGREEMENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _check_country(country: str) -> None:
    if not is_country_code(country):
        raise ValidationError(
            {"partner_country": _("%(value)s is not an ISO 3166 country code.") % {"value": country}}
        )


def _desk_people(hub: Hub) -> list[Any]:
    """Everyone at the desk: the people of the host and of the parks taking part, and the staff."""
    organisation_ids = {hub.host_id, *hub.desk_parks.values_list("pk", flat=True)}
    people = {
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation_id__in=organisation_ids, user__is_active=True
        ).select_related("user")
    }
    people |= set(hub.staff.filter(is_active=True))
    return sorted(people, key=lambda user: user.pk)


# Hubs


@transaction.atomic
def hub_create(
    *,
    actor: Any,
    host: Organisation,
    partner_country: str,
    mandate: str,
    designated_by: str,
    designated_on: datetime.date,
    partner_region: str = "",
    desk_parks: Iterable[Organisation] = (),
    staff: Iterable[Any] = (),
) -> Hub:
    deny_unless(
        _is_admin_of(actor, host),
        _("Only an admin of the host organisation opens a hub for it."),
    )
    _check_country(partner_country)
    if partner_country == host.country:
        raise ValidationError({"partner_country": _("The partner country must differ from the host's.")})
    if Hub.objects.filter(host=host, partner_country=partner_country, partner_region=partner_region).exists():
        raise ValidationError(_("This organisation already hosts a hub for that partner."))
    hub = Hub.objects.create(
        host=host,
        partner_country=partner_country,
        partner_region=partner_region,
        mandate=mandate,
        designated_by=designated_by,
        designated_on=designated_on,
        created_by=actor,
    )
    hub.desk_parks.set(desk_parks)
    hub.staff.set(staff)
    audit_record(actor=actor, action="hubs.hub_create", target=hub, organisation_id=host.pk)
    return hub


def _is_admin_of(user: Any, organisation: Organisation) -> bool:
    from core.permissions import is_platform_operator

    return (
        is_platform_operator(user)
        or OrganisationMembership.objects.filter(
            user=user, organisation=organisation, role=OrganisationMembership.Role.ADMIN
        ).exists()
    )


@transaction.atomic
def hub_update(
    *,
    actor: Any,
    hub: Hub,
    partner_country: str,
    mandate: str,
    designated_by: str,
    designated_on: datetime.date,
    partner_region: str = "",
    desk_parks: Iterable[Organisation] = (),
    staff: Iterable[Any] = (),
) -> Hub:
    deny_unless(hub_permissions(actor, hub).can_manage, _("Only the hub's managers edit it."))
    _check_country(partner_country)
    before = snapshot(hub, HUB_FIELDS)
    hub.partner_country, hub.partner_region, hub.mandate = partner_country, partner_region, mandate
    hub.designated_by, hub.designated_on = designated_by, designated_on
    hub.save(update_fields=[*HUB_FIELDS, "updated_at"])
    hub.desk_parks.set(desk_parks)
    hub.staff.set(staff)
    audit_record(
        actor=actor,
        action="hubs.hub_update",
        target=hub,
        changes=changes_between(before, snapshot(hub, HUB_FIELDS)),
        organisation_id=hub.host_id,
    )
    return hub


@transaction.atomic
def hub_subscription_set(*, actor: Any, hub: Hub, subscribed: bool) -> bool:
    deny_unless(
        hub_permissions(actor, hub).is_desk_member, _("Only the hub's desk subscribes to its digest.")
    )
    if subscribed:
        hub.subscribers.add(actor)
    else:
        hub.subscribers.remove(actor)
    return subscribed


# Needs


@transaction.atomic
def need_register(
    *,
    actor: Any,
    hub: Hub,
    title: str,
    description: str,
    source: str,
    identified_on: datetime.date,
    sector: Sector | None = None,
    source_detail: str = "",
    organisations: Iterable[Organisation] = (),
    profiles: Iterable[Profile] = (),
) -> Need:
    deny_unless(hub_permissions(actor, hub).can_log, _("Only the hub's desk registers needs."))
    if not title.strip():
        raise ValidationError({"title": _("Give the need a title.")})
    need = Need.objects.create(
        hub=hub,
        title=title.strip(),
        description=description,
        sector=sector,
        source=source,
        source_detail=source_detail,
        identified_on=identified_on,
        created_by=actor,
    )
    need.organisations.set(organisations)
    need.profiles.set(profiles)
    audit_record(actor=actor, action="hubs.need_register", target=need, organisation_id=hub.host_id)
    return need


@transaction.atomic
def need_announce(*, actor: Any, need: Need, visibility: str, now: datetime.datetime | None = None) -> Need:
    """Publish the need on a members-only or public page and tell everyone at the desk."""
    deny_unless(hub_permissions(actor, need.hub).can_manage, _("Only the hub's managers announce needs."))
    if need.status != Need.Status.IDENTIFIED:
        raise ValidationError(_("Only a need that is identified and not yet announced can be announced."))
    if visibility not in (Need.Visibility.MEMBERS, Need.Visibility.PUBLIC):
        raise ValidationError({"visibility": _("Announce to ParkLink members or to everyone.")})
    need.status, need.visibility, need.announced_at = Need.Status.ANNOUNCED, visibility, now or timezone.now()
    need.save(update_fields=["status", "visibility", "announced_at", "updated_at"])
    hub = need.hub
    notification_send(
        recipients=[person for person in _desk_people(hub) if person != actor],
        topic="hubs.need_announced",
        subject=format_lazy(
            _("New need announced by the {host} hub: {title}"), host=hub.host.name, title=need.title
        ),
        body=need.description[:500],
        url=reverse("hubs:need_detail", args=[need.pk]),
    )
    _matching_record_changed(need)
    audit_record(
        actor=actor,
        action="hubs.need_announce",
        target=need,
        changes={"visibility": visibility},
        organisation_id=hub.host_id,
    )
    return need


NEED_TRANSITIONS = {
    Need.Status.IN_PROGRESS: (Need.Status.ANNOUNCED,),
    Need.Status.MET: (Need.Status.ANNOUNCED, Need.Status.IN_PROGRESS),
    Need.Status.DROPPED: (Need.Status.IDENTIFIED, Need.Status.ANNOUNCED, Need.Status.IN_PROGRESS),
}


@transaction.atomic
def need_status_set(*, actor: Any, need: Need, status: str, now: datetime.datetime | None = None) -> Need:
    """Move an announced need on: in progress, met, or dropped (an identified one may only be dropped)."""
    deny_unless(
        hub_permissions(actor, need.hub).can_manage, _("Only the hub's managers change a need's status.")
    )
    allowed_from = NEED_TRANSITIONS.get(Need.Status(status)) if status in Need.Status.values else None
    if not allowed_from or need.status not in allowed_from:
        raise ValidationError(_("A need cannot move from this status to that one."))
    before = need.status
    need.status = status
    need.closed_at = (now or timezone.now()) if status in (Need.Status.MET, Need.Status.DROPPED) else None
    need.save(update_fields=["status", "closed_at", "updated_at"])
    _matching_record_changed(need)
    audit_record(
        actor=actor,
        action="hubs.need_status_set",
        target=need,
        changes={"status": [before, status]},
        organisation_id=need.hub.host_id,
    )
    return need


def _matching_record_changed(need: Need) -> None:
    from matching.services import record_changed

    record_changed(kind="hubs.need", object_id=need.pk)


# Interactions


@transaction.atomic
def interaction_log(
    *,
    actor: Any,
    hub: Hub,
    kind: str,
    title: str,
    occurred_on: datetime.date,
    place: str = "",
    our_organisations: Iterable[Organisation] = (),
    partner_organisations: Iterable[Organisation] = (),
    our_people: str = "",
    partner_people: str = "",
    outcome: str = "",
    origin: str = Interaction.Origin.FORM,
) -> Interaction:
    deny_unless(hub_permissions(actor, hub).can_log, _("Only the hub's desk logs interactions."))
    if kind not in Interaction.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of interaction.")})
    if not title.strip():
        raise ValidationError({"title": _("Say what the interaction was.")})
    interaction = Interaction.objects.create(
        hub=hub,
        kind=kind,
        title=title.strip(),
        occurred_on=occurred_on,
        place=place,
        our_people=our_people,
        partner_people=partner_people,
        outcome=outcome,
        origin=origin,
        logged_by=actor,
    )
    interaction.our_organisations.set(our_organisations)
    interaction.partner_organisations.set(partner_organisations)
    audit_record(actor=actor, action="hubs.interaction_log", target=interaction, organisation_id=hub.host_id)
    return interaction


@transaction.atomic
def interactions_import(*, actor: Any, hub: Hub, rows: Sequence[dict[str, Any]]) -> list[Interaction]:
    """Log every row (parsed by hubs.interaction_import) or, if one of them fails, none."""
    deny_unless(hub_permissions(actor, hub).can_log, _("Only the hub's desk logs interactions."))
    created = [interaction_log(actor=actor, hub=hub, origin=Interaction.Origin.IMPORT, **row) for row in rows]
    return created


# Agreements


def _record(
    agreement: Agreement, *, actor: Any, action: str, organisation: Organisation | None = None, note: str = ""
) -> None:
    AgreementEvent.objects.create(
        agreement=agreement,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        organisation=organisation,
        text_hash=agreement.text_hash,
        note=note,
    )
    audit_record(
        actor=actor,
        action=f"hubs.agreement_{action}",
        target=agreement,
        changes={"text_hash": agreement.text_hash, "status": agreement.status},
        organisation_id=agreement.hub.host_id,
    )


def _check_agreement_input(
    *,
    title: str,
    text: str,
    parties: Sequence[Organisation],
    scope: Sequence[str],
    starts_on: Any,
    ends_on: Any,
) -> None:
    errors: dict[str, Any] = {}
    if not title.strip():
        errors["title"] = _("Give the agreement a title.")
    if not text.strip():
        errors["text"] = _("Write the agreement's text.")
    if len({party.pk for party in parties}) < 2:
        errors["parties"] = _("An agreement has two or more parties.")
    unknown = [area for area in scope if area not in COOPERATION_AREA_LABELS]
    if unknown:
        errors["scope"] = _("Unknown area of cooperation: %(areas)s") % {"areas": ", ".join(unknown)}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)


def _rehash(agreement: Agreement, *, actor: Any) -> bool:
    """Recompute the text's hash; if it changed, void every approval (returns whether any was)."""
    new_hash = agreement.computed_text_hash()
    if new_hash == agreement.text_hash:
        return False
    agreement.text_hash = new_hash
    voided = agreement.parties.exclude(approved_hash="").update(
        approved_hash="", approved_at=None, approved_by=None
    )
    if agreement.status == Agreement.Status.APPROVED:
        agreement.status = Agreement.Status.NEGOTIATION
    agreement.save(update_fields=["text_hash", "status", "updated_at"])
    if voided:
        _record(agreement, actor=actor, action="approvals_voided")
    return bool(voided)


def _set_parties_and_scope(
    agreement: Agreement, parties: Sequence[Organisation], scope: Sequence[str]
) -> None:
    wanted = {party.pk for party in parties}
    agreement.parties.exclude(organisation_id__in=wanted).delete()
    existing = set(agreement.parties.values_list("organisation_id", flat=True))
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organisation_id=pk) for pk in sorted(wanted - existing)
    )
    agreement.scope.exclude(area__in=scope).delete()
    existing_areas = set(agreement.scope.values_list("area", flat=True))
    AgreementScope.objects.bulk_create(
        AgreementScope(agreement=agreement, area=area) for area in sorted(set(scope) - existing_areas)
    )


@transaction.atomic
def agreement_draft(
    *,
    actor: Any,
    hub: Hub,
    kind: str,
    title: str,
    text: str,
    parties: Sequence[Organisation],
    scope: Sequence[str] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Agreement:
    deny_unless(hub_permissions(actor, hub).can_manage, _("Only the hub's managers draft agreements."))
    _check_agreement_input(
        title=title, text=text, parties=parties, scope=scope, starts_on=starts_on, ends_on=ends_on
    )
    agreement = Agreement.objects.create(
        hub=hub,
        kind=kind,
        title=title.strip(),
        text=text,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    _set_parties_and_scope(agreement, parties, scope)
    agreement.text_hash = agreement.computed_text_hash()
    agreement.save(update_fields=["text_hash"])
    _record(agreement, actor=actor, action="draft")
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    kind: str,
    title: str,
    text: str,
    parties: Sequence[Organisation],
    scope: Sequence[str] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Agreement:
    """Change the agreement; any change to what the parties approve voids every approval."""
    deny_unless(
        agreement_permissions(actor, agreement).can_edit,
        _("Only the hub's managers change an agreement, and only before it is signed."),
    )
    _check_agreement_input(
        title=title, text=text, parties=parties, scope=scope, starts_on=starts_on, ends_on=ends_on
    )
    agreement.kind, agreement.title, agreement.text = kind, title.strip(), text
    agreement.starts_on, agreement.ends_on = starts_on, ends_on
    agreement.save(update_fields=["kind", "title", "text", "starts_on", "ends_on", "updated_at"])
    _set_parties_and_scope(agreement, parties, scope)
    _record(agreement, actor=actor, action="update")
    _rehash(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_document_add(*, actor: Any, agreement: Agreement, upload: UploadedFile) -> AgreementDocument:
    """Attach a document; it is part of what the parties approve, so approvals so far are voided."""
    deny_unless(agreement_permissions(actor, agreement).can_edit, _("Only the hub's managers add documents."))
    if (upload.size or 0) > AGREEMENT_DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    content = upload.read()
    document = AgreementDocument(
        agreement=agreement,
        original_name=(upload.name or "document")[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    document.file.save(upload.name or "document", ContentFile(content), save=False)
    document.save()
    _record(agreement, actor=actor, action="document_add", note=document.original_name)
    _rehash(agreement, actor=actor)
    return document


@transaction.atomic
def agreement_negotiation_open(*, actor: Any, agreement: Agreement) -> Agreement:
    deny_unless(agreement_permissions(actor, agreement).can_edit, _("Only the hub's managers do this."))
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(_("Only a draft goes into negotiation."))
    agreement.status = Agreement.Status.NEGOTIATION
    agreement.save(update_fields=["status", "updated_at"])
    _record(agreement, actor=actor, action="negotiation_open")
    others = [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation__in=agreement.parties.values("organisation"),
            role=OrganisationMembership.Role.ADMIN,
            user__is_active=True,
        ).select_related("user")
        if membership.user != actor
    ]
    notification_send(
        recipients=others,
        topic="hubs.agreement_negotiation",
        subject=format_lazy(_("Agreement open for your approval: {title}"), title=agreement.title),
        url=reverse("hubs:agreement_detail", args=[agreement.pk]),
    )
    return agreement


@transaction.atomic
def agreement_approve(
    *,
    actor: Any,
    agreement: Agreement,
    party: Organisation,
    text_hash: str,
    now: datetime.datetime | None = None,
) -> Agreement:
    """Approve the version of the text whose hash is `text_hash`, on behalf of `party`. When every party
    has approved the current text, the agreement is approved and may be signed."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    permissions = agreement_permissions(actor, agreement)
    deny_unless(
        party.pk in permissions.approvable_party_ids,
        _("Only an admin of a party approves the agreement for it, while it is in negotiation."),
    )
    if text_hash != agreement.text_hash:
        raise ValidationError(
            {
                "text_hash": _(
                    "The agreement changed since you read it. Read the current text and approve again."
                )
            }
        )
    agreement.parties.filter(organisation=party).update(
        approved_hash=text_hash, approved_at=now or timezone.now(), approved_by=actor
    )
    _record(agreement, actor=actor, action="approve", organisation=party)
    if not agreement.parties.exclude(approved_hash=agreement.text_hash).exists():
        agreement.status = Agreement.Status.APPROVED
        agreement.save(update_fields=["status", "updated_at"])
        _record(agreement, actor=actor, action="approved_by_all")
    return agreement


@transaction.atomic
def agreement_sign(*, actor: Any, agreement: Agreement, signed_on: datetime.date | None = None) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    deny_unless(
        agreement_permissions(actor, agreement).can_sign,
        _("Only the hub's managers sign, once every party has approved the current text."),
    )
    if (
        agreement.computed_text_hash() != agreement.text_hash
        or agreement.parties.exclude(approved_hash=agreement.text_hash).exists()
    ):
        raise ValidationError(_("Every party must approve the current text before it is signed."))
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on or timezone.localdate()
    if agreement.starts_on is None:
        agreement.starts_on = agreement.signed_on
    agreement.save(update_fields=["status", "signed_on", "starts_on", "updated_at"])
    _record(agreement, actor=actor, action="sign")
    return agreement


@transaction.atomic
def agreement_terminate(
    *, actor: Any, agreement: Agreement, reason: str, on: datetime.date | None = None
) -> Agreement:
    deny_unless(
        agreement_permissions(actor, agreement).can_close,
        _("Only the hub's managers end an agreement in effect."),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the agreement ends.")})
    agreement.status, agreement.closed_on, agreement.closing_note = (
        Agreement.Status.TERMINATED,
        on or timezone.localdate(),
        reason,
    )
    agreement.save(update_fields=["status", "closed_on", "closing_note", "updated_at"])
    _record(agreement, actor=actor, action="terminate", note=reason)
    return agreement


@transaction.atomic
def agreement_renew(*, actor: Any, agreement: Agreement) -> Agreement:
    """Mark the agreement renewed and open its successor as a draft with the same text and parties."""
    permissions = agreement_permissions(actor, agreement)
    deny_unless(
        permissions.can_close
        or (
            agreement.status == Agreement.Status.EXPIRED and hub_permissions(actor, agreement.hub).can_manage
        ),
        _("Only the hub's managers renew an agreement in effect or expired."),
    )
    successor = agreement_draft(
        actor=actor,
        hub=agreement.hub,
        kind=agreement.kind,
        title=agreement.title,
        text=agreement.text,
        parties=[party.organisation for party in agreement.parties.select_related("organisation")],
        scope=list(agreement.scope.values_list("area", flat=True)),
    )
    successor.renews = agreement
    successor.save(update_fields=["renews"])
    agreement.status, agreement.closed_on = Agreement.Status.RENEWED, timezone.localdate()
    agreement.save(update_fields=["status", "closed_on", "updated_at"])
    _record(agreement, actor=actor, action="renew")
    return successor


def agreements_expire_due(*, today: datetime.date) -> int:
    """Signed agreements whose end date has passed become expired (run daily)."""
    expired = 0
    for agreement in Agreement.objects.filter(
        status=Agreement.Status.SIGNED, ends_on__lt=today
    ).select_related("hub"):
        with transaction.atomic():
            agreement.status, agreement.closed_on = Agreement.Status.EXPIRED, agreement.ends_on
            agreement.save(update_fields=["status", "closed_on", "updated_at"])
            _record(agreement, actor=None, action="expire")
        expired += 1
    return expired


@transaction.atomic
def follow_up_action_add(
    *, actor: Any, agreement: Agreement, title: str, owner: Any, due_on: datetime.date
) -> FollowUpAction:
    deny_unless(
        hub_permissions(actor, agreement.hub).can_manage, _("Only the hub's managers plan follow-up actions.")
    )
    if not title.strip():
        raise ValidationError({"title": _("Say what is to be done.")})
    action = FollowUpAction.objects.create(
        agreement=agreement, title=title.strip(), owner=owner, due_on=due_on
    )
    audit_record(
        actor=actor, action="hubs.follow_up_action_add", target=action, organisation_id=agreement.hub.host_id
    )
    return action


@transaction.atomic
def follow_up_action_status_set(*, actor: Any, action: FollowUpAction, status: str) -> FollowUpAction:
    deny_unless(
        action.owner_id == actor.pk or hub_permissions(actor, action.agreement.hub).can_manage,
        _("Only the action's owner or the hub's managers update it."),
    )
    if status not in FollowUpAction.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    before = action.status
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="hubs.follow_up_action_status_set",
        target=action,
        changes={"status": [before, status]},
        organisation_id=action.agreement.hub.host_id,
    )
    return action


def follow_up_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each owner of open actions due within a week or overdue, once a day."""
    from hubs.selectors import actions_due_for_reminder

    today = today or timezone.localdate()
    sent = 0
    for action in actions_due_for_reminder(today=today):
        with transaction.atomic():
            subject = (
                format_lazy(_("Overdue: {title}"), title=action.title)
                if action.due_on < today
                else format_lazy(_("Due soon: {title}"), title=action.title)
            )
            sent += notification_send(
                recipients=[action.owner],
                topic="hubs.follow_up_due",
                subject=subject,
                body=format_lazy(
                    _("Follow-up of the agreement “{agreement}”."), agreement=action.agreement.title
                ),
                url=reverse("hubs:agreement_detail", args=[action.agreement_id]),
            )
            action.last_reminded_on = today
            action.save(update_fields=["last_reminded_on"])
    return sent


# Programmes and KPIs


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    hub: Hub,
    title: str,
    horizon: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    objectives: str,
    responsible_organisations: Iterable[Organisation] = (),
) -> Programme:
    deny_unless(hub_permissions(actor, hub).can_manage, _("Only the hub's managers plan programmes."))
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
    programme = Programme.objects.create(
        hub=hub, title=title, horizon=horizon, starts_on=starts_on, ends_on=ends_on, objectives=objectives
    )
    programme.responsible_organisations.set(responsible_organisations)
    audit_record(actor=actor, action="hubs.programme_create", target=programme, organisation_id=hub.host_id)
    return programme


@transaction.atomic
def programme_action_add(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    responsible: Organisation | None = None,
    due_on: datetime.date | None = None,
) -> ProgrammeAction:
    deny_unless(
        hub_permissions(actor, programme.hub).can_manage, _("Only the hub's managers plan programmes.")
    )
    action = ProgrammeAction.objects.create(
        programme=programme, title=title, responsible=responsible, due_on=due_on
    )
    audit_record(
        actor=actor, action="hubs.programme_action_add", target=action, organisation_id=programme.hub.host_id
    )
    return action


@transaction.atomic
def programme_action_status_set(*, actor: Any, action: ProgrammeAction, status: str) -> ProgrammeAction:
    deny_unless(
        hub_permissions(actor, action.programme.hub).can_manage, _("Only the hub's managers update actions.")
    )
    if status not in ProgrammeAction.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="hubs.programme_action_status_set", target=action, changes={"status": status}
    )
    return action


@transaction.atomic
def kpi_add(*, actor: Any, programme: Programme, name: str, metric: str, target: int) -> Kpi:
    deny_unless(hub_permissions(actor, programme.hub).can_manage, _("Only the hub's managers set KPIs."))
    if metric not in Kpi.Metric.values:
        raise ValidationError({"metric": _("Choose what the KPI counts.")})
    if target < 1:
        raise ValidationError({"target": _("The target must be at least 1.")})
    kpi = Kpi.objects.create(programme=programme, name=name, metric=metric, target=target)
    kpi_snapshot_take(kpi=kpi, today=timezone.localdate())
    audit_record(actor=actor, action="hubs.kpi_add", target=kpi, organisation_id=programme.hub.host_id)
    return kpi


def kpi_snapshot_take(*, kpi: Kpi, today: datetime.date) -> KpiSnapshot:
    """Record (or correct) the KPI's value for `today`."""
    value = kpi_actual(kpi, on=today)
    snapshot_row, _created = KpiSnapshot.objects.update_or_create(
        kpi=kpi, taken_on=today, defaults={"value": value}
    )
    return snapshot_row


def kpi_snapshots_take(*, today: datetime.date | None = None) -> int:
    """Every KPI of a programme not yet over gets today's value (run daily)."""
    today = today or timezone.localdate()
    kpis = Kpi.objects.filter(programme__starts_on__lte=today).select_related("programme__hub__host")
    taken = 0
    for kpi in kpis:
        if kpi.programme.ends_on >= today - datetime.timedelta(days=1):
            with transaction.atomic():
                kpi_snapshot_take(kpi=kpi, today=today)
            taken += 1
    return taken


# Briefing reports


@transaction.atomic
def briefing_report_request(
    *,
    actor: Any,
    hub: Hub,
    country: str = "",
    as_of: datetime.date | None = None,
    language: str | None = None,
) -> BriefingReport:
    """Queue a country briefing report (by default on the hub's partner country, as of today)."""
    deny_unless(
        hub_permissions(actor, hub).is_desk_member, _("Only the hub's desk requests briefing reports.")
    )
    country = (country or hub.partner_country).upper()
    if not is_country_code(country):
        raise ValidationError(
            {"country": _("%(value)s is not an ISO 3166 country code.") % {"value": country}}
        )
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise ValidationError({"as_of": _("A report cannot describe a day still to come.")})
    report = BriefingReport.objects.create(
        hub=hub,
        country=country,
        as_of=as_of,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        requested_by=actor,
    )
    audit_record(
        actor=actor, action="hubs.briefing_report_request", target=report, organisation_id=hub.host_id
    )
    from hubs.tasks import briefing_report_build_task

    transaction.on_commit(lambda: briefing_report_build_task.enqueue(report_id=report.pk))
    return report


def _progress(report: BriefingReport, percent: int) -> None:
    # Outside any transaction, so the page polling for progress sees each step as it happens.
    BriefingReport.objects.filter(pk=report.pk).update(progress=percent)


def briefing_report_build(*, report: BriefingReport) -> BriefingReport:
    """Count the content, then render the PDF; a report with the same content and language reuses the
    PDF already made. A failure is recorded on the report and shown to whoever asked."""
    BriefingReport.objects.filter(pk=report.pk).update(status=BriefingReport.Status.RUNNING, progress=5)
    try:
        with translation.override(report.language):
            content = report_content(
                hub=report.hub,
                country=report.country,
                as_of=report.as_of,
                progress=lambda percent: _progress(report, percent),
            )
            fingerprint = content_fingerprint(content)
            twin = (
                BriefingReport.objects.filter(
                    fingerprint=fingerprint, language=report.language, status=BriefingReport.Status.DONE
                )
                .exclude(pdf="")
                .first()
            )
            if twin is not None:
                report.pdf.name = twin.pdf.name
            else:
                pdf = report_pdf(content=content, fingerprint=fingerprint, hub=report.hub)
                report.pdf.save(
                    f"briefing-{report.country}-{report.as_of}-{fingerprint[:12]}.pdf",
                    ContentFile(pdf),
                    save=False,
                )
    except Exception as error:
        logger.exception("Briefing report %s failed", report.pk)
        report.status, report.error, report.finished_at = (
            BriefingReport.Status.FAILED,
            str(error)[:2000],
            timezone.now(),
        )
        report.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return report
    report.content, report.fingerprint = content, fingerprint
    report.status, report.progress, report.finished_at = BriefingReport.Status.DONE, 100, timezone.now()
    report.save(
        update_fields=["content", "fingerprint", "pdf", "status", "progress", "finished_at", "updated_at"]
    )
    return report


# The monthly digest


def hub_digests_send(*, month: datetime.date | None = None) -> int:
    """Email each hub's subscribers what the feed recorded in the previous calendar month; returns the
    number of emails sent. Run on the first of the month."""
    from hubs.feed import feed_for

    first_of_this_month = (month or timezone.localdate()).replace(day=1)
    start = (first_of_this_month - datetime.timedelta(days=1)).replace(day=1)
    sent = 0
    due = Hub.objects.exclude(digest_sent_for=start).select_related("host")
    for hub in due.prefetch_related("subscribers"):
        for person in hub.subscribers.filter(is_active=True):
            if not hub_permissions(person, hub).is_desk_member:
                continue
            items = [item for item in feed_for(person, hub=hub, since=start) if item.on < first_of_this_month]
            if not items:
                continue
            with translation.override(getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE):
                context = {
                    "hub": hub,
                    "items": items,
                    "month": start,
                    "url": _site_url(reverse("hubs:hub_feed", args=[hub.pk])),
                }
                subject = render_to_string("hubs/email/digest_subject.txt", context).strip()
                body = render_to_string("hubs/email/digest_body.txt", context)
            sent += send_mail(subject, body, None, [person.email])
        hub.digest_sent_for = start
        hub.save(update_fields=["digest_sent_for"])
    return sent
