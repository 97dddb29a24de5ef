"""The membership email a workflow service enqueues on commit. Apart from `networks.tasks`, which runs
services, so that the services import it at the top without a circle (docs/architecture.md, "Tasks")."""

from django.tasks import task

from core.task_leases import task_effect_once
from networks.models import NetworkMembership
from networks.notifications import membership_email_send as send_membership_email


@task
def membership_email_send(*, membership_id: int, message: str, note: str = "") -> None:
    membership = (
        NetworkMembership.objects.select_related("network", "member", "category", "applied_by")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        return
    with task_effect_once("email") as first:  # not twice when a killed worker's task runs again
        if first:
            send_membership_email(membership=membership, message=message, note=note)
