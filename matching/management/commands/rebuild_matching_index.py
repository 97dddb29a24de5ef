from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.registry import registered_kinds
from matching.services import matching_index_rebuild


class Command(BaseCommand):
    help = (
        "Embed every indexable record that is missing or out of date and take the others out of the "
        "matching index (after a bulk import, or after changing what a kind's text contains)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", choices=[kind.key for kind in registered_kinds()], help="Only this kind of record."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        indexed = matching_index_rebuild(kind=options["kind"])
        self.stdout.write(f"{indexed} records are in the matching index.")
