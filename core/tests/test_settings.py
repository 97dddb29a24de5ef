import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from parklink.env import env_bool, env_int, env_list, env_required

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# base64 of 32 bytes: a well-formed Ed25519 private key, used only by these subprocess checks.
TEST_SIGNING_KEY = "LHcqzvSiGkPxhbDDjV7YRCuhfGlSW7b/ATkjg/pGqIM="


def run_django_check(**environment: str) -> subprocess.CompletedProcess[str]:
    inherited_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in inherited_out}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_env_bool_reads_common_spellings_and_rejects_typos(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False)


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("COUNT", "12")
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_int("COUNT", 0) == 12
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="COUNT"):
        env_int("COUNT", 0)


def test_env_required_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        env_required("SECRET_KEY", why="test")


def test_production_refuses_to_start_without_secret_key():
    result = run_django_check(PARKLINK_ENV="production", ALLOWED_HOSTS="parklink.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django_check(PARKLINK_ENV="production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_django_check(
        PARKLINK_ENV="production",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="parklink.example.org",
        CERTIFICATE_SIGNING_KEY=TEST_SIGNING_KEY,
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_certificate_signing_key():
    result = run_django_check(
        PARKLINK_ENV="production",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="parklink.example.org",
    )
    assert result.returncode != 0
    assert "CERTIFICATE_SIGNING_KEY must be set" in result.stderr
