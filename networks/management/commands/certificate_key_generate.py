from django.core.management.base import BaseCommand, CommandParser

from networks.signing import new_private_key_base64, public_key_base64


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 private key for CERTIFICATE_SIGNING_KEY (keep it secret; it is not stored). "
        "With --public, print the public key of the key in use instead, to keep in "
        "CERTIFICATE_RETIRED_PUBLIC_KEYS when the key is rotated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--public",
            action="store_true",
            help="Print the public key of the current CERTIFICATE_SIGNING_KEY.",
        )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(public_key_base64() if options["public"] else new_private_key_base64())
