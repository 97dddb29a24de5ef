"""Backups restore: a certificate issued before a `pg_dump -Fc` still verifies against a fresh database
restored from the dump with `pg_restore`, exactly as docs/operations.md tells an operator to do it.

PostgreSQL only (the backup procedure is PostgreSQL's); the test skips with the reason on SQLite or
when the client tools `pg_dump` and `pg_restore` are not installed. It creates one scratch database on
the same cluster as the test database and drops it at the end, whatever happens.
"""

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from conftest import logged_in_client
from networks.models import MembershipCategory, NetworkMembership
from signing import signatures


def today_iso() -> str:  # a payment is recorded with the day it was received
    return timezone.localdate().isoformat()


# Any fixed key: the point is that the restored site verifies with the key the certificate was signed
# with, which an operator keeps outside the database backup (docs/operations.md, "What to back up").
SIGNING_KEY = signatures.new_private_key_base64()
OTHER_KEY = signatures.new_private_key_base64()


@pytest.fixture(autouse=True)
def postgres_and_its_client_tools() -> None:
    """Skip before anything is issued when the suite does not run on PostgreSQL or cannot dump it."""
    if connection.vendor != "postgresql":
        pytest.skip(
            f"Backup and restore use pg_dump and pg_restore, so this test needs PostgreSQL; "
            f"the suite runs on {connection.vendor} (set DATABASE_URL to a postgres:// address)."
        )
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"The PostgreSQL client tools {', '.join(missing)} are not installed "
            "(apt-get install postgresql-client)."
        )


def _libpq_environment() -> dict[str, str]:
    """The test database's server and role, as the PostgreSQL client tools read them."""
    params = connection.settings_dict
    environment = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if params.get(key):
            environment[variable] = str(params[key])
    return environment


def _run(command: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600, check=False)


def _database_url(name: str) -> str:
    params = connection.settings_dict
    credentials = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    return f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"


@pytest.fixture
def restored_database_name() -> Iterator[str]:
    """The name of a database that does not exist yet; dropped (if created) after the test."""
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"[-63:]
    yield name
    with connection.cursor() as cursor:  # outside any transaction: the test is transactional
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def issued_certificate_pdf(transactional_db, settings, owner, secretariat, network, park) -> bytes:
    """A membership certificate issued through the pages (apply, approve, record the payment) and
    committed, as the owner downloads it."""
    settings.CERTIFICATE_SIGNING_KEY = SIGNING_KEY
    NetworkMembership.objects.filter(member=park).delete()
    category = MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200.00"), currency="EUR", term_months=12
    )
    response = logged_in_client(owner).post(
        f"/networks/{network.pk}/apply/", {"member": park.pk, "category": category.pk, "message": "Backups."}
    )
    assert response.status_code == 302, response.content
    membership = NetworkMembership.objects.get(network=network, member=park)
    staff = logged_in_client(secretariat)
    for action, data in (
        ("approve", {"category": category.pk}),
        ("payment", {"reference": "SWIFT-7", "paid_on": today_iso()}),
    ):
        response = staff.post(f"/networks/memberships/{membership.pk}/{action}/", data)
        assert response.status_code == 302, response.content
    certificate = membership.certificates.get()
    response = logged_in_client(owner).get(f"/networks/certificates/{certificate.number}/certificate.pdf")
    assert response.status_code == 200
    return response.content


def _verify_certificate(pdf: Path, database_url: str, signing_key: str) -> subprocess.CompletedProcess[str]:
    """`manage.py verify_certificate` as an operator runs it on the restored site."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CERTIFICATE_SIGNING_KEY": signing_key,
        "SECRET_KEY": django_settings.SECRET_KEY,
        "PARKLINK_ENV": "development",
    }
    manage = Path(django_settings.BASE_DIR) / "manage.py"
    return _run([sys.executable, str(manage), "verify_certificate", str(pdf)], environment)


def test_certificate_issued_before_a_backup_verifies_against_the_restored_database(
    issued_certificate_pdf, restored_database_name, tmp_path
):
    environment = _libpq_environment()
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "parklink.dump"
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(issued_certificate_pdf)

    dumped = _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source], environment)
    assert dumped.returncode == 0, dumped.stderr
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored_database_name}"')
    restored = _run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored_database_name}", str(dump)],
        environment,
    )
    assert restored.returncode == 0, restored.stderr

    # The restored site, with the key the certificate was signed with, calls it genuine.
    genuine = _verify_certificate(pdf, _database_url(restored_database_name), SIGNING_KEY)
    assert genuine.returncode == 0, genuine.stdout + genuine.stderr
    assert "Genuine" in genuine.stdout
    assert "Tabriz Science Park" in genuine.stdout

    # The same restore without that key (a new key, the old one lost) cannot vouch for it: the key
    # is part of the backup.
    other_key = _verify_certificate(pdf, _database_url(restored_database_name), OTHER_KEY)
    assert other_key.returncode == 2, other_key.stdout + other_key.stderr

    # And a database that never held it knows no such certificate.
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{restored_database_name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{restored_database_name}"')
    empty = _run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "--schema-only",
            f"--dbname={restored_database_name}",
            str(dump),
        ],
        environment,
    )
    assert empty.returncode == 0, empty.stderr
    unknown = _verify_certificate(pdf, _database_url(restored_database_name), SIGNING_KEY)
    assert unknown.returncode == 5, unknown.stdout + unknown.stderr
