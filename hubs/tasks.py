"""The hubs' background work: tasks take ids and call a service."""

from django.tasks import task

from hubs.models import BriefingReport
from hubs.services import briefing_report_build


@task
def briefing_report_build_task(*, report_id: int) -> str:
    report = BriefingReport.objects.select_related("hub__host").filter(pk=report_id).first()
    if report is None:
        return "missing"
    return briefing_report_build(report=report).status
