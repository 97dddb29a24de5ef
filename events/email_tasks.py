"""The registration email events services enqueue on commit. Apart from `events.tasks`, which runs
services, so that the services import it at the top without a circle (docs/architecture.md, "Tasks")."""

from django.tasks import task

from events.models import Registration
from events.notifications import registration_email_send as send_registration_email


@task
def registration_email_send(*, registration_id: int, message: str) -> int:
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None:
        return 0
    return send_registration_email(registration=registration, message=message)
