"""Background work of events: registration emails after commit, and the periodic sweeps
(`manage.py events_daily`: expire meeting requests, send outcome surveys)."""

from django.tasks import task
from django.utils import timezone

from events.models import Registration
from events.notifications import registration_email_send as send_registration_email
from events.services import meeting_requests_expire, outcome_surveys_send


@task
def registration_email_send(*, registration_id: int, message: str) -> int:
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None:
        return 0
    return send_registration_email(registration=registration, message=message)


@task
def events_sweep() -> dict[str, int]:
    now = timezone.now()
    return {
        "requests_expired": meeting_requests_expire(now=now),
        "events_surveyed": outcome_surveys_send(now=now),
    }
