"""The mobility itself: the placement at the host, the fellow's final report and the host's
evaluation, which together complete it."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.services import field_error
from exchanges.models import Application, Document
from exchanges.services.documents import document_issue
from exchanges.services.workflow import _deny_unless_allowed, _step, _tell_applicant


@transaction.atomic
def application_place(
    *,
    actor: Any,
    application: Application,
    lab: str,
    supervisor: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    project: str = "",
) -> Application:
    """Start the placement: where, with whom and when. Issues the signed placement agreement."""
    _deny_unless_allowed(actor, application, "place")
    if starts_on > ends_on:
        raise field_error("ends_on", _("The placement must end after it starts."), code="date_order")
    errors = {}
    if not lab.strip():
        errors["lab"] = [_("Name the laboratory or unit.")]
    if not supervisor.strip():
        errors["supervisor"] = [_("Name the supervisor.")]
    if errors:
        raise ValidationError(errors)
    from_status = application.status
    application.placement_lab = lab.strip()
    application.placement_project = project.strip()
    application.placement_supervisor = supervisor.strip()
    application.placement_starts_on = starts_on
    application.placement_ends_on = ends_on
    application.status = Application.Status.PLACEMENT
    application.save()
    _step(actor=actor, application=application, action="place", from_status=from_status)
    document_issue(actor=actor, application=application, kind=Document.Kind.PLACEMENT_AGREEMENT)
    _tell_applicant(application)
    return application


def _complete_if_reported(actor: Any, application: Application) -> None:
    if not (application.final_report and application.host_evaluation):
        return
    application.status = Application.Status.COMPLETED
    application.completed_at = timezone.now()
    application.save(update_fields=["status", "completed_at", "updated_at"])
    _step(actor=actor, application=application, action="complete", from_status=Application.Status.PLACEMENT)
    document_issue(actor=actor, application=application, kind=Document.Kind.COMPLETION_CERTIFICATE)
    _tell_applicant(application)


@transaction.atomic
def application_final_report(*, actor: Any, application: Application, report: str) -> Application:
    """The fellow's final report; with the host's evaluation it completes the mobility."""
    _deny_unless_allowed(actor, application, "final-report")
    if len(report.strip()) < 20:
        raise field_error("report", _("Write a report of at least a few sentences."), code="too_short")
    application.final_report = report.strip()
    application.final_report_at = timezone.now()
    application.save(update_fields=["final_report", "final_report_at", "updated_at"])
    _step(actor=actor, application=application, action="final_report", from_status=application.status)
    _complete_if_reported(actor, application)
    return application


@transaction.atomic
def application_host_evaluation(*, actor: Any, application: Application, evaluation: str) -> Application:
    """The host's evaluation of the fellow; with the final report it completes the mobility."""
    _deny_unless_allowed(actor, application, "host-evaluation")
    if len(evaluation.strip()) < 20:
        raise field_error(
            "evaluation", _("Write an evaluation of at least a few sentences."), code="too_short"
        )
    application.host_evaluation = evaluation.strip()
    application.host_evaluation_at = timezone.now()
    application.save(update_fields=["host_evaluation", "host_evaluation_at", "updated_at"])
    _step(actor=actor, application=application, action="host_evaluation", from_status=application.status)
    _complete_if_reported(actor, application)
    return application
