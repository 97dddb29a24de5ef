"""The scheduled jobs: the scheduler knows each one, each runs through its task and records its run, a
second run in the same period does nothing, and the heartbeat proves both the scheduler and the worker
alive."""

import dataclasses
import datetime
import io

import pytest
from crontask import scheduler
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import Notification
from operations import tasks
from operations.jobs import JOBS
from operations.models import JobRun
from operations.runner import job_run, missed_runs_request

pytestmark = pytest.mark.django_db

JOB_NAMES = sorted(JOBS)


def test_the_scheduler_holds_every_job_and_the_heartbeat():
    scheduled = {job.name: job for job in scheduler.get_jobs()}

    for name in JOB_NAMES:
        assert scheduled[name].func == getattr(tasks, name).enqueue, name
    # The heartbeat is called in the scheduler's own process, not sent to the worker.
    assert scheduled["operations.tasks.heartbeat"].func == tasks.heartbeat.call
    assert {
        "send_membership_reminders",
        "hubs_daily",
        "expire_exchange_offers",
        "marketplace_daily",
        "send_notification_digests",
        "hubs_monthly_digest",
        "events_daily",
    } == set(JOB_NAMES)


@pytest.mark.parametrize("name", JOB_NAMES)
def test_each_job_runs_through_its_task_and_records_its_run(name):
    result = getattr(tasks, name).enqueue()

    run = JobRun.objects.get(name=name)
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert run.finished_at is not None and run.finished_at >= run.started_at
    assert run.period_key == JOBS[name].period_key(run.started_at)
    assert run.counts and all(isinstance(count, int) for count in run.counts.values())
    assert result.return_value["outcome"] == "succeeded"


@pytest.mark.parametrize("name", JOB_NAMES)
def test_a_second_run_in_the_same_period_is_recorded_as_skipped(name):
    getattr(tasks, name).enqueue()
    getattr(tasks, name).enqueue()

    outcomes = list(JobRun.objects.filter(name=name).order_by("pk").values_list("outcome", flat=True))
    assert outcomes == [JobRun.Outcome.SUCCEEDED, JobRun.Outcome.SKIPPED]


def test_the_digest_job_sends_one_digest_a_day_even_when_notifications_keep_coming(make_user):
    person = make_user("reader@tabriz-park.example")
    Notification.objects.create(recipient=person, topic="test", subject="A first piece of news")

    tasks.send_notification_digests.enqueue()
    Notification.objects.create(recipient=person, topic="test", subject="A second piece of news")
    tasks.send_notification_digests.enqueue()

    assert len(mail.outbox) == 1
    done = JobRun.objects.get(name="send_notification_digests", outcome="succeeded")
    assert done.counts == {"digests_sent": 1}


def test_the_next_period_runs_again():
    job = JOBS["hubs_daily"]
    today = timezone.now()

    job_run(name=job.name, now=today)
    job_run(name=job.name, now=today + datetime.timedelta(days=1))

    assert JobRun.objects.filter(name=job.name, outcome="succeeded").count() == 2


def test_a_failing_job_is_recorded_with_its_error_and_does_not_block_the_retry(monkeypatch):
    job = JOBS["expire_exchange_offers"]

    def broken(now):
        raise RuntimeError("the mail relay is down")

    monkeypatch.setitem(JOBS, job.name, dataclasses.replace(job, run=broken))
    tasks.expire_exchange_offers.enqueue()
    monkeypatch.setitem(JOBS, job.name, job)
    tasks.expire_exchange_offers.enqueue()

    failed, retried = JobRun.objects.filter(name=job.name).order_by("pk")
    assert failed.outcome == JobRun.Outcome.FAILED
    assert failed.detail == "RuntimeError: the mail relay is down"
    assert retried.outcome == JobRun.Outcome.SUCCEEDED


def test_the_heartbeat_records_the_scheduler_and_then_the_worker(on_commit_immediately):
    tasks.heartbeat.call()

    assert JobRun.objects.filter(name="heartbeat", outcome="succeeded").count() == 1
    # The immediate backend plays the worker, running the task the heartbeat enqueued.
    assert JobRun.objects.filter(name="worker_heartbeat", outcome="succeeded").count() == 1


def test_the_heartbeat_forgets_old_heartbeats_and_fails_runs_left_running(on_commit_immediately):
    long_ago = timezone.now() - datetime.timedelta(days=2)
    JobRun.objects.create(name="heartbeat", period_key="old", started_at=long_ago, outcome="succeeded")
    stuck = JobRun.objects.create(name="hubs_daily", period_key="old", started_at=long_ago, outcome="running")

    tasks.heartbeat.call()

    assert not JobRun.objects.filter(name="heartbeat", period_key="old").exists()
    stuck.refresh_from_db()
    assert stuck.outcome == JobRun.Outcome.FAILED
    assert stuck.detail


def test_run_job_runs_one_job_by_hand_and_force_runs_it_again():
    call_command("run_job", "hubs_monthly_digest", stdout=io.StringIO())
    call_command("run_job", "hubs_monthly_digest", stdout=io.StringIO())
    call_command("run_job", "hubs_monthly_digest", "--force", stdout=io.StringIO())

    runs = JobRun.objects.filter(name="hubs_monthly_digest").order_by("pk")
    assert list(runs.values_list("outcome", "forced")) == [
        ("succeeded", False),
        ("skipped", False),
        ("succeeded", True),
    ]


UTC = datetime.UTC


def test_the_heartbeat_catches_up_each_job_the_scheduler_missed_this_period_once():
    half_past_ten = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=UTC)

    first = missed_runs_request(now=half_past_ten)
    again = missed_runs_request(now=half_past_ten + datetime.timedelta(minutes=1))

    # Every daily job's time (05:00 to 07:00) has passed, the hourly events_daily's 10:15 too, and the
    # monthly digest's (the 1st at 08:00).
    assert sorted(run.name for run in first) == JOB_NAMES
    assert {run.outcome for run in first} == {JobRun.Outcome.REQUESTED}
    assert not any(run.forced for run in first)
    assert again == []


def test_a_job_not_yet_due_or_already_run_this_period_is_not_caught_up():
    four_o_clock = datetime.datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
    job_run(name="events_daily", now=four_o_clock)

    missed = missed_runs_request(now=four_o_clock)

    assert [run.name for run in missed] == ["hubs_monthly_digest"]


def test_a_job_just_past_its_time_is_left_to_the_scheduler_for_a_few_minutes():
    just_after = datetime.datetime(2026, 12, 7, 5, 2, tzinfo=UTC)

    assert "send_membership_reminders" not in {run.name for run in missed_runs_request(now=just_after)}


def test_what_the_heartbeat_caught_up_the_worker_runs_as_a_scheduled_run(on_commit_immediately, monkeypatch):
    half_past_ten = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
    monkeypatch.setattr("operations.runner.timezone.now", lambda: half_past_ten)

    tasks.heartbeat.call()

    caught_up = JobRun.objects.filter(name__in=JOB_NAMES)
    assert sorted(caught_up.values_list("name", flat=True)) == JOB_NAMES
    assert set(caught_up.values_list("outcome", "forced")) == {("succeeded", False)}


def test_the_heartbeat_queues_again_a_task_whose_worker_died(on_commit_immediately, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASK_LEASE_SECONDS = 60
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    stranded = DBTaskResult.objects.create(
        task_path="core.task_leases.tasks_stale_requeue_task",
        args_kwargs={"args": [], "kwargs": {}},
        status="RUNNING",
        enqueued_at=long_ago,
        run_after=long_ago,
        started_at=long_ago,
        worker_ids=["a-worker-killed-mid-task"],
        backend_name="default",
        exception_class_path="",
        traceback="",
    )

    tasks.heartbeat.call()

    stranded.refresh_from_db()
    assert stranded.status == "READY"
