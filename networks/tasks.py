"""The networks' scheduled work, which runs services. The email the services enqueue lives in
`networks.email_tasks`; it is re-exported here so emails queued under this path still run."""

from django.tasks import task

from networks.email_tasks import membership_email_send
from networks.services import membership_expiry_sweep

__all__ = ["membership_email_send", "membership_reminders_send"]


@task
def membership_reminders_send() -> dict[str, int]:
    """The daily sweep: grace, expiry and renewal reminders (`manage.py send_membership_reminders`)."""
    return membership_expiry_sweep()
