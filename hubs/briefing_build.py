"""The step the briefing task runs: build a queued country briefing report (content, then PDF).

It lives apart from `hubs.services` so that `hubs.tasks` imports it without importing the service that
enqueues the task (docs/architecture.md, "Tasks"); `hubs.services` re-exports `briefing_report_build`."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from hubs.briefing import content_fingerprint, report_content, report_pdf
from hubs.models import BriefingReport

logger = logging.getLogger(__name__)


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
