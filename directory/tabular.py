"""Organisations as a table: CSV and XLSX export of any filtered list, and import with a dry run.

An import never writes row by row as it reads. The file is first parsed into an `ImportPlan`: for
each row the action it would take (create, update or nothing) and every field-level error. Only
`organisations_import` writes, in one transaction, and only if the whole plan is valid or the person
chose to skip the invalid rows.
"""

import codecs
import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.models import Sector
from core.taxonomies import is_country_code
from directory import services, table_files
from directory.models import ExternalIdentifier, Organisation, OrganisationName
from directory.selectors import organisations_visible_to, permissions_for

# Reading a file lives in table_files; its limits and refusal are named here too, as callers know them.
from directory.table_files import MAX_ROWS as MAX_ROWS
from directory.table_files import MAX_UPLOAD_BYTES as MAX_UPLOAD_BYTES
from directory.table_files import UnreadableFile as UnreadableFile

COLUMNS = (
    "id",
    "name",
    "name_language",
    "other_names",
    "kind",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "founded_year",
    "website",
    "email",
    "phone",
    "sectors",
    "ror_id",
    "wikidata",
    "status",
)
LIST_SEPARATOR = ";"
EXPORT_CHUNK = 500
ROR_PATTERN = re.compile(r"^0[a-z0-9]{6}[0-9]{2}$")
WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
# "Value [lang] (kind)": the language and the kind are both optional.
OTHER_NAME_PATTERN = re.compile(
    r"^(?P<value>.*?)\s*(?:\[(?P<language>[^\]]*)\])?\s*(?:\((?P<kind>[a-z]+)\))?$"
)
IMPORTABLE_STATUSES = (Organisation.Status.ACTIVE, Organisation.Status.INACTIVE)
OTHER_NAME_KINDS = (OrganisationName.Kind.LABEL, OrganisationName.Kind.ALIAS, OrganisationName.Kind.ACRONYM)
STATUS_NOT_IMPORTED = _(
    "An import does not change an organisation's status: leave the column as exported, or empty "
    "(a new organisation starts active)."
)
IDENTIFIER_COLUMNS = (
    (ExternalIdentifier.Scheme.ROR, "ror_id"),
    (ExternalIdentifier.Scheme.WIKIDATA, "wikidata"),
)


# Export -------------------------------------------------------------------------------------------


def normalised_ror(value: str) -> str:
    """The bare ROR id ("05abc1234") whether written bare or as its https://ror.org/ address."""
    value = value.strip().lower()
    for prefix in ("https://ror.org/", "http://ror.org/", "ror.org/"):
        if value.startswith(prefix):
            return value[len(prefix) :].strip("/")
    return value


def normalised_wikidata(value: str) -> str:
    value = value.strip()
    for prefix in ("https://www.wikidata.org/wiki/", "http://www.wikidata.org/entity/", "wd:"):
        if value.lower().startswith(prefix.lower()):
            value = value[len(prefix) :]
    return value.upper()


def _normalised(scheme: str, value: str) -> str:
    return normalised_ror(value) if scheme == ExternalIdentifier.Scheme.ROR else normalised_wikidata(value)


def _format_other_name(name: OrganisationName) -> str:
    language = f" [{name.language}]" if name.language else ""
    return f"{name.value}{language} ({name.kind})"


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def _identifier(organisation: Organisation, scheme: str) -> str:
    values = [
        _normalised(scheme, external.value)
        for external in organisation.external_ids.all()
        if external.scheme == scheme
    ]
    return LIST_SEPARATOR.join(sorted(values))


def organisation_row(organisation: Organisation) -> list[str]:
    """One organisation as the export's cells, in the order of COLUMNS; needs `export_queryset`'s
    prefetches to avoid a query per row."""
    other_names = [
        _format_other_name(name)
        for name in organisation.names.all()
        if not (name.kind == OrganisationName.Kind.DISPLAY and name.value == organisation.name)
    ]
    return [
        str(organisation.pk),
        organisation.name,
        organisation.name_language,
        f"{LIST_SEPARATOR} ".join(other_names),
        organisation.kind,
        organisation.country,
        organisation.region,
        organisation.city,
        _number(organisation.latitude),
        _number(organisation.longitude),
        "" if organisation.founded_year is None else str(organisation.founded_year),
        organisation.website,
        organisation.email,
        organisation.phone,
        LIST_SEPARATOR.join(sector.code for sector in organisation.sectors.all()),
        _identifier(organisation, ExternalIdentifier.Scheme.ROR),
        _identifier(organisation, ExternalIdentifier.Scheme.WIKIDATA),
        organisation.status,
    ]


def export_queryset(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return organisations.prefetch_related(
        Prefetch("names", queryset=OrganisationName.objects.order_by("kind", "language", "value", "id")),
        Prefetch(
            "external_ids",
            queryset=ExternalIdentifier.objects.filter(
                scheme__in=[ExternalIdentifier.Scheme.ROR, ExternalIdentifier.Scheme.WIKIDATA]
            ),
        ),
        Prefetch("sectors", queryset=Sector.objects.order_by("code")),
    )


# A spreadsheet runs a cell starting with one of these as a formula (`=HYPERLINK(...)` would be a live
# link, `=cmd|...` worse). Exports put a single quote before such a text, as OWASP advises, and imports
# take it away again, so a file exported and imported again keeps every value.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def spreadsheet_safe(cell: str) -> str:
    """`cell` as text a spreadsheet shows rather than runs; numbers such as `-33.5` stay numbers."""
    if cell.startswith(FORMULA_STARTS) and not _is_number(cell):
        return "'" + cell
    return cell


def _formula_quote_removed(cell: str) -> str:
    """The value `spreadsheet_safe` protected, when an exported file comes back as an import."""
    if cell.startswith("'") and spreadsheet_safe(cell[1:]) == cell:
        return cell[1:]
    return cell


def export_rows(organisations: QuerySet[Organisation]) -> Iterator[list[str]]:
    """The header, then one row per organisation, read in chunks so a long list never sits in memory.
    Every cell is `spreadsheet_safe`, for the CSV and the XLSX alike."""
    yield list(COLUMNS)
    for organisation in export_queryset(organisations).iterator(chunk_size=EXPORT_CHUNK):
        yield [spreadsheet_safe(cell) for cell in organisation_row(organisation)]


class _Line:
    """A file-like object csv.writer can write one line into, for streaming."""

    def write(self, text: str) -> str:
        return text


def export_csv(organisations: QuerySet[Organisation]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so Excel opens Persian and Chinese names correctly."""
    writer = csv.writer(_Line())
    yield codecs.BOM_UTF8
    for row in export_rows(organisations):
        yield writer.writerow(row).encode("utf-8")


def export_xlsx(organisations: QuerySet[Organisation]) -> bytes:
    from openpyxl import Workbook

    # write_only streams rows to the archive instead of building every cell object first.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Organisations"))[:31])
    for row in export_rows(organisations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading an upload --------------------------------------------------------------------------------


def read_table(*, filename: str, content: bytes) -> list[list[str]]:
    """The rows of an uploaded CSV or XLSX file, header first, with empty trailing rows dropped, read
    within the limits of `directory.table_files` (no zip bomb, no more than `MAX_ROWS` rows)."""
    rows = table_files.read_table(filename=filename, content=content)
    return [[_formula_quote_removed(cell) for cell in row] for row in rows]


# The plan -----------------------------------------------------------------------------------------


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass
class RowError:
    column: str
    message: str


@dataclass
class PlannedRow:
    number: int  # the row's line in the file, the header being line 1
    action: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    organisation_id: int | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    header_errors: list[str] = field(default_factory=list)

    @property
    def valid_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def is_valid(self) -> bool:
        return not self.header_errors and not self.invalid_rows

    def count(self, action: str) -> int:
        return sum(1 for row in self.valid_rows if row.action == action)


def check_header(header: list[str]) -> list[str]:
    """Messages naming the unknown, missing and repeated columns (empty when the header is right)."""
    names = [column.strip().lower() for column in header]
    unknown = [name for name in names if name and name not in COLUMNS]
    missing = [column for column in COLUMNS if column not in names]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    messages = []
    if unknown:
        messages.append(str(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}))
    if missing:
        messages.append(str(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
    if repeated:
        messages.append(str(_("Columns given twice: %(columns)s.") % {"columns": ", ".join(repeated)}))
    if messages:
        messages.append(
            str(_("The first row must name these columns: %(columns)s.") % {"columns": ", ".join(COLUMNS)})
        )
    return messages


def _is_language(code: str) -> bool:
    return bool(pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code))


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


class _RowParser:
    """Turns one row's cells into clean values, collecting an error per bad column."""

    def __init__(self, cells: dict[str, str], sector_ids: dict[str, int]) -> None:
        self.cells = cells
        self.sector_ids = sector_ids
        self.errors: list[RowError] = []

    def error(self, column: str, message: StrOrPromise) -> None:
        self.errors.append(RowError(column, str(message)))

    def text(self, column: str, max_length: int, *, required: bool = False) -> str:
        value = self.cells.get(column, "")
        if required and not value:
            self.error(column, _("This column is required."))
        elif len(value) > max_length:
            self.error(
                column,
                _("At most %(limit)s characters (this has %(count)s).")
                % {"limit": max_length, "count": len(value)},
            )
        return value

    def choice(self, column: str, choices: Iterable[str], *, required: bool = True) -> str:
        value = self.cells.get(column, "").strip().lower()
        allowed = list(choices)
        if not value and not required:
            return ""
        if value not in allowed:
            self.error(
                column,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(allowed)},
            )
        return value

    def country(self) -> str:
        value = self.cells.get("country", "").strip().upper()
        if not value:
            self.error("country", _("This column is required."))
        elif not is_country_code(value):
            self.error("country", _("“%(value)s” is not an ISO 3166 country code.") % {"value": value})
        return value

    def language(self, column: str, value: str | None = None) -> str:
        value = (self.cells.get(column, "") if value is None else value).strip().lower()
        if value and not _is_language(value):
            self.error(column, _("“%(value)s” is not an ISO 639 language code.") % {"value": value})
        return value

    def coordinate(self, column: str, limit: int) -> float | None:
        value = self.cells.get(column, "").replace(",", ".")
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.error(column, _("“%(value)s” is not a number.") % {"value": value})
            return None
        if not -limit <= number <= limit:
            self.error(column, _("Must lie between -%(limit)s and %(limit)s.") % {"limit": limit})
            return None
        return number

    def year(self) -> int | None:
        value = self.cells.get("founded_year", "")
        if not value:
            return None
        if not value.isdigit() or not 1000 <= int(value) <= datetime.date.today().year:
            self.error("founded_year", _("“%(value)s” is not a year in the past.") % {"value": value})
            return None
        return int(value)

    def validated(self, column: str, validator: Any, max_length: int) -> str:
        value = self.text(column, max_length)
        if value:
            try:
                validator(value)
            except ValidationError:
                message = (
                    _("Enter a valid web address.")
                    if column == "website"
                    else _("Enter a valid email address.")
                )
                self.error(column, message)
        return value

    def sectors(self) -> list[str]:
        codes = [code.lower() for code in _split(self.cells.get("sectors", ""))]
        unknown = [code for code in codes if code not in self.sector_ids]
        if unknown:
            self.error(
                "sectors",
                _("Unknown sector codes: %(codes)s. Known codes: %(known)s.")
                % {"codes": ", ".join(unknown), "known": ", ".join(sorted(self.sector_ids))},
            )
        return sorted(set(codes) - set(unknown))

    def other_names(self) -> list[tuple[str, str, str]]:
        names = []
        for part in _split(self.cells.get("other_names", "")):
            match = OTHER_NAME_PATTERN.match(part)
            value = match.group("value").strip() if match else ""
            kind = ((match.group("kind") if match else None) or OrganisationName.Kind.LABEL).lower()
            if not value or len(value) > 300:
                self.error("other_names", _("“%(value)s” is not a name.") % {"value": part})
                continue
            if kind not in OTHER_NAME_KINDS:
                self.error(
                    "other_names",
                    _("“%(value)s”: the kind in brackets must be one of: %(choices)s.")
                    % {"value": part, "choices": ", ".join(OTHER_NAME_KINDS)},
                )
                continue
            language = self.language("other_names", (match.group("language") if match else "") or "")
            names.append((value, language, kind))
        return sorted(set(names))

    def identifier(self, column: str) -> str:
        raw = self.cells.get(column, "")
        if not raw:
            return ""
        if column == "ror_id":
            value = normalised_ror(raw)
            if not ROR_PATTERN.match(value):
                self.error(column, _("“%(value)s” is not a ROR id such as 05abc1234.") % {"value": raw})
        else:
            value = normalised_wikidata(raw)
            if not WIKIDATA_PATTERN.match(value):
                self.error(column, _("“%(value)s” is not a Wikidata id such as Q42.") % {"value": raw})
        return value


def _comparable(organisation: Organisation) -> dict[str, Any]:
    """An existing organisation in the plan's terms, to tell an update from an unchanged row."""
    cells = dict(zip(COLUMNS, organisation_row(organisation), strict=True))
    parser = _RowParser(cells, {code: 0 for code in cells["sectors"].split(LIST_SEPARATOR) if code})
    return _values(parser, cells)


def _values(parser: _RowParser, cells: dict[str, str]) -> dict[str, Any]:
    return {
        "name": parser.text("name", 300, required=True),
        "name_language": parser.language("name_language"),
        "other_names": parser.other_names(),
        "kind": parser.choice("kind", Organisation.Kind.values),
        "country": parser.country(),
        "region": parser.text("region", 120),
        "city": parser.text("city", 120),
        "latitude": parser.coordinate("latitude", 90),
        "longitude": parser.coordinate("longitude", 180),
        "founded_year": parser.year(),
        "website": parser.validated("website", URLValidator(), 500),
        "email": parser.validated("email", EmailValidator(), 254),
        "phone": parser.text("phone", 50),
        "sectors": parser.sectors(),
        "ror_id": parser.identifier("ror_id"),
        "wikidata": parser.identifier("wikidata"),
        "status": parser.choice("status", IMPORTABLE_STATUSES, required=False),
    }


def _taken_identifiers(scheme: str, values: set[str]) -> dict[str, int]:
    """Which of these identifiers already belong to an organisation: {normalised value: its id}."""
    if not values:
        return {}
    stored_forms = set(values)
    if scheme == ExternalIdentifier.Scheme.ROR:
        stored_forms |= {f"https://ror.org/{value}" for value in values}
    return {
        _normalised(scheme, value): organisation_id
        for organisation_id, value in ExternalIdentifier.objects.filter(
            scheme=scheme, value__in=stored_forms
        ).values_list("organisation_id", "value")
    }


def import_plan_build(user: Any, rows: list[list[str]]) -> ImportPlan:
    """The dry run: what importing `rows` (header first) would do, and every error, without writing."""
    header, body = rows[0], rows[1:]
    header_errors = check_header(header)
    if header_errors:
        return ImportPlan(rows=[], header_errors=header_errors)
    names = [column.strip().lower() for column in header]
    sector_ids = dict(Sector.objects.values_list("code", "id"))
    planned: list[PlannedRow] = []
    for number, row in enumerate(body, start=2):
        if not any(row):
            continue
        cells = {name: (row[index].strip() if index < len(row) else "") for index, name in enumerate(names)}
        parser = _RowParser(cells, sector_ids)
        values = _values(parser, cells)
        planned.append(PlannedRow(number=number, action=Action.CREATE, values=values, errors=parser.errors))
        raw_id = cells.get("id", "")
        if raw_id and not raw_id.isdigit():
            parser.error("id", _("“%(value)s” is not an organisation id.") % {"value": raw_id})
        elif raw_id:
            planned[-1].organisation_id = int(raw_id)
    _check_against_database(user, planned)
    return ImportPlan(rows=planned)


def _check_against_database(user: Any, planned: list[PlannedRow]) -> None:
    ids = {row.organisation_id for row in planned if row.organisation_id}
    existing = {
        organisation.pk: organisation
        for organisation in export_queryset(organisations_visible_to(user).filter(pk__in=ids))
    }
    seen_ids: dict[int, int] = {}
    for row in planned:
        if row.organisation_id is None:
            continue
        organisation = existing.get(row.organisation_id)
        if organisation is None or not permissions_for(user, organisation).can_edit:
            row.errors.append(
                RowError(
                    "id",
                    str(
                        _(
                            "There is no organisation %(id)s that you may edit. "
                            "Leave the id empty to create one."
                        )
                        % {"id": row.organisation_id}
                    ),
                )
            )
        elif row.organisation_id in seen_ids:
            row.errors.append(
                RowError(
                    "id",
                    str(
                        _("Organisation %(id)s is already updated by row %(row)s.")
                        % {"id": row.organisation_id, "row": seen_ids[row.organisation_id]}
                    ),
                )
            )
        else:
            seen_ids[row.organisation_id] = row.number
            if not row.values["status"]:
                row.values["status"] = organisation.status
            elif row.values["status"] != organisation.status:
                row.errors.append(RowError("status", str(STATUS_NOT_IMPORTED)))
            row.action = Action.UNCHANGED if _comparable(organisation) == row.values else Action.UPDATE
    for scheme, column in IDENTIFIER_COLUMNS:
        taken = _taken_identifiers(scheme, {row.values[column] for row in planned if row.values[column]})
        first_row: dict[str, int] = {}
        for row in planned:
            value = row.values[column]
            if not value:
                continue
            owner = taken.get(value)
            if owner is not None and owner != row.organisation_id:
                row.errors.append(
                    RowError(
                        column,
                        str(
                            _("%(value)s already belongs to organisation %(id)s.")
                            % {"value": value, "id": owner}
                        ),
                    )
                )
            elif value in first_row:
                row.errors.append(
                    RowError(
                        column,
                        str(
                            _("%(value)s is also given in row %(row)s.")
                            % {"value": value, "row": first_row[value]}
                        ),
                    )
                )
            else:
                first_row[value] = row.number
    for row in planned:
        if row.organisation_id is None and row.values["status"] not in ("", Organisation.Status.ACTIVE):
            row.errors.append(RowError("status", str(STATUS_NOT_IMPORTED)))
        if not row.values["status"]:
            row.values["status"] = Organisation.Status.ACTIVE
        row.errors.sort(key=lambda error: COLUMNS.index(error.column))


# Applying -----------------------------------------------------------------------------------------


@transaction.atomic
def organisations_import(*, actor: Any, plan: ImportPlan, skip_invalid: bool) -> list[Organisation]:
    """Create and update the organisations of a checked plan, all or nothing.

    Refused unless every row is valid or `skip_invalid` is set; then the invalid rows are left out.
    Each row is written by the directory's own services, so permissions and the audit trail are theirs.
    """
    if plan.header_errors:
        raise ValidationError(plan.header_errors, code="import_bad_header")
    if plan.invalid_rows and not skip_invalid:
        raise ValidationError(
            _("%(count)s rows have errors. Correct them, or choose to skip them."),
            code="import_has_errors",
            params={"count": len(plan.invalid_rows)},
        )
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    written = []
    for row in plan.valid_rows:
        if row.action == Action.UNCHANGED:
            continue
        try:
            written.append(_apply_row(actor=actor, row=row, sectors=sectors))
        except ValidationError as error:
            # The plan checked the same rules, but the database may have changed since the preview.
            raise ValidationError(
                _("Row %(row)s: %(problem)s"),
                code="import_row_refused",
                params={"row": row.number, "problem": " ".join(error.messages)},
            ) from error
    return written


def _apply_row(*, actor: Any, row: PlannedRow, sectors: dict[str, Sector]) -> Organisation:
    values = row.values
    profile = {
        column: values[column]
        for column in (
            "name",
            "name_language",
            "kind",
            "country",
            "region",
            "city",
            "latitude",
            "longitude",
            "founded_year",
            "website",
            "email",
            "phone",
        )
    }
    chosen_sectors = [sectors[code] for code in values["sectors"]]
    if row.organisation_id is None:
        organisation = services.organisation_create(creator=actor, sectors=chosen_sectors, **profile)
    else:
        organisation = services.organisation_update(
            actor=actor,
            organisation=Organisation.objects.get(pk=row.organisation_id),
            sectors=chosen_sectors,
            **profile,
        )
    _sync_other_names(actor=actor, organisation=organisation, wanted=set(values["other_names"]))
    for scheme, column in IDENTIFIER_COLUMNS:
        _sync_identifier(actor=actor, organisation=organisation, scheme=scheme, value=values[column])
    return organisation


def _sync_other_names(*, actor: Any, organisation: Organisation, wanted: set[tuple[str, str, str]]) -> None:
    """Make the organisation's labels, aliases and acronyms exactly those of the row."""
    current = {
        (name.value, name.language, name.kind): name
        for name in organisation.names.exclude(kind=OrganisationName.Kind.DISPLAY)
    }
    for key, name in current.items():
        if key not in wanted:
            services.organisation_name_remove(actor=actor, name=name)
    for value, language, kind in sorted(wanted - set(current)):
        if kind == OrganisationName.Kind.LABEL and (value, language) == (
            organisation.name,
            organisation.name_language,
        ):
            continue  # the display name already says it
        services.organisation_name_add(
            actor=actor, organisation=organisation, value=value, language=language, kind=kind
        )


def _sync_identifier(*, actor: Any, organisation: Organisation, scheme: str, value: str) -> None:
    """Make the row's ROR or Wikidata id the organisation's only one of that registry (none if empty)."""
    for identifier in organisation.external_ids.filter(scheme=scheme):
        if _normalised(scheme, identifier.value) != value:
            services.external_identifier_remove(actor=actor, identifier=identifier)
    if value and not any(
        _normalised(scheme, identifier.value) == value
        for identifier in organisation.external_ids.filter(scheme=scheme)
    ):
        services.external_identifier_set(
            actor=actor, organisation=organisation, scheme=scheme, value=value, preferred=True
        )
