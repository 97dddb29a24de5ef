"""The command is called as an object, so these tests run before `events` is in INSTALLED_APPS."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.management.commands.schedule_meetings import Command

INSTANCE = {
    "slots": 2,
    "tables": 1,
    "participants": [{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
    "meetings": [{"id": "m1", "a": "p1", "b": "p2", "mutual": True}, {"id": "m2", "a": "p2", "b": "p3"}],
}


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "instance.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_valid_instance_prints_the_schedule_as_json(tmp_path):
    out = io.StringIO()
    call_command(Command(), write(tmp_path, json.dumps(INSTANCE)), "--time-limit", "2", stdout=out)
    payload = json.loads(out.getvalue())
    assert sorted(row["meeting"] for row in payload["assignments"]) == ["m1", "m2"]
    assert (payload["unscheduled"], payload["upper_bound"]) == ([], 2)


def test_instance_is_read_from_stdin_with_a_dash(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(INSTANCE)))
    out = io.StringIO()
    call_command(Command(), "-", "--time-limit", "2", stdout=out)
    assert len(json.loads(out.getvalue())["assignments"]) == 2


@pytest.mark.django_db  # run_from_argv runs the system checks, which include the database's
def test_malformed_instance_exits_2_naming_the_field(tmp_path, capsys):
    bad = {**INSTANCE, "meetings": [{"id": "m1", "a": "p1", "b": "p99"}]}
    path = write(tmp_path, json.dumps(bad))
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["manage.py", "schedule_meetings", path])
    assert exit_.value.code == 2
    assert "meetings[0].b: unknown participant 'p99'" in capsys.readouterr().err


def test_bad_json_is_a_command_error_with_status_2(tmp_path):
    with pytest.raises(CommandError, match="not valid JSON") as error:
        call_command(Command(), write(tmp_path, '{"slots": 2,'))
    assert error.value.returncode == 2


def test_missing_file_is_a_command_error_with_status_2(tmp_path):
    with pytest.raises(CommandError, match="Cannot read") as error:
        call_command(Command(), str(tmp_path / "absent.json"))
    assert error.value.returncode == 2
