"""`manage.py db_worker`: django_tasks_db's worker, which first requeues the tasks of workers that died
(their lease ran out) and keeps its own lease alive with a heartbeat while it runs (core/task_leases.py).

It replaces django_tasks_db's command because core comes before django_tasks_db in INSTALLED_APPS."""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.task_leases import WorkerHeartbeat, tasks_stale_requeue


class Command(DatabaseWorkerCommand):
    help = "Run a database background worker, after requeueing the tasks of workers that died."

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = tasks_stale_requeue()
        if requeued and options.get("verbosity", 1) > 0:
            self.stdout.write(f"Requeued {requeued} task(s) whose worker had died.")
        heartbeat = WorkerHeartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
