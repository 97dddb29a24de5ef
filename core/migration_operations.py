"""Migration operations shared by several apps."""

from django.contrib.postgres.operations import TrigramExtension


class SharedTrigramExtension(TrigramExtension):
    """pg_trgm, created where missing (PostgreSQL only) and left in place when a migration is reversed:
    the directory's and the marketplace's indexes both use it, so one app's reversal must not drop it
    under the other's indexes."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        pass
