"""Production refuses to start wrong, and says why (issue 17 items 4, 5 and 6; docs/production.md).

Each case starts a fresh Python process with exactly the environment a deployment would give it, and
runs `django.setup()`, as gunicorn, the worker and the scheduler do when they start.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
# base64 of 32 bytes: a well-formed Ed25519 private key, used only by these checks.
SIGNING_KEY = "LHcqzvSiGkPxhbDDjV7YRCuhfGlSW7b/ATkjg/pGqIM="
POSTGRES_URL = "postgres://parklink@127.0.0.1:5432/parklink"
COMPLETE = {
    "PARKLINK_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "parklink.example.org",
    "CERTIFICATE_SIGNING_KEY": SIGNING_KEY,
    "SITE_URL": "https://parklink.example.org",
    "DATABASE_URL": POSTGRES_URL,
}
# What the started process shows of its settings (nothing here opens a database connection).
SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'cache': settings.CACHES['default']['BACKEND'], "
    "'cache_location': settings.CACHES['default'].get('LOCATION'), "
    "'site_url': settings.SITE_URL}))"
)
_OURS = (*COMPLETE, "ALLOW_SQLITE_IN_PRODUCTION", "CACHE_URL", "SENTRY_DSN", "LOG_FORMAT", "DEBUG")


def start(
    code: str = SHOW, *, without: tuple[str, ...] = (), also: dict[str, str] | None = None, **environment: str
) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in _OURS}
    env.update({name: value for name, value in COMPLETE.items() if name not in without})
    env.update(also or {}, **environment)
    env["DJANGO_SETTINGS_MODULE"] = "parklink.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=120
    )


def shown(finished: subprocess.CompletedProcess) -> dict:
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_production_starts_with_every_required_variable_on_postgresql_with_the_database_cache():
    settings = shown(start())

    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["site_url"] == "https://parklink.example.org"
    assert settings["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings["cache_location"] == "parklink_cache"


def test_production_refuses_to_start_without_site_url():
    finished = start(without=("SITE_URL",))

    assert finished.returncode != 0
    assert "SITE_URL must be set" in finished.stderr


def test_production_refuses_to_start_without_database_url():
    finished = start(without=("DATABASE_URL",))

    assert finished.returncode != 0
    assert "DATABASE_URL must be set" in finished.stderr and "ALLOW_SQLITE_IN_PRODUCTION" in finished.stderr


def test_production_refuses_sqlite_unless_it_is_allowed_explicitly(tmp_path):
    sqlite_url = f"sqlite:///{tmp_path / 'parklink.sqlite3'}"

    refused = start(DATABASE_URL=sqlite_url)
    assert refused.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL database" in refused.stderr

    allowed = shown(start(DATABASE_URL=sqlite_url, ALLOW_SQLITE_IN_PRODUCTION="true"))
    assert allowed["engine"] == "django.db.backends.sqlite3"


def test_production_on_sqlite_without_any_database_url_when_allowed(tmp_path):
    settings = shown(
        start(without=("DATABASE_URL",), ALLOW_SQLITE_IN_PRODUCTION="true", PARKLINK_VAR_DIR=str(tmp_path))
    )

    assert settings["engine"] == "django.db.backends.sqlite3"


def test_development_still_falls_back_to_sqlite_and_a_local_address(tmp_path):
    settings = shown(
        start(without=tuple(COMPLETE), PARKLINK_ENV="development", PARKLINK_VAR_DIR=str(tmp_path))
    )

    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["site_url"] == "http://127.0.0.1:8000"


def test_a_redis_cache_url_gives_the_redis_cache():
    settings = shown(start(CACHE_URL="redis://127.0.0.1:6379/0"))

    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["cache_location"] == "redis://127.0.0.1:6379/0"


def test_a_cache_url_that_is_not_redis_is_refused():
    finished = start(CACHE_URL="memcached://127.0.0.1:11211")

    assert finished.returncode != 0
    assert "CACHE_URL must be a Redis URL" in finished.stderr


@pytest.mark.parametrize("variable", ["SLOW_REQUEST_MS", "LOG_FORMAT"])
def test_a_malformed_observability_setting_is_refused(variable):
    finished = start(also={variable: "lots"})

    assert finished.returncode != 0
    assert variable in finished.stderr


def test_production_logs_one_json_object_a_line_with_a_request_id():
    finished = start(
        "import django, logging; django.setup(); "
        "logging.getLogger('parklink.check').warning('hello %s', 'there')"
    )

    assert finished.returncode == 0, finished.stderr
    line = json.loads(finished.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello there"
    assert line["level"] == "WARNING" and line["logger"] == "parklink.check"
    assert line["request_id"] == "-"  # outside a request


def test_development_logs_plain_text(tmp_path):
    finished = start(
        "import django, logging; django.setup(); logging.getLogger('parklink.check').warning('hello')",
        without=tuple(COMPLETE),
        PARKLINK_ENV="development",
        PARKLINK_VAR_DIR=str(tmp_path),
    )

    assert finished.returncode == 0, finished.stderr
    last = finished.stderr.strip().splitlines()[-1]
    assert last.endswith("WARNING parklink.check [-] hello")
