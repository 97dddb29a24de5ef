"""Placements a host organisation offers (a lab, a supervisor, dates), published for the matching
engine and withdrawn by the host's people."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless, is_platform_operator
from directory.models import Organisation
from directory.services import field_error
from exchanges.models import Placement, Programme
from exchanges.selectors import can_manage_placement, my_organisation_ids
from exchanges.services.access import _signed_in
from exchanges.services.workflow import _matching_changed


@transaction.atomic
def placement_publish(
    *,
    actor: Any,
    host: Organisation,
    title: str,
    lab: str,
    supervisor: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    programme: Programme | None = None,
    project: str = "",
    description: str = "",
) -> Placement:
    deny_unless(
        _signed_in(actor) and (is_platform_operator(actor) or host.pk in my_organisation_ids(actor)),
        _("Only the people of the host organisation publish its placements."),
    )
    if starts_on > ends_on:
        raise field_error("ends_on", _("The placement must end after it starts."), code="date_order")
    placement = Placement(
        host=host,
        programme=programme,
        title=title,
        lab=lab,
        project=project,
        supervisor=supervisor,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    placement.full_clean()
    placement.save()
    audit_record(actor=actor, action="exchanges.placement.publish", target=placement, organisation_id=host.pk)
    _matching_changed("exchanges.placement", placement.pk)
    return placement


@transaction.atomic
def placement_withdraw(*, actor: Any, placement: Placement) -> Placement:
    deny_unless(
        can_manage_placement(actor, placement),
        _("Only the people of the host organisation withdraw its placements."),
    )
    if placement.status == Placement.Status.WITHDRAWN:
        raise ValidationError(_("The placement is already withdrawn."), code="invalid_transition")
    placement.status = Placement.Status.WITHDRAWN
    placement.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="exchanges.placement.withdraw",
        target=placement,
        organisation_id=placement.host_id,
    )
    _matching_changed("exchanges.placement", placement.pk)
    return placement
