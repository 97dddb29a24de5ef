from django.tasks import task

from networks.models import NetworkMembership
from networks.notifications import membership_email_send as send_membership_email
from networks.services import membership_expiry_sweep


@task
def membership_email_send(*, membership_id: int, message: str, note: str = "") -> None:
    membership = (
        NetworkMembership.objects.select_related("network", "member", "category", "applied_by")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        return
    send_membership_email(membership=membership, message=message, note=note)


@task
def membership_reminders_send() -> dict[str, int]:
    """The daily sweep: grace, expiry and renewal reminders (`manage.py send_membership_reminders`)."""
    return membership_expiry_sweep()
