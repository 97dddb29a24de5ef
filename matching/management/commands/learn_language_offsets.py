from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching import embedder
from matching.language_offsets import NTREX_LANGUAGES, current_encoder, offsets_learn, offsets_save

DEFAULT_NTREX = Path(settings.BASE_DIR).parent / "shared" / "data" / "ntrex128"


class Command(BaseCommand):
    help = (
        "Learn what each language adds to the current encoder's vectors from NTREX-128's parallel "
        "sentences, and store it beside matching/language_offsets.py (after changing MATCHING_ENCODER)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ntrex", type=Path, default=DEFAULT_NTREX, help="The NTREX-128 folder.")
        parser.add_argument("--lines", type=int, default=500, help="Sentences per language (500 is plenty).")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["ntrex"]
        if not folder.is_dir():
            raise CommandError(
                f"NTREX-128 is not at {folder}. Give its folder with --ntrex; without it the index falls "
                "back on script groups and the whole index's mean."
            )
        vectors = {}
        for name, code in NTREX_LANGUAGES.items():
            file = folder / ("newstest2019-src.eng.txt" if name == "eng" else f"newstest2019-ref.{name}.txt")
            if not file.exists():
                self.stderr.write(f"{file.name} is missing; {code} gets no offset.")
                continue
            lines = file.read_text(encoding="utf-8").splitlines()[: options["lines"]]
            self.stdout.write(f"Embedding {len(lines)} sentences in {code}…")
            vectors[code] = embedder.passages(lines)
        if len(vectors) < 2:
            raise CommandError("Offsets need at least two languages of line-aligned sentences.")
        path = offsets_save(current_encoder(), offsets_learn(vectors))
        self.stdout.write(f"Offsets of {len(vectors)} languages written to {path}.")
