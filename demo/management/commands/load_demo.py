import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from demo.services import demo_load

# The shared data directory sits beside the repository: ../shared/data/ror/ from its root.
DEFAULT_ROR_FILE = Path(settings.BASE_DIR).parent / "shared" / "data" / "ror" / "ror_v2_focus_countries.jsonl"


class Command(BaseCommand):
    help = "Load ParkLink's demo people and organisations, then ROR records (never run this in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ror-file",
            type=Path,
            help=(
                "ROR schema v2 JSON lines to import after the demo's own organisations (default: "
                "$PARKLINK_DEMO_ROR_FILE, else ../shared/data/ror/ror_v2_focus_countries.jsonl)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            self.stderr.write("Refusing to load demo data with PARKLINK_ENV=production.")
            raise SystemExit(2)
        ror_file = options["ror_file"] or Path(os.environ.get("PARKLINK_DEMO_ROR_FILE") or DEFAULT_ROR_FILE)
        summary = demo_load(password=settings.PARKLINK_DEMO_PASSWORD, ror_file=ror_file)
        if summary.ror is not None:
            ror = summary.ror
            self.stdout.write(
                f"ROR records from {ror_file}: {ror.created} created, {ror.updated} updated, "
                f"{ror.unchanged} unchanged, {ror.skipped} skipped, {ror.relationships_created} links."
            )
        else:
            self.stdout.write(f"Skipped the ROR records: {summary.ror_skipped_because}.")
        if not summary.changed_anything:
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        self.stdout.write(
            f"Demo loaded: {len(summary.people_created)} people, "
            f"{len(summary.organisations_created)} organisations, "
            f"{len(summary.memberships_created)} memberships, "
            f"{len(summary.registry_entries_created)} names, figures and links, "
            f"{len(summary.profiles_created)} marketplace profiles, "
            f"{len(summary.activities_created)} hub, event and exchange records. "
            f"Log in as any demo person (see README) with the password from PARKLINK_DEMO_PASSWORD."
        )
