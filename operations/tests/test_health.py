"""/healthz answers load balancers without touching the database; /health runs every check and tells
anyone the overall status by its code, and only operators (or a monitor with the token) which check
failed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from operations import tasks
from operations.models import JobRun

pytestmark = pytest.mark.django_db

HEALTH = "/health"


@pytest.fixture
def alive(on_commit_immediately):
    """The scheduler has just beaten, and the worker has run the heartbeat task it sent."""
    tasks.heartbeat.call()


def test_healthz_answers_ok_without_a_database_query(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anonymous.get(reverse("operations:healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert anonymous.head(reverse("operations:healthz")).status_code == 200


def test_health_is_200_when_everything_is_alive_and_tells_an_anonymous_caller_nothing_more(anonymous, alive):
    response = anonymous.get(HEALTH)

    assert response.status_code == 200
    assert response.content == b"ok"
    assert anonymous.get(HEALTH, {"format": "json"}).json() == {"status": "ok"}


def test_health_is_503_without_a_worker_heartbeat_and_says_no_more_to_an_anonymous_caller(anonymous):
    now = timezone.now()
    JobRun.objects.create(
        name="heartbeat", period_key="now", started_at=now, finished_at=now, outcome="succeeded"
    )

    response = anonymous.get(HEALTH, HTTP_ACCEPT="application/json")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_an_outsider_signed_in_gets_no_details_either(outsider_client):
    response = outsider_client.get(HEALTH)

    assert response.status_code == 503
    assert response.content == b"unavailable"


def test_an_operator_sees_which_check_failed(operator_client, alive):
    JobRun.objects.filter(name="worker_heartbeat").update(
        finished_at=timezone.now() - datetime.timedelta(minutes=30)
    )

    page = operator_client.get(HEALTH)
    checks = operator_client.get(HEALTH, {"format": "json"}).json()["checks"]

    assert page.status_code == 503
    assert "No heartbeat from the worker in the last 5 minutes." in page.content.decode()
    assert checks["worker_heartbeat"]["ok"] is False
    assert {name for name, check in checks.items() if check["ok"]} == {
        "database",
        "cache",
        "task_queue",
        "scheduler_heartbeat",
    }


def test_a_monitor_with_the_health_token_sees_each_check(anonymous, alive, settings):
    settings.HEALTH_CHECK_TOKEN = "monitor-secret"

    as_json = {"HTTP_ACCEPT": "application/json"}
    with_token = anonymous.get(HEALTH, HTTP_AUTHORIZATION="Bearer monitor-secret", **as_json)
    wrong_token = anonymous.get(HEALTH, HTTP_AUTHORIZATION="Bearer guessed", **as_json)

    assert with_token.status_code == 200
    assert set(with_token.json()["checks"]) == {
        "database",
        "cache",
        "task_queue",
        "scheduler_heartbeat",
        "worker_heartbeat",
    }
    assert wrong_token.json() == {"status": "ok"}


def test_no_token_is_accepted_while_none_is_configured(anonymous, alive, settings):
    settings.HEALTH_CHECK_TOKEN = ""

    response = anonymous.get(HEALTH, HTTP_AUTHORIZATION="Bearer ", HTTP_ACCEPT="application/json")

    assert response.json() == {"status": "ok"}


def test_a_task_waiting_too_long_for_the_worker_fails_the_queue_check(operator_client, alive, settings):
    settings.HEALTH_QUEUE_MAX_AGE_MINUTES = 15
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="operations.tasks.worker_heartbeat",
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
        priority=0,
    )
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=an_hour_ago)

    response = operator_client.get(HEALTH, {"format": "json"})

    assert response.status_code == 503
    assert response.json()["checks"]["task_queue"]["ok"] is False
    assert response.json()["checks"]["worker_heartbeat"]["ok"] is True
