"""Request ids, the slow-request log and Sentry staying off (issue 17 item 6; core/observability.py)."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import logged_in_client

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def console_output():
    """What the configured console handler (settings.LOGGING) writes, for the length of a test."""
    handler = logging.getHandlerByName("console")
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_sane_request_id_from_the_caller_is_kept_and_echoed(anonymous):
    response = anonymous.get("/", headers={"X-Request-ID": "lb-7f3a9c2e-0001"})

    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-7f3a9c2e-0001"


@pytest.mark.django_db
@pytest.mark.parametrize("offered", ["", "two words", "x" * 65, "id\nForged: log line", "<script>"])
def test_a_missing_or_insane_request_id_is_replaced_by_a_fresh_one(anonymous, offered):
    response = anonymous.get("/", headers={"X-Request-ID": offered} if offered else {})

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_a_slow_request_is_logged_with_method_path_status_duration_and_query_count(
    owner, settings, caplog, console_output
):
    settings.SLOW_REQUEST_MS = 0  # every request counts as slow
    client = logged_in_client(owner)  # a signed-in page reads the session and the user: queries to count

    with (
        caplog.at_level(logging.WARNING, logger="parklink.slow_requests"),
        CaptureQueriesContext(connection) as queries,
    ):
        client.get("/", headers={"X-Request-ID": "slow-request-test"})

    (record,) = [record for record in caplog.records if record.name == "parklink.slow_requests"]
    assert (record.method, record.path, record.status) == ("GET", "/", 200)
    assert record.duration_ms >= record.cpu_ms >= 0
    assert record.queries == len(queries) > 0
    assert record.db_ms >= 0
    # The configured handler writes it with the request's id.
    line = next(line for line in console_output.getvalue().splitlines() if "Slow request" in line)
    assert "[slow-request-test]" in line and "GET /" in line


@pytest.mark.django_db
def test_server_timing_says_what_a_request_cost_when_it_is_on(owner, settings):
    settings.SERVER_TIMING = True
    client = logged_in_client(owner)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    metrics = {part.split(";")[0].strip(): part for part in response["Server-Timing"].split(",")}
    assert set(metrics) == {"total", "cpu", "db"}
    durations = {name: float(re.findall(r"dur=([0-9.]+)", part)[0]) for name, part in metrics.items()}
    assert durations["total"] >= durations["cpu"] and durations["total"] >= durations["db"] >= 0
    assert f'desc="{len(queries)} queries"' in metrics["db"] and len(queries) > 0


@pytest.mark.django_db
def test_server_timing_is_off_by_default(anonymous):
    # It tells anyone how long the server worked on their request.
    assert "Server-Timing" not in anonymous.get("/")


@pytest.mark.django_db
def test_a_request_under_the_threshold_is_not_logged(anonymous, settings, caplog):
    settings.SLOW_REQUEST_MS = 3_600_000

    with caplog.at_level(logging.WARNING, logger="parklink.slow_requests"):
        anonymous.get("/")

    assert not [record for record in caplog.records if record.name == "parklink.slow_requests"]


def _python_after_setup(code: str, **environment: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "parklink.settings", "PARKLINK_ENV": "development"}
    env.pop("SENTRY_DSN", None)
    env.update(environment)
    finished = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.strip().splitlines()[-1]


def test_sentry_is_not_even_loaded_without_a_dsn():
    assert _python_after_setup("import sys; print('sentry_sdk' in sys.modules)") == "False"


def test_a_sentry_dsn_turns_sentry_on_without_personal_data():
    # sentry-sdk 3 spells `send_default_pii=False` as `data_collection` (core.observability).
    # Port 9 (discard) on this machine: nothing is captured, so nothing is ever sent.
    shown = _python_after_setup(
        "import json, sentry_sdk; client = sentry_sdk.get_client(); options = client.options; "
        "print(json.dumps([client.is_active(), options['environment'], options['data_collection']]))",
        SENTRY_DSN="https://public@127.0.0.1:9/1",
    )
    active, environment, collected = json.loads(shown)
    assert (active, environment) == (True, "development")
    assert collected["user_info"] is False and collected["cookies"] == {"mode": "off"}
    assert collected["http_bodies"] == [] and collected["stack_frame_variables"] is False
