import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.scheduling import InstanceError, parse_instance, schedule, schedule_to_json


class Command(BaseCommand):
    help = (
        "Schedule accepted B2B meetings into time slots and tables. Reads an instance as JSON from "
        "INSTANCE (or '-' for standard input) and prints the schedule as JSON. Exit code 2 = the instance "
        "is malformed; the message names the bad field."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instance", help="path to the instance JSON, or '-' for standard input")
        parser.add_argument(
            "--time-limit", type=float, default=30.0, help="solver time limit in seconds (default 30)"
        )

    def handle(self, *args: object, **options: object) -> None:
        source = options["instance"]
        time_limit = options["time_limit"]
        assert isinstance(source, str) and isinstance(time_limit, float)
        if time_limit <= 0:
            raise CommandError("--time-limit: must be a positive number of seconds", returncode=2)
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {source}: {error}", returncode=2) from error
        try:
            instance = parse_instance(json.loads(text))
        except json.JSONDecodeError as error:
            raise CommandError(f"{source}: not valid JSON ({error})", returncode=2) from error
        except InstanceError as error:
            raise CommandError(f"{source}: {error}", returncode=2) from error
        result = schedule(instance, time_limit_seconds=time_limit)
        self.stdout.write(json.dumps(schedule_to_json(result)))
