"""Writes about country briefing reports: requesting one, and building it in the background."""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless
from core.taxonomies import is_country_code
from hubs.briefing import content_fingerprint, report_content, report_pdf
from hubs.models import BriefingReport, Hub
from hubs.selectors import hub_permissions

logger = logging.getLogger(__name__)


@transaction.atomic
def briefing_report_request(
    *,
    actor: Any,
    hub: Hub,
    country: str = "",
    as_of: datetime.date | None = None,
    language: str | None = None,
) -> BriefingReport:
    """Queue a country briefing report (by default on the hub's partner country, as of today)."""
    deny_unless(
        hub_permissions(actor, hub).is_desk_member, _("Only the hub's desk requests briefing reports.")
    )
    country = (country or hub.partner_country).upper()
    if not is_country_code(country):
        raise ValidationError(
            {"country": _("%(value)s is not an ISO 3166 country code.") % {"value": country}}
        )
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise ValidationError({"as_of": _("A report cannot describe a day still to come.")})
    report = BriefingReport.objects.create(
        hub=hub,
        country=country,
        as_of=as_of,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        requested_by=actor,
    )
    audit_record(
        actor=actor, action="hubs.briefing_report_request", target=report, organisation_id=hub.host_id
    )
    from hubs.tasks import briefing_report_build_task

    transaction.on_commit(lambda: briefing_report_build_task.enqueue(report_id=report.pk))
    return report


def _progress(report: BriefingReport, percent: int) -> None:
    # Outside any transaction, so the page polling for progress sees each step as it happens.
    BriefingReport.objects.filter(pk=report.pk).update(progress=percent)


def briefing_report_build(*, report: BriefingReport) -> BriefingReport:
    """Count the content, then render the PDF; a report with the same content and language reuses the
    PDF already made. A failure is recorded on the report and shown to whoever asked."""
    BriefingReport.objects.filter(pk=report.pk).update(status=BriefingReport.Status.RUNNING, progress=5)
    try:
        with translation.override(report.language):
            content = report_content(
                hub=report.hub,
                country=report.country,
                as_of=report.as_of,
                progress=lambda percent: _progress(report, percent),
            )
            fingerprint = content_fingerprint(content)
            twin = (
                BriefingReport.objects.filter(
                    fingerprint=fingerprint, language=report.language, status=BriefingReport.Status.DONE
                )
                .exclude(pdf="")
                .first()
            )
            if twin is not None:
                report.pdf.name = twin.pdf.name
            else:
                pdf = report_pdf(content=content, fingerprint=fingerprint, hub=report.hub)
                report.pdf.save(
                    f"briefing-{report.country}-{report.as_of}-{fingerprint[:12]}.pdf",
                    ContentFile(pdf),
                    save=False,
                )
    except Exception as error:
        logger.exception("Briefing report %s failed", report.pk)
        report.status, report.error, report.finished_at = (
            BriefingReport.Status.FAILED,
            str(error)[:2000],
            timezone.now(),
        )
        report.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return report
    report.content, report.fingerprint = content, fingerprint
    report.status, report.progress, report.finished_at = BriefingReport.Status.DONE, 100, timezone.now()
    report.save(
        update_fields=["content", "fingerprint", "pdf", "status", "progress", "finished_at", "updated_at"]
    )
    return report
