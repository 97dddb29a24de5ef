"""Writes about a hub's needs register: registering, announcing and moving a need on."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.models import Sector
from core.notifications import notification_send
from core.permissions import deny_unless
from directory.models import Organisation
from hubs.models import Hub, Need
from hubs.selectors import desk_people, hub_permissions
from marketplace.models import Profile


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
        recipients=[person for person in desk_people(hub) if person != actor],
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
