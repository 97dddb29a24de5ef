"""Background work of expressions of interest: emails after commit, and the daily time-out sweep."""

from django.tasks import task
from django.utils import timezone

from marketplace.eoi_notifications import eoi_email_send as send_eoi_email
from marketplace.eoi_services import eoi_expire_overdue
from marketplace.models import ExpressionOfInterest


@task
def eoi_email_send(*, eoi_id: int, message: str, from_owner_side: bool = False) -> int:
    eoi = (
        ExpressionOfInterest.objects.select_related(
            "profile", "profile__owner", "sender_organisation", "sender", "answered_by"
        )
        .filter(pk=eoi_id)
        .first()
    )
    if eoi is None:
        return 0
    return send_eoi_email(eoi=eoi, message=message, from_owner_side=from_owner_side)


@task
def eois_expire() -> int:
    """Expire every expression of interest left unanswered past its time (`manage.py expire_eois`)."""
    return eoi_expire_overdue(now=timezone.now())
