"""Emails about expressions of interest, sent by the worker after the write that caused them commits.

This module imports no services, so `marketplace.eoi_services` can enqueue from its top. The task that
expires overdue ones calls a service, so it lives in `marketplace.tasks` (`eois_expire`)."""

from django.tasks import task

from core.task_leases import task_effect_once
from marketplace.eoi_notifications import eoi_email_send as send_eoi_email
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
    with task_effect_once("email") as first:  # not twice when a killed worker's task runs again
        return send_eoi_email(eoi=eoi, message=message, from_owner_side=from_owner_side) if first else 0
