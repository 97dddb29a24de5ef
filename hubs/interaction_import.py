"""Reading a CSV or XLSX file of interactions (read with the directory's `read_table`) into rows that
`hubs.services.interactions_import` logs. Nothing is logged unless every row is valid, so a person can
fix the file and upload it again without duplicates.

Columns (header row, in any order; only kind, date and title are required):
kind, date (YYYY-MM-DD), title, place, our_organisations, partner_organisations (names or ids,
separated by ";"), our_people, partner_people, outcome.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from directory.models import Organisation
from hubs.models import Interaction

COLUMNS = (
    "kind",
    "date",
    "title",
    "place",
    "our_organisations",
    "partner_organisations",
    "our_people",
    "partner_people",
    "outcome",
)
REQUIRED = ("kind", "date", "title")


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


def _organisation_lookup(table: list[list[str]], header: list[str]) -> dict[str, Organisation]:
    wanted: set[str] = set()
    for column in ("our_organisations", "partner_organisations"):
        if column in header:
            index = header.index(column)
            for row in table:
                if index < len(row):
                    wanted |= {part.strip().lower() for part in row[index].split(";") if part.strip()}
    active = Organisation.objects.filter(status=Organisation.Status.ACTIVE)
    by_key: dict[str, Organisation] = {}
    for organisation in active.annotate(lower_name=Lower("name")).filter(lower_name__in=wanted):
        by_key[organisation.lower_name] = organisation  # type: ignore[attr-defined]
    ids = [int(key) for key in wanted if key.isdigit()]
    for by_id in active.filter(pk__in=ids):
        by_key[str(by_id.pk)] = by_id
    return by_key


def parse_interactions(table: list[list[str]]) -> ImportResult:
    """Check every row; each error names its line (the header is line 1)."""
    result = ImportResult()
    if not table:
        result.errors.append(_("The file is empty."))
        return result
    header = [cell.strip().lower() for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        result.errors.append(
            _("Columns missing from the header: %(columns)s") % {"columns": ", ".join(missing)}
        )
        return result
    body = table[1:]
    organisations = _organisation_lookup(body, header)
    kinds = {value: value for value in Interaction.Kind.values} | {
        str(label).lower(): value for value, label in Interaction.Kind.choices
    }
    for line, cells in enumerate(body, start=2):
        values = {
            column: (cells[index].strip() if index < len(cells) else "")
            for index, column in enumerate(header)
        }
        if not any(values.values()):
            continue
        kind = kinds.get(values.get("kind", "").lower())
        if kind is None:
            result.errors.append(
                _("Line %(line)s: unknown kind “%(kind)s”.") % {"line": line, "kind": values.get("kind", "")}
            )
        try:
            occurred_on = datetime.date.fromisoformat(values.get("date", ""))
        except ValueError:
            result.errors.append(_("Line %(line)s: the date must read YYYY-MM-DD.") % {"line": line})
            occurred_on = None
        if not values.get("title"):
            result.errors.append(_("Line %(line)s: the title is empty.") % {"line": line})
        sides: dict[str, list[Organisation]] = {}
        for column in ("our_organisations", "partner_organisations"):
            sides[column] = []
            for name in (part.strip() for part in values.get(column, "").split(";")):
                if not name:
                    continue
                organisation = organisations.get(name.lower())
                if organisation is None:
                    result.errors.append(
                        _("Line %(line)s: no organisation in ParkLink is called “%(name)s”.")
                        % {"line": line, "name": name}
                    )
                else:
                    sides[column].append(organisation)
        if kind and occurred_on and values.get("title"):
            result.rows.append(
                {
                    "kind": kind,
                    "occurred_on": occurred_on,
                    "title": values["title"][:256],
                    "place": values.get("place", "")[:200],
                    "our_organisations": sides["our_organisations"],
                    "partner_organisations": sides["partner_organisations"],
                    "our_people": values.get("our_people", "")[:500],
                    "partner_people": values.get("partner_people", "")[:500],
                    "outcome": values.get("outcome", "")[:4000],
                }
            )
    if not body or (not result.rows and not result.errors):
        result.errors.append(_("The file has no interactions below its header."))
    return result
