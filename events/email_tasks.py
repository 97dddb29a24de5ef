"""The registration email events services enqueue on commit. Apart from `events.tasks`, which runs
services, so that the services import it at the top without a circle (docs/architecture.md, "Tasks")."""

from django.tasks import task

from core.task_leases import task_effect_once
from events.models import Registration
from events.notifications import registration_email_send as send_registration_email


@task
def registration_email_send(*, registration_id: int, message: str) -> int:
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None:
        return 0
    with task_effect_once("email") as first:  # not twice when a killed worker's task runs again
        return send_registration_email(registration=registration, message=message) if first else 0
