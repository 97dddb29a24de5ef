"""Writes about an agreement's follow-up actions: planning them, updating their status and reminding
their owners."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.notifications import notification_send
from core.permissions import deny_unless
from hubs.models import Agreement, FollowUpAction
from hubs.selectors import hub_permissions


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
