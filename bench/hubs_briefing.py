"""Times the country briefing report on a hub with 10,000 interactions, on a fresh PostgreSQL database.

    make bench-hubs-briefing     (or: .venv/bin/python bench/hubs_briefing.py [INTERACTIONS])

Creates `parklink_bench_<pid>` on 127.0.0.1:5432 as user postgres, migrates it, generates from a fixed
seed 200 organisations in Iran and Turkey, a hub, 10,000 interactions over five years (each with one
organisation on either side), 40 needs and 20 agreements, then builds the report twice through the real
service (the task's body: content, fingerprint, PDF): the first time renders the PDF, the second finds the
same fingerprint and reuses it. Prints each time, the ratio to the target in bench/baselines.json
("hubs_briefing", else 30 s) and checks that both fingerprints agree. Drops the database afterwards.
Skips (exit 0, with the reason) when PostgreSQL is absent.
"""

import datetime
import json
import logging
import os
import random
import resource
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
SEED = 20260601
DEFAULT_INTERACTIONS = 10_000
DEFAULT_TARGET_SECONDS = 30.0


def skip(reason: str) -> None:
    print(f"bench hubs_briefing: SKIPPED — {reason}")
    raise SystemExit(0)


def admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER, autocommit=True, connect_timeout=3
    )


def main() -> None:
    interactions = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_INTERACTIONS
    try:
        import psycopg

        admin = admin_connection()
    except (ImportError, psycopg.OperationalError) as error:
        skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} as {PG_USER} ({error})")
    database = f"parklink_bench_{os.getpid()}"
    admin.execute(f'CREATE DATABASE "{database}"')
    try:
        run(database, interactions)
    finally:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        admin.close()


def target_seconds() -> float:
    baselines = json.loads((BENCH_DIR / "baselines.json").read_text())
    return float(baselines.get("hubs_briefing", {}).get("target_seconds", DEFAULT_TARGET_SECONDS))


def run(database: str, count: int) -> None:
    os.environ["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")
    os.environ["MATCHING_ENABLED"] = "false"
    sys.path.insert(0, str(REPO))
    import tempfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="parklink-bench-")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)  # the database cache, as `make migrate` makes it

    from accounts.models import User
    from directory.models import Organisation, OrganisationMembership, Role
    from hubs import services
    from hubs.models import Agreement, AgreementParty, BriefingReport, Interaction, Need

    rng = random.Random(SEED)
    manager = User.objects.create_user(email="manager@bench.example", password="x")
    host = Organisation.objects.create(name="Bench Science Park", kind="science_park", country="IR")
    OrganisationMembership.objects.create(user=manager, organisation=host, role=Role.ADMIN)
    kinds = ["science_park", "company", "university", "research_institute", "incubator"]
    ours = Organisation.objects.bulk_create(
        Organisation(name=f"Iranian organisation {n}", kind=rng.choice(kinds), country="IR")
        for n in range(100)
    )
    theirs = Organisation.objects.bulk_create(
        Organisation(name=f"Turkish organisation {n}", kind=rng.choice(kinds), country="TR")
        for n in range(100)
    )
    hub = services.hub_create(
        actor=manager,
        host=host,
        partner_country="TR",
        mandate="Benchmark hub",
        designated_by="Ministry",
        designated_on=datetime.date(2021, 1, 1),
    )
    started = time.perf_counter()
    start_day = datetime.date(2021, 1, 1)
    rows = Interaction.objects.bulk_create(
        Interaction(
            hub=hub,
            kind=rng.choice(Interaction.Kind.values),
            title=f"Interaction {n}",
            occurred_on=start_day + datetime.timedelta(days=rng.randrange(5 * 365)),
            outcome="Generated for the benchmark.",
        )
        for n in range(count)
    )
    Interaction.our_organisations.through.objects.bulk_create(
        Interaction.our_organisations.through(interaction_id=row.pk, organisation_id=rng.choice(ours).pk)
        for row in rows
    )
    Interaction.partner_organisations.through.objects.bulk_create(
        Interaction.partner_organisations.through(
            interaction_id=row.pk, organisation_id=rng.choice(theirs).pk
        )
        for row in rows
    )
    Need.objects.bulk_create(
        Need(
            hub=hub,
            title=f"Need {n}",
            description="Generated.",
            source="document",
            identified_on=start_day + datetime.timedelta(days=rng.randrange(5 * 365)),
            status=rng.choice(Need.Status.values),
        )
        for n in range(40)
    )
    for n in range(20):
        agreement = Agreement.objects.create(
            hub=hub,
            title=f"Agreement {n}",
            text="Generated.",
            status=rng.choice([Agreement.Status.SIGNED, Agreement.Status.NEGOTIATION]),
            signed_on=start_day + datetime.timedelta(days=rng.randrange(5 * 365)),
        )
        AgreementParty.objects.bulk_create(
            [
                AgreementParty(agreement=agreement, organisation=host),
                AgreementParty(agreement=agreement, organisation=rng.choice(theirs)),
            ]
        )
    print(f"generated {count:,} interactions in {time.perf_counter() - started:.1f} s")

    target = target_seconds()
    fingerprints = []
    for label in ("first report", "same data"):
        report = BriefingReport.objects.create(
            hub=hub, country="TR", as_of=datetime.date(2026, 1, 1), language="en", requested_by=manager
        )
        started = time.perf_counter()
        report = services.briefing_report_build(report=report)
        seconds = time.perf_counter() - started
        fingerprints.append(report.fingerprint)
        print(
            f"{label:>12}: briefing report ({report.content['interactions']['total']:,} interactions, "
            f"PDF {report.pdf.size / 1024:.0f} KiB) in {seconds:.2f} s; "
            f"ratio to the {target:.0f} s target: {seconds / target:.2f}"
        )
    print(f"same data, same fingerprint: {fingerprints[0] == fingerprints[1]} ({fingerprints[0][:16]}…)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB (whole process, Django and migrations included)")


if __name__ == "__main__":
    main()
