"""A task for tests/test_task_recovery.py only: it does its one effect, then waits for a file, so that
the test can kill its worker after the effect and before the task is recorded as done."""

import time
from pathlib import Path

from django.tasks import task

from core.task_leases import task_effect_once


@task
def effect_then_wait(*, directory: str) -> int:
    here = Path(directory)
    attempt = len(list(here.glob("attempt-*"))) + 1
    (here / f"attempt-{attempt}").touch()
    with task_effect_once("result") as first:
        if first:
            with (here / "results").open("a") as results:
                results.write(f"done by attempt {attempt}\n")
    (here / f"effect-{attempt}").touch()
    deadline = time.monotonic() + 600
    while not (here / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return attempt
