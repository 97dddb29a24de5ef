"""Trigram indexes for the marketplace's word search on PostgreSQL (issue 18). `profiles_search` looks
for each word with `icontains` in the reference, title, summary and description, which Django writes as
`UPPER(column) LIKE UPPER('%word%')`; GIN indexes on UPPER(column) with gin_trgm_ops answer that from
the index instead of reading every profile. SQLite has no pg_trgm and keeps its plain scan."""

from django.db import migrations

from core.migration_operations import SharedTrigramExtension

COLUMNS = ("reference", "title", "summary", "description")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS marketplace_profile_{column}_trgm ON marketplace_profile "
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS marketplace_profile_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0005_text_maximum_lengths")]

    operations = [
        SharedTrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
