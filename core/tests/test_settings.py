import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from parklink.env import env_bool, env_int, env_list, env_required

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "parklink" / "settings.py"
# base64 of 32 bytes: a well-formed Ed25519 private key, used only by these checks.
TEST_SIGNING_KEY = "LHcqzvSiGkPxhbDDjV7YRCuhfGlSW7b/ATkjg/pGqIM="
PRODUCTION_SECRET_KEY = "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"


def production_settings(monkeypatch, **environment: str) -> dict[str, object]:
    """Read the settings module afresh, in this process, as production would with `environment`.
    (`manage.py check --deploy` on complete production settings is CI's own step, in .ci/run.)"""
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "CERTIFICATE_SIGNING_KEY", "DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PARKLINK_ENV", "production")
    # Required too since issue 17; tests/test_production_settings.py shows production refusing without them.
    monkeypatch.setenv("SITE_URL", "https://parklink.example.org")
    monkeypatch.setenv("DATABASE_URL", "postgres://parklink@127.0.0.1:5432/parklink")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


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


def test_production_settings_load_with_every_required_variable(monkeypatch):
    settings = production_settings(
        monkeypatch,
        SECRET_KEY=PRODUCTION_SECRET_KEY,
        ALLOWED_HOSTS="parklink.example.org",
        CERTIFICATE_SIGNING_KEY=TEST_SIGNING_KEY,
    )
    assert settings["PRODUCTION"] is True and settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["parklink.example.org"]
    assert settings["SESSION_COOKIE_SECURE"] is True and settings["CSRF_COOKIE_SECURE"] is True


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        production_settings(
            monkeypatch, ALLOWED_HOSTS="parklink.example.org", CERTIFICATE_SIGNING_KEY=TEST_SIGNING_KEY
        )


def test_production_refuses_to_start_without_allowed_hosts(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS must be set"):
        production_settings(
            monkeypatch, SECRET_KEY=PRODUCTION_SECRET_KEY, CERTIFICATE_SIGNING_KEY=TEST_SIGNING_KEY
        )


def test_production_refuses_to_start_without_a_certificate_signing_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="CERTIFICATE_SIGNING_KEY must be set"):
        production_settings(
            monkeypatch, SECRET_KEY=PRODUCTION_SECRET_KEY, ALLOWED_HOSTS="parklink.example.org"
        )
