"""The empty task bench/task_queue.py enqueues: a module of its own, so the worker processes import it
without running the benchmark."""

from django.tasks import task


@task
def nothing() -> None:
    """Does nothing: what is measured is the queue around it."""
