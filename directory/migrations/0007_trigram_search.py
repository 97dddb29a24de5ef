"""Trigram indexes for name search on PostgreSQL (issue 18): the directory's search compares each word
with `search_key LIKE '%word%'` (directory.selectors.organisations_search), which scans every name
without an index; a GIN index with gin_trgm_ops answers it from the index. SQLite has no pg_trgm and
keeps its plain scan."""

from django.db import migrations

from core.migration_operations import SharedTrigramExtension

INDEX = "directory_name_search_key_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_organisationname "
            "USING gin (search_key gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_organisation_time_zone")]

    operations = [
        SharedTrigramExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
