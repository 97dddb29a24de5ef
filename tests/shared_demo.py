"""The demo, loaded once per test session and restored into each test module that reads it.

`manage.py load_demo` takes most of a minute (it goes through every service, the scheduler included),
so conftest.py's `demo_snapshot` runs it once, inside a transaction it rolls back, and keeps the rows
it created as JSON. The module-scoped `demo` fixture writes those rows back inside a transaction that
stays open for the module's tests; each test runs in its own savepoint inside it (pytest-django's
`db`), so a test that changes the demo leaves the next one the demo untouched, and the module's end
rolls the demo away before any other module runs.
"""

import io
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.test import override_settings

# Not the settings' default, so that a test can tell that load_demo took the password from settings.
DEMO_PASSWORD = "demo-password-from-the-settings"


@dataclass(frozen=True)
class DemoSnapshot:
    created: str  # JSON of the rows load_demo created
    changed: str  # JSON of the rows that existed before and that load_demo changed


def demo_snapshot_take(*, absent_ror_file: Path) -> DemoSnapshot:
    """Run `manage.py load_demo` (with no ROR file) under the suite's settings, keep the rows it created
    or changed, and leave the database as it was."""
    with (
        override_settings(
            PARKLINK_DEMO_PASSWORD=DEMO_PASSWORD,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
            MATCHING_ENABLED=False,
        ),
        transaction.atomic(),
    ):
        before = _rows_by_key(connection.creation.serialize_db_to_string())
        call_command("load_demo", "--ror-file", str(absent_ror_file), stdout=io.StringIO())
        after = _rows_by_key(connection.creation.serialize_db_to_string())
        transaction.set_rollback(True)
    assert before.keys() <= after.keys(), "load_demo deleted rows; a snapshot cannot restore a deletion"
    return DemoSnapshot(
        created=json.dumps([row for key, row in after.items() if key not in before]),
        changed=json.dumps([row for key, row in after.items() if key in before and before[key] != row]),
    )


def _rows_by_key(serialized: str) -> dict[tuple[str, object], dict[str, object]]:
    return {(row["model"], row["pk"]): row for row in json.loads(serialized)}


def demo_restore(snapshot: DemoSnapshot) -> None:
    """Write the snapshot's rows into the current transaction (the new ones in bulk, one insert per
    table), then check every foreign key: they are deferred until then."""
    new_rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    links: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    with transaction.atomic():
        for row in serializers.deserialize("json", snapshot.changed):
            row.save()
        for row in serializers.deserialize("json", snapshot.created):
            model = type(row.object)
            new_rows[model].append(row.object)
            for field_name, target_pks in (row.m2m_data or {}).items():
                through = model._meta.get_field(field_name).remote_field.through  # type: ignore[union-attr]
                source, target = _through_columns(through, model)
                links[through] += [through(**{source: row.object.pk, target: pk}) for pk in target_pks]
        for model, rows in [*new_rows.items(), *links.items()]:
            model._base_manager.bulk_create(rows)
        touched = [*new_rows, *links]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), touched):
                cursor.execute(statement)
        connection.check_constraints(table_names=[model._meta.db_table for model in touched])


def _through_columns(through: type[models.Model], source_model: type[models.Model]) -> tuple[str, str]:
    foreign_keys = [field for field in through._meta.fields if isinstance(field, models.ForeignKey)]
    source = next(field for field in foreign_keys if field.related_model is source_model)
    target = next(field for field in foreign_keys if field is not source)
    return source.attname, target.attname


@contextmanager
def demo_restored(snapshot: DemoSnapshot) -> Iterator[None]:
    """The demo's rows, for as long as the block lasts; rolled back at its end."""
    with transaction.atomic():
        demo_restore(snapshot)
        yield
        transaction.set_rollback(True)
