"""The hubs' background work: tasks take ids and run one step. This module imports no services, so the
service that enqueues a task imports it at the top (docs/architecture.md, "Tasks")."""

from django.tasks import task

from hubs.briefing_build import briefing_report_build
from hubs.models import BriefingReport


@task
def briefing_report_build_task(*, report_id: int) -> str:
    report = BriefingReport.objects.select_related("hub__host").filter(pk=report_id).first()
    if report is None:
        return "missing"
    if report.status == BriefingReport.Status.DONE:  # an earlier attempt finished before its worker died
        return report.status
    return briefing_report_build(report=report).status
