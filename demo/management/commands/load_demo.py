from django.conf import settings
from django.core.management.base import BaseCommand

from demo.services import demo_load


class Command(BaseCommand):
    help = "Load ParkLink's demo people and organisations (never run this in production)."

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            self.stderr.write("Refusing to load demo data with PARKLINK_ENV=production.")
            raise SystemExit(2)
        summary = demo_load(password=settings.PARKLINK_DEMO_PASSWORD)
        if not summary.changed_anything:
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        self.stdout.write(
            f"Demo loaded: {len(summary.people_created)} people, "
            f"{len(summary.organisations_created)} organisations, "
            f"{len(summary.memberships_created)} memberships. "
            f"Log in as any demo person (see README) with the password from PARKLINK_DEMO_PASSWORD."
        )
