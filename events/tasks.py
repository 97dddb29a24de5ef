"""The periodic sweeps of events (`manage.py events_daily`: expire meeting requests, send outcome
surveys), which run services. The registration email the services enqueue lives in
`events.email_tasks`; it is re-exported here so emails queued under this path still run."""

from django.tasks import task
from django.utils import timezone

from events.email_tasks import registration_email_send
from events.services import meeting_requests_expire, outcome_surveys_send

__all__ = ["events_sweep", "registration_email_send"]


@task
def events_sweep() -> dict[str, int]:
    now = timezone.now()
    return {
        "requests_expired": meeting_requests_expire(now=now),
        "events_surveyed": outcome_surveys_send(now=now),
    }
