"""A briefing report whose worker died at "Being built 80%" is built again from the start when its task
runs again after the lease (core/task_leases.py), and a report already built is not built twice
(issue 14 item 14)."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from hubs.models import BriefingReport
from hubs.tasks import briefing_report_build_task

pytestmark = pytest.mark.django_db


def test_a_report_left_at_80_percent_is_built_when_its_task_runs_again(hub, desk_member):
    report = BriefingReport.objects.create(
        hub=hub,
        country="TR",
        as_of=datetime.date(2024, 1, 1),
        language="en",
        status=BriefingReport.Status.RUNNING,
        progress=80,
    )
    page = logged_in_client(desk_member).get(reverse("hubs:report_progress", args=[report.pk]))
    assert "80%" in page.content.decode()

    assert briefing_report_build_task.call(report_id=report.pk) == BriefingReport.Status.DONE
    report.refresh_from_db()
    assert (report.status, report.progress) == (BriefingReport.Status.DONE, 100) and report.pdf.name
    pdf = logged_in_client(desk_member).get(reverse("hubs:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_a_report_already_built_is_not_built_again(hub, monkeypatch):
    report = BriefingReport.objects.create(
        hub=hub,
        country="TR",
        as_of=datetime.date(2024, 1, 1),
        language="en",
        status=BriefingReport.Status.DONE,
        progress=100,
    )

    def must_not_run(**kwargs):
        raise AssertionError("the report was built a second time")

    monkeypatch.setattr("hubs.tasks.briefing_report_build", must_not_run)
    assert briefing_report_build_task.call(report_id=report.pk) == BriefingReport.Status.DONE
