"""A worker killed mid-task (issue 14 item 14): its task, left RUNNING, is queued again once its lease
runs out, the next worker runs it, and what the first attempt already did is not done twice.

Real processes: a `manage.py db_worker` on a temporary SQLite database migrated here (the test
database of the run is not visible to another process), killed with SIGKILL."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="Needs POSIX signals (SIGKILL)."),
    pytest.mark.django_db,  # only for the suite's cache clearing; the worker has its own database
]

WAIT_SECONDS = 600


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "PYTEST_", "CACHE_"))  # the run's own database stays out
    }
    env.update(
        PARKLINK_ENV="development",
        PARKLINK_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        MATCHING_ENABLED="0",
        TASK_LEASE_SECONDS="1",
        DJANGO_SETTINGS_MODULE="parklink.settings",
        PYTHONUNBUFFERED="1",
    )
    (tmp_path / "var").mkdir(exist_ok=True)
    return env


def _manage(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_for(condition, what: str, worker: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        tail = log.read_text()[-3000:] if log.exists() else ""
        assert worker.poll() is None, f"the worker stopped while waiting for {what}:\n{tail}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}:\n{tail}"
        time.sleep(0.2)


def _task_row(database: Path) -> tuple[str, list[str], object]:
    table = DBTaskResult._meta.db_table
    with sqlite3.connect(database) as connection:
        status, worker_ids, return_value = connection.execute(
            f"SELECT status, worker_ids, return_value FROM {table}"
        ).fetchone()
    return status, json.loads(worker_ids), json.loads(return_value) if return_value else None


def test_a_killed_workers_task_runs_again_and_its_effect_happens_once(tmp_path):
    env = _environment(tmp_path)
    database = tmp_path / "worker.sqlite3"
    work = tmp_path / "work"
    work.mkdir()
    log = tmp_path / "worker.log"
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "createcachetable")  # in case the cache is the database's
    enqueue = f"effect_then_wait.enqueue(directory={str(work)!r})"
    _manage(env, "shell", "-c", f"from tests.recovery_tasks import effect_then_wait; {enqueue}")

    first = _worker(env, log)
    try:
        _wait_for(lambda: (work / "effect-1").exists(), "the first attempt's effect", first, log)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=WAIT_SECONDS)
    status, worker_ids, _ = _task_row(database)
    assert status == "RUNNING" and len(worker_ids) == 1  # what a killed worker leaves behind

    time.sleep(1.5)  # the lease of TASK_LEASE_SECONDS=1 runs out
    requeued = _manage(
        env, "shell", "-c", "from core.task_leases import tasks_stale_requeue; print(tasks_stale_requeue())"
    )
    assert requeued.strip().splitlines()[-1] == "1"
    assert _task_row(database)[0] == "READY"

    (work / "release").touch()
    second = _worker(env, log)
    try:
        _wait_for(lambda: _task_row(database)[0] == "SUCCESSFUL", "the second attempt", second, log)
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=WAIT_SECONDS)

    status, worker_ids, attempt = _task_row(database)
    assert attempt == 2 and len(worker_ids) == 2 and worker_ids[0] != worker_ids[1]
    assert (work / "results").read_text().splitlines() == ["done by attempt 1"]


class _Attempt:
    """What the worker tells the signal receivers about the task it runs: its id, the same for every
    attempt of one task."""

    def __init__(self, task_id: str, task: object) -> None:
        self.id, self.task, self.status, self.backend = task_id, task, "RUNNING", "default"


def test_an_email_task_run_again_does_not_send_its_email_twice(owner, park, mailoutbox):
    from django.tasks.signals import task_finished, task_started

    from directory.models import Invitation, Role
    from directory.services import invitation_send
    from directory.tasks import invitation_email_send

    # In this test's transaction nothing is committed, so the service's own enqueue never runs.
    invitation = invitation_send(actor=owner, organisation=park, email="new@example.org", role=Role.MEMBER)
    assert invitation.state == Invitation.State.PENDING and mailoutbox == []

    attempt = _Attempt("0f6e3c1a-recovered-task", invitation_email_send)
    for _ in range(2):  # the first attempt, then the one after its worker died
        task_started.send(sender=None, task_result=attempt)
        invitation_email_send.call(invitation_id=invitation.pk, language="en")
        task_finished.send(sender=None, task_result=attempt)
    assert [message.to for message in mailoutbox] == [["new@example.org"]]

    another = _Attempt("another-task", invitation_email_send)  # another task sends its own email
    task_started.send(sender=None, task_result=another)
    invitation_email_send.call(invitation_id=invitation.pk, language="en")
    task_finished.send(sender=None, task_result=another)
    assert len(mailoutbox) == 2
