"""`manage.py import_ror FILE [FILE...]`: import ROR schema v2 JSON lines (plain or .gz)."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from directory.ror import count_ror_lines, read_ror_files, ror_import

SKIPPED_SHOWN = 20


class ProgressBar:
    """A one-line bar on stderr, redrawn in place with a carriage return after each chunk."""

    def __init__(self, total: int, stream: OutputWrapper, *, width: int = 30, enabled: bool = True) -> None:
        self.total, self.stream, self.width, self.enabled = total, stream, width, enabled
        self.started = time.monotonic()

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        fraction = min(done / self.total, 1.0) if self.total else 1.0
        filled = int(fraction * self.width)
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} "
            f"{fraction:4.0%} {rate:,.0f} records/s",
            ending="",
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("")
            self.stream.flush()


class Command(BaseCommand):
    help = "Import Research Organization Registry records (schema v2 JSON lines, plain or .gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        bar = ProgressBar(count_ror_lines(files), self.stderr, enabled=not options["no_progress"])
        started = time.monotonic()
        summary = ror_import(records=read_ror_files(files), progress=bar)
        bar.finish()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"ROR import: {summary.processed} records in {seconds:.1f} s — {summary.created} created, "
            f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.skipped} skipped."
        )
        self.stdout.write(
            f"Names: {summary.names_written} written, {summary.names_removed} removed. "
            f"Identifiers: {summary.identifiers_written} written, {summary.identifier_conflicts} already "
            f"held by another organisation. Relationships: {summary.relationships_created} created, "
            f"{summary.relationships_unresolved} to organisations not imported."
        )
        for reason, count in sorted(summary.skipped_by_reason().items()):
            self.stdout.write(f"  skipped, {reason}: {count}")
        for where, reason in summary.skipped_records[:SKIPPED_SHOWN]:
            self.stdout.write(f"  {where}: {reason}")
        if len(summary.skipped_records) > SKIPPED_SHOWN:
            self.stdout.write(f"  … and {len(summary.skipped_records) - SKIPPED_SHOWN} more skipped.")
