"""Measures the database task queue (django-tasks-db) on PostgreSQL: how fast tasks are enqueued and
how many a `db_worker` process runs per second when the task itself costs nothing, with one and with
two worker processes. The figures docs/scaling.md uses for the queue's limits.

    .venv/bin/python bench/task_queue.py [TASKS]      (default 2,000)

Creates `parklink_bench_<pid>` on 127.0.0.1:5432 as user postgres, migrates it,
enqueues TASKS empty tasks, drains them with `manage.py db_worker --batch` (one process, then two side
by side), prints tasks/s and the CPU time per task (which, unlike the wall time, does not depend on
what else the machine runs), and drops the database afterwards. Skips (exit 0, with the reason) when
PostgreSQL is absent. The work a real task does (rendering a PDF, embedding a text, sending an email)
comes on top: this is the queue's own ceiling.
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
DEFAULT_TASKS = 2_000


def skip(reason: str) -> None:
    print(f"bench task_queue: SKIPPED — {reason}")
    raise SystemExit(0)


def admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER, autocommit=True, connect_timeout=3
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TASKS
    try:
        import psycopg

        admin = admin_connection()
    except (ImportError, psycopg.OperationalError) as error:
        skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} as {PG_USER} ({error})")
    database = f"parklink_bench_{os.getpid()}"
    admin.execute(f'CREATE DATABASE "{database}"')
    try:
        run(count, database)
    finally:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


def drain(environment: dict[str, str], workers: int) -> tuple[float, float]:
    """Wall seconds until `workers` db_worker processes in batch mode have emptied the queue, and the
    CPU seconds (user + system) those processes used: the second does not depend on what else runs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, str(REPO / "manage.py"), "db_worker", "--batch", "--no-startup-delay"]
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(workers)
    ]
    for process in processes:
        _, errors = process.communicate(timeout=1800)
        if process.returncode != 0:
            raise SystemExit(f"db_worker failed: {errors.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


def run(count: int, database: str) -> None:
    os.environ["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    # As in production, the cache is Redis (under a key prefix of its own) when it answers.
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/0")
    os.environ["CACHE_KEY_PREFIX"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")
    # The worker processes import the empty task from this file, as `task_queue_task.nothing`.
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(REPO)])}
    sys.path[:0] = [str(REPO), str(BENCH_DIR)]
    import django

    django.setup()
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult
    from task_queue_task import nothing

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)  # the database cache, as `make migrate` makes it
    print(f"bench task_queue: {count:,} empty tasks, PostgreSQL {PG_HOST}:{PG_PORT}, {os.cpu_count()} cores")
    start_up, start_up_cpu = drain(environment, 1)  # an empty queue: what starting a worker costs
    print(
        f"  a worker's start-up (Django, no task): {start_up:.1f} s wall, {start_up_cpu:.1f} s CPU; "
        "subtracted below"
    )
    for workers in (1, 2):
        started, started_cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            nothing.enqueue()
        enqueue_seconds = time.perf_counter() - started
        enqueue_cpu_ms = (time.process_time() - started_cpu) * 1000 / count
        wall, cpu = drain(environment, workers)
        seconds = max(wall - start_up, 0.001)
        cpu_per_task = max(cpu - workers * start_up_cpu, 0.0) / count
        done = DBTaskResult.objects.filter(status="SUCCESSFUL").count()
        print(
            f"  {workers} worker process{'es' if workers > 1 else ''}: enqueued {count:,} in "
            f"{enqueue_seconds:.1f} s ({count / enqueue_seconds:,.0f}/s, one INSERT and "
            f"{enqueue_cpu_ms:.1f} ms of CPU each); ran them in "
            f"{seconds:.1f} s = {count / seconds:,.0f} tasks/s, start-up subtracted; the workers' CPU: "
            f"{cpu_per_task * 1000:.1f} ms a task, so at most {1 / max(cpu_per_task, 1e-6):,.0f} tasks/s "
            f"per core the worker has to itself, PostgreSQL's share aside ({done:,} successful so far)"
        )


if __name__ == "__main__":
    main()
