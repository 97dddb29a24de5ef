"""`manage.py run_development` (what `make run` starts): the development server, the task worker and
the scheduler, as children that never outlive this process.

Each child asks the kernel (prctl PR_SET_PDEATHSIG) for SIGTERM the moment its parent dies, however it
dies, SIGKILL included; so no worker or scheduler is left behind, orphaned, holding the database. A
signal this process receives (Ctrl-C, SIGTERM, SIGHUP) is passed on to every child, and when one child
stops the others are stopped too.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

PR_SET_PDEATHSIG = 1
STOP_GRACE_SECONDS = 10


def die_with_parent(parent_pid: int) -> Callable[[], None]:
    """A `preexec_fn`: in the child, between fork and exec, ask for SIGTERM when the parent dies; if the
    parent is already gone (it died before the request took effect), stop at once."""

    def request() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            os._exit(70)
        if os.getppid() != parent_pid:
            os._exit(0)

    return request


def children_commands(*, address: str, worker_interval: int) -> dict[str, list[str]]:
    manage = [sys.executable, sys.argv[0]]
    return {
        "web": [*manage, "runserver", address],
        "worker": [*manage, "db_worker", "--interval", str(worker_interval)],
        # Our own heartbeat (operations.tasks) replaces crontask's log line.
        "scheduler": [*manage, "crontask", "--no-heartbeat"],
    }


class Command(BaseCommand):
    help = "Run the development server, the task worker and the scheduler together (Ctrl-C stops all three)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="host:port for runserver")
        parser.add_argument("--worker-interval", type=int, default=2, help="Seconds between queue polls.")

    def handle(self, *args: Any, **options: Any) -> None:
        # This process too stops when whatever started it (make, a shell) dies, taking its children along.
        die_with_parent(os.getppid())()
        me = os.getpid()
        children: dict[str, subprocess.Popen[bytes]] = {}
        for name, command in children_commands(
            address=options["address"], worker_interval=options["worker_interval"]
        ).items():
            # In a process group of its own, so that Ctrl-C reaches it once, from here, and not a second
            # time from the terminal (a second SIGINT makes db_worker drop the task it is running).
            children[name] = subprocess.Popen(command, preexec_fn=die_with_parent(me), process_group=0)
        started = ", ".join(f"{name} (pid {child.pid})" for name, child in children.items())
        self.stdout.write(f"Started {started}.")

        stopping: list[int] = []

        def pass_on(signum: int, frame: FrameType | None) -> None:
            stopping.append(signum)

        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, pass_on)

        while not stopping and all(child.poll() is None for child in children.values()):
            time.sleep(0.5)
        ended = [name for name, child in children.items() if child.poll() is not None]
        if ended and not stopping:
            self.stderr.write(f"{', '.join(ended)} stopped; stopping the others.")
        self._stop(children, stopping[0] if stopping else signal.SIGTERM)

    def _stop(self, children: dict[str, subprocess.Popen[bytes]], signum: int) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM if signum == signal.SIGHUP else signum)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop within {STOP_GRACE_SECONDS} s; killing it.")
                child.kill()
                child.wait()
