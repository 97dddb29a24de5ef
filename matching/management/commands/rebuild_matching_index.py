from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from matching.embedder import encoder_name
from matching.registry import registered_kinds
from matching.services import RebuildStep, matching_index_rebuild


class Command(BaseCommand):
    help = (
        "Embed every indexable record that is missing, out of date or embedded by another encoder than "
        "MATCHING_ENCODER, and take the others out of the matching index (after a bulk import, after "
        "changing what a kind's text contains, or after changing the encoder)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", choices=[kind.key for kind in registered_kinds()], help="Only this kind of record."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(steps: Iterable[RebuildStep]) -> Iterable[RebuildStep]:
            # The bar goes to stderr, so the counts on stdout stay readable in a log.
            return tqdm(steps, desc="Records", unit="record", disable=options["verbosity"] == 0)

        report = matching_index_rebuild(kind=options["kind"], progress=progress)
        self.stdout.write(
            f"{report.indexed} records are in the matching index ({encoder_name()}): "
            f"{report.embedded} embedded now, {report.removed} taken out."
        )
