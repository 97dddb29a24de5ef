from django.core.management.base import BaseCommand

from networks.signing import new_private_key_base64


class Command(BaseCommand):
    help = "Print a new Ed25519 private key for CERTIFICATE_SIGNING_KEY (keep it secret; it is not stored)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(new_private_key_base64())
