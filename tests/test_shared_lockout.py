"""A login lockout counted by one process holds in another (issue 17 item 4).

Production runs several gunicorn workers beside the task worker; allauth counts failed logins (and
the TOTP replay guard remembers used codes) in the default cache. With a per-process cache, an attacker
spreading guesses over the workers would get five guesses per process. These tests start two separate
Python processes on one database, with the default cache (the database cache, no CACHE_URL): the first
fails to log in as many times as allowed, the second then tries the right password.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

REPOSITORY = Path(__file__).resolve().parent.parent
OWNER = "owner@tabriz-park.example"
COLLEAGUE = "colleague@tabriz-park.example"
PASSWORD = "correct-horse-battery-staple"

# The first process: the personas, then as many wrong guesses at the owner's password as allowed.
GUESSER = textwrap.dedent(
    f"""
    import django
    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    for email in ({OWNER!r}, {COLLEAGUE!r}):
        user = get_user_model().objects.create_user(email=email, password={PASSWORD!r})
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    guesser = Client()
    for _attempt in range(settings.LOGIN_FAILURES_ALLOWED):
        guesser.post(reverse("account_login"), {{"login": {OWNER!r}, "password": "guessing-wrong"}})
    """
)

# The second process: the owner's right password, then the colleague's, each from a fresh client.
LATECOMER = textwrap.dedent(
    f"""
    import json
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    owner = Client().post(reverse("account_login"), {{"login": {OWNER!r}, "password": {PASSWORD!r}}})
    colleague = Client().post(reverse("account_login"), {{"login": {COLLEAGUE!r}, "password": {PASSWORD!r}}})
    print(json.dumps({{
        "cache": settings.CACHES["default"]["BACKEND"],
        "owner_status": owner.status_code,
        "owner_page": owner.content.decode(),
        "colleague_status": colleague.status_code,
    }}))
    """
)


def database_url_for_other_processes(tmp_path: Path) -> str:
    """A database other processes can open, holding this test database's tables (the cache table too).
    PostgreSQL: the test database itself. SQLite: the test database lives in memory, so a copy in a file."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        import sqlite3

        copy = tmp_path / "shared.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"


def run_process(code: str, *, database_url: str, var_dir: Path) -> str:
    environment = {
        **os.environ,
        "PARKLINK_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "parklink.settings",
        "DATABASE_URL": database_url,
        "PARKLINK_VAR_DIR": str(var_dir),
    }
    environment.pop("CACHE_URL", None)  # the embedded default: the database cache
    finished = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


@pytest.mark.django_db(transaction=True)  # the other processes must see committed rows; flushed afterwards
def test_a_lockout_counted_in_one_process_holds_in_another(tmp_path):
    database_url = database_url_for_other_processes(tmp_path)
    try:
        run_process(GUESSER, database_url=database_url, var_dir=tmp_path)
        outcome = json.loads(
            run_process(LATECOMER, database_url=database_url, var_dir=tmp_path).splitlines()[-1]
        )
    finally:
        with connection.cursor() as cursor:  # the flush after the test leaves tables of no model alone
            cursor.execute("DELETE FROM parklink_cache")  # settings.CACHES, unset CACHE_URL

    assert outcome["cache"] == "django.core.cache.backends.db.DatabaseCache"

    # The owner is refused with the right password: the first process's failures count here too ...
    assert outcome["owner_status"] == 200
    assert "this account is locked for a while" in outcome["owner_page"]
    # ... while the colleague, whom nobody guessed at, logs in from the same process (a redirect home).
    assert outcome["colleague_status"] == 302
