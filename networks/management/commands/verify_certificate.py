import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from networks.certificates import Verdict, certificate_check_pdf

EXIT_CODES = {
    Verdict.GENUINE: 0,
    Verdict.FORGED: 2,
    Verdict.ALTERED: 2,  # genuine signed data in a file that is not the one issued
    Verdict.NOT_PARKLINK: 2,  # a file with no ParkLink signature has always exited 2
    Verdict.REVOKED: 3,
    Verdict.EXPIRED: 4,
    Verdict.UNKNOWN: 5,
}


class Command(BaseCommand):
    help = (
        "Check a membership certificate PDF: its Ed25519 signature, that it matches the issued record, "
        "that the file is byte for byte the one issued, and whether it is revoked or expired. "
        "Exit code 0 = genuine, 2 = forged or altered, 3 = revoked, 4 = expired, 5 = unknown number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        check = certificate_check_pdf(data)
        certificate = check.certificate
        line = f"{check.number or path.name}: {check.verdict.label}"
        if certificate is not None:
            membership = certificate.membership
            line += f" — {membership.member.name}, {membership.network.name}"
            line += f", valid until {certificate.valid_until}"
        if check.detail:
            line += f" ({check.detail})"
        if check.what_was_checked:
            line += f"\n{check.what_was_checked}"
        if check.is_genuine:
            self.stdout.write(self.style.SUCCESS(line))
            return
        self.stderr.write(self.style.ERROR(line))
        sys.exit(EXIT_CODES[check.verdict])
