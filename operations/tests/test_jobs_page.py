"""The operators' page and API of scheduled jobs: each job's schedule, last run and outcome, and a
button that runs one now; for ParkLink operators only."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent
from operations import tasks
from operations.jobs import JOBS
from operations.models import JobRun

pytestmark = pytest.mark.django_db

PAGE = "/operations/jobs/"
API = "/api/v1/operations/jobs"


def test_an_operator_sees_every_job_with_its_schedule_last_run_and_outcome(operator_client):
    tasks.hubs_daily.enqueue()

    page = operator_client.get(PAGE).content.decode()

    for name in JOBS:
        assert f'id="job-{name}"' in page
    assert 'id="job-heartbeat"' in page and 'id="job-worker_heartbeat"' in page
    assert "Every day at 05:30" in page
    assert "Succeeded" in page
    assert "KPI values recorded: 0" in page
    assert "Never run" in page  # the jobs that have not run yet


def test_a_failed_run_shows_its_error_on_the_page(operator_client):
    JobRun.objects.create(
        name="marketplace_daily",
        period_key="2026-12-07",
        started_at="2026-12-07T06:00Z",
        finished_at="2026-12-07T06:00Z",
        outcome="failed",
        detail="OperationalError: database is locked",
    )

    page = operator_client.get(PAGE).content.decode()

    assert "Failed" in page
    assert "OperationalError: database is locked" in page


def test_an_operator_runs_a_job_now_and_the_worker_runs_it_even_after_todays_run(
    operator_client, operator, on_commit_immediately
):
    tasks.expire_exchange_offers.enqueue()

    url = reverse("operations:job_run_now", args=["expire_exchange_offers"])
    response = operator_client.post(url, follow=True)

    assert "The job will run as soon as the worker takes it up." in response.content.decode()
    scheduled, by_hand = JobRun.objects.filter(name="expire_exchange_offers").order_by("pk")
    assert scheduled.outcome == by_hand.outcome == JobRun.Outcome.SUCCEEDED
    assert by_hand.forced and not scheduled.forced
    assert AuditEvent.objects.filter(action="job_run_requested", actor=operator).exists()


def test_a_job_asked_for_waits_for_the_worker_and_cannot_be_asked_for_twice(operator_client):
    url = reverse("operations:job_run_now", args=["hubs_daily"])

    operator_client.post(url)  # the test's transaction never commits: no worker takes it up
    second = operator_client.post(url, follow=True)

    assert list(JobRun.objects.filter(name="hubs_daily").values_list("outcome", flat=True)) == ["requested"]
    assert "already been asked for" in second.content.decode()
    assert "Waiting for the worker" in operator_client.get(PAGE).content.decode()


def test_an_unknown_job_is_refused_with_a_message(operator_client):
    url = reverse("operations:job_run_now", args=["delete_everything"])
    response = operator_client.post(url, follow=True)

    assert "There is no scheduled job of that name." in response.content.decode()
    assert not JobRun.objects.exists()


def test_an_outsider_may_neither_see_nor_run_the_jobs(outsider_client, on_commit_immediately):
    assert outsider_client.get(PAGE).status_code == 403
    response = outsider_client.post(reverse("operations:job_run_now", args=["hubs_daily"]))

    assert response.status_code == 403
    assert not JobRun.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.get(PAGE)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_api_lists_the_jobs_for_an_operator(api_client, operator):
    tasks.marketplace_daily.enqueue()

    response = api_client(operator, scope="read").get(API)

    assert response.status_code == 200
    jobs = {job["name"]: job for job in response.json()}
    assert set(JOBS) | {"heartbeat", "worker_heartbeat"} == set(jobs)
    marketplace = jobs["marketplace_daily"]
    assert marketplace["schedule"] == "0 6 * * *"
    assert marketplace["schedule_in_words"] == "Every day at 06:00"
    assert marketplace["last_run"]["outcome"] == "succeeded"
    assert marketplace["last_run"]["counts"]["profiles_expired"] == 0
    assert marketplace["next_run_at"]
    assert jobs["hubs_daily"]["last_run"] is None


def test_the_api_refuses_an_outsider_and_an_anonymous_caller(api_client, outsider, anonymous):
    refused = api_client(outsider).get(API)

    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert anonymous.get(API).status_code == 401


def test_the_admin_site_lists_job_runs_but_cannot_change_them(make_user):
    root = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(root, generate_totp_secret())
    client = logged_in_client(root)
    tasks.hubs_daily.enqueue()
    run = JobRun.objects.get(name="hubs_daily")

    assert "hubs_daily" in client.get(reverse("admin:operations_jobrun_changelist")).content.decode()
    client.post(reverse("admin:operations_jobrun_change", args=[run.pk]), {"outcome": "failed"})
    run.refresh_from_db()
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert client.get(reverse("admin:operations_jobrun_add")).status_code == 403
