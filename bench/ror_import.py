"""Times `ror_import` of the 35,990-record ROR file on a fresh PostgreSQL database, then a re-import.

    make bench-ror          (or: .venv/bin/python bench/ror_import.py [FILE])

Creates `parklink_bench_<pid>` on 127.0.0.1:5432 as user postgres, migrates it, imports, re-imports,
and drops it afterwards. Prints seconds, records/s and peak RSS, and the ratio to the target in
bench/baselines.json. Skips (exit 0, with the reason) when the data file or PostgreSQL is absent.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DEFAULT_FILE = REPO.parent / "shared" / "data" / "ror" / "ror_v2_latest_35990.jsonl.gz"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"


def skip(reason: str) -> None:
    print(f"bench ror_import: SKIPPED — {reason}")
    raise SystemExit(0)


def admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER, autocommit=True, connect_timeout=3
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    data_file = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE
    if not data_file.is_file():
        skip(f"data file {data_file} is absent")
    try:
        import psycopg

        admin = admin_connection()
    except (ImportError, psycopg.OperationalError) as error:
        skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} as {PG_USER} ({error})")
    database = f"parklink_bench_{os.getpid()}"
    admin.execute(f'CREATE DATABASE "{database}"')
    try:
        run(data_file, database)
    finally:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        admin.close()


def run(data_file: Path, database: str) -> None:
    os.environ["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    from directory.models import ExternalIdentifier, Organisation, OrganisationName, OrganisationRelationship
    from directory.ror import read_ror_files, ror_import

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)  # the database cache, as `make migrate` makes it
    target = json.loads((BENCH_DIR / "baselines.json").read_text())["ror_import"]["target_seconds"]

    results = []
    for label in ("first import", "re-import"):
        started = time.perf_counter()
        summary = ror_import(records=read_ror_files([data_file]))
        seconds = time.perf_counter() - started
        results.append((label, seconds, summary))
        print(
            f"{label:>12}: {summary.processed} records in {seconds:.1f} s = "
            f"{summary.processed / seconds:,.0f} records/s; {summary.created} created, {summary.updated} "
            f"updated, {summary.unchanged} unchanged, {summary.skipped} skipped; "
            f"ratio to the {target} s target: {seconds / target:.2f}"
        )
    print(
        f"rows: {Organisation.objects.count()} organisations, {OrganisationName.objects.count()} names, "
        f"{ExternalIdentifier.objects.count()} identifiers, "
        f"{OrganisationRelationship.objects.count()} relationships"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB (whole process, Django and migrations included)")


if __name__ == "__main__":
    main()
