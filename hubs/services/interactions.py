"""Writes about the interactions a hub monitors: logging one, or importing many at once."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless
from directory.models import Organisation
from hubs.models import Hub, Interaction
from hubs.selectors import hub_permissions


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
