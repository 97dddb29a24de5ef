"""The call manager's selection: the eligibility check, the decision, the offer of a place and the
applicant's answer to it, and the expiry of unanswered offers."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.notifications import notification_send
from directory.services import field_error
from exchanges.models import Application, Programme, ReviewAssignment
from exchanges.notifications import offer_answered_sentence
from exchanges.selectors import quota_of
from exchanges.services.applications import _quota_refusal
from exchanges.services.workflow import (
    _application_url,
    _deny_unless_allowed,
    _host_people,
    _managers_of,
    _step,
    _tell_applicant,
)


@transaction.atomic
def application_check_eligibility(
    *, actor: Any, application: Application, eligible: bool, note: str = ""
) -> Application:
    _deny_unless_allowed(actor, application, "check-eligibility")
    if not eligible and not note.strip():
        raise field_error("note", _("Say why the application is not eligible."), code="reason_required")
    from_status = application.status
    application.status = Application.Status.ELIGIBLE if eligible else Application.Status.REJECTED
    application.decision_reason = "" if eligible else note.strip()
    application.save(update_fields=["status", "decision_reason", "updated_at"])
    _step(
        actor=actor,
        application=application,
        action="eligibility_check",
        from_status=from_status,
        note=note.strip(),
    )
    _tell_applicant(application)
    return application


DECISIONS = (Application.Status.ACCEPTED, Application.Status.WAITLISTED, Application.Status.REJECTED)


@transaction.atomic
def application_decide(*, actor: Any, application: Application, decision: str, reason: str) -> Application:
    """Accept, waitlist or reject an application under review (or a waitlisted one), with a reason.
    Accepting takes one of the year's mobilities and is refused once the quota is used up."""
    _deny_unless_allowed(actor, application, "decide")
    if decision not in DECISIONS:
        raise field_error(
            "decision", _("Choose to accept, waitlist or reject the application."), code="invalid"
        )
    if application.status == Application.Status.WAITLISTED and decision == Application.Status.WAITLISTED:
        raise ValidationError(
            _("An application on the waiting list can only be accepted or rejected."),
            code="invalid_transition",
        )
    if not reason.strip():
        raise field_error(
            "reason", _("Give the reason for the decision; the applicant reads it."), code="reason_required"
        )
    if (
        application.status == Application.Status.UNDER_REVIEW
        and not application.reviews.filter(status=ReviewAssignment.Status.SUBMITTED).exists()
    ):
        raise ValidationError(_("Wait for at least one review before deciding."), code="no_review")
    if decision == Application.Status.ACCEPTED:
        Programme.objects.select_for_update().filter(pk=application.call.programme_id).first()
        if quota_of(application.call.programme, application.call.mobility_year).is_used_up:
            raise _quota_refusal(application)
    from_status = application.status
    application.status = decision
    application.decision_reason = reason.strip()
    application.save(update_fields=["status", "decision_reason", "updated_at"])
    _step(actor=actor, application=application, action="decide", from_status=from_status, note=reason.strip())
    _tell_applicant(application)
    return application


@transaction.atomic
def application_offer(
    *, actor: Any, application: Application, expires_on: datetime.date, note: str = ""
) -> Application:
    _deny_unless_allowed(actor, application, "offer")
    if expires_on <= timezone.localdate():
        raise field_error("expires_on", _("The offer must stay open until a later day."), code="past")
    from_status = application.status
    application.status = Application.Status.OFFERED
    application.offer_expires_at = datetime.datetime.combine(
        expires_on, datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
    )
    application.save(update_fields=["status", "offer_expires_at", "updated_at"])
    _step(actor=actor, application=application, action="offer", from_status=from_status, note=note)
    _tell_applicant(application)
    return application


@transaction.atomic
def application_offer_answer(
    *, actor: Any, application: Application, accept: bool, note: str = ""
) -> Application:
    _deny_unless_allowed(actor, application, "accept-offer" if accept else "decline-offer")
    if application.offer_expires_at is not None and application.offer_expires_at < timezone.now():
        raise ValidationError(_("The offer has expired."), code="offer_expired")
    from_status = application.status
    application.status = Application.Status.OFFER_ACCEPTED if accept else Application.Status.OFFER_DECLINED
    application.save(update_fields=["status", "updated_at"])
    _step(
        actor=actor,
        application=application,
        action="offer_accept" if accept else "offer_decline",
        from_status=from_status,
        note=note,
    )
    notification_send(
        recipients=[*_managers_of(application), *(_host_people(application) if accept else [])],
        topic="exchanges.offer_answered",
        subject=offer_answered_sentence(application, accepted=accept),
        url=_application_url(application),
    )
    return application


@transaction.atomic
def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Close the offers whose expiry has passed without an answer (run daily by cron)."""
    now = now or timezone.now()
    expired = 0
    for application in Application.objects.select_related("call__programme", "applicant").filter(
        status=Application.Status.OFFERED, offer_expires_at__lt=now
    ):
        application.status = Application.Status.OFFER_EXPIRED
        application.save(update_fields=["status", "updated_at"])
        _step(
            actor=None, application=application, action="offer_expire", from_status=Application.Status.OFFERED
        )
        _tell_applicant(application)
        expired += 1
    return expired
