"""`manage.py run_development` (what `make run` starts) leaves nothing behind when it is killed: its
children (the development server, the worker, the scheduler) ask the kernel to stop them when their
parent dies, SIGKILL included, and it does the same towards whatever started it."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's"),
    # Only for the suite's cache clearing (the database cache); the processes use their own database.
    pytest.mark.django_db,
]

BASE_DIR = Path(__file__).resolve().parents[2]
# Generous: on a loaded machine, each child needs a few seconds to load Django.
START_WAIT_SECONDS = 180
STOP_WAIT_SECONDS = 60


def _alive(pid: int) -> bool:
    """Running, and not a zombie left for a parent (or an init that never reaps) to collect."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children_of(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if _alive(child):
                found.append(child)
                todo.append(child)
    return found


def _wait_for[T](probe: Callable[[], T | None], seconds: float) -> T | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.5)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "PARKLINK_ENV": "development",
        "PARKLINK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'parklink.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CACHE_URL", None)
    env.pop("CRONTASK_REDIS_URL", None)
    # The queue's and the job record's tables are all the worker and the scheduler touch at start.
    for app in ("django_tasks_database", "operations"):
        subprocess.run(
            [sys.executable, "manage.py", "migrate", app, "-v", "0"], cwd=BASE_DIR, env=env, check=True
        )
    return env


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)


def _all_three_running(launcher_pid: int) -> list[int] | None:
    """The launcher's descendants once the web server (with its autoreloading child), the worker and the
    scheduler all run."""
    children = [pid for pid in _children_of().get(launcher_pid, []) if _alive(pid)]
    descendants = _descendants(launcher_pid)
    return descendants if len(children) == 3 and len(descendants) >= 4 else None


def _kill_all(pids: list[int]) -> None:
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_killing_the_launcher_stops_the_server_the_worker_and_the_scheduler(environment, tmp_path):
    launcher = _start(
        [sys.executable, "manage.py", "run_development", f"127.0.0.1:{_free_port()}"],
        environment,
        tmp_path / "launcher.log",
    )
    descendants: list[int] = []
    try:
        descendants = _wait_for(lambda: _all_three_running(launcher.pid), START_WAIT_SECONDS) or []
        assert descendants, (tmp_path / "launcher.log").read_text()

        launcher.kill()
        launcher.wait()

        assert _wait_for(lambda: not any(_alive(pid) for pid in descendants), STOP_WAIT_SECONDS), [
            pid for pid in descendants if _alive(pid)
        ]
    finally:
        _kill_all([launcher.pid, *descendants])


def test_killing_what_started_the_launcher_stops_it_and_its_children(environment, tmp_path):
    # A stand-in for `make run`: a parent that starts the launcher and waits for it.
    parent = _start(
        [
            sys.executable,
            "-c",
            "import subprocess, sys; subprocess.run(sys.argv[1:])",
            sys.executable,
            "manage.py",
            "run_development",
            f"127.0.0.1:{_free_port()}",
        ],
        environment,
        tmp_path / "parent.log",
    )
    family: list[int] = []
    try:
        launcher_pid = _wait_for(lambda: min(_children_of().get(parent.pid, [0])), START_WAIT_SECONDS)
        assert launcher_pid
        descendants = _wait_for(lambda: _all_three_running(launcher_pid), START_WAIT_SECONDS) or []
        family = [launcher_pid, *descendants]
        assert descendants, (tmp_path / "parent.log").read_text()

        parent.kill()
        parent.wait()

        assert _wait_for(lambda: not any(_alive(pid) for pid in family), STOP_WAIT_SECONDS), [
            pid for pid in family if _alive(pid)
        ]
    finally:
        _kill_all([parent.pid, *family])
