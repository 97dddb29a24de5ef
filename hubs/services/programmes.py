"""Writes about a hub's programmes: programmes, their actions, KPIs and the KPIs' daily snapshots."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless
from directory.models import Organisation
from hubs.kpis import kpi_actual
from hubs.models import Hub, Kpi, KpiSnapshot, Programme, ProgrammeAction
from hubs.selectors import hub_permissions


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
