"""Reading an uploaded CSV or XLSX file into rows, without ever holding more than the limits allow.

An XLSX file is a zip archive, so a few kilobytes can expand to gigabytes of XML. Before openpyxl sees
it, the archive's own directory is checked: a valid zip, no more members than a workbook has, a total
uncompressed size within `DIRECTORY_IMPORT_MAX_UNCOMPRESSED_BYTES` and no member compressed beyond
`DIRECTORY_IMPORT_MAX_COMPRESSION_RATIO` (the sizes zipfile reads are the sizes it will decompress to: it
stops at the declared size). The workbook is then opened read-only and its rows streamed, stopping as soon
as the row limit is passed; a CSV file is streamed the same way.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# Cells beyond this column are dropped: no table ParkLink imports is this wide, and a cell at column
# XFD must not make every row 16,384 cells long.
MAX_COLUMNS = 100
# A run of this many empty rows ends the table (a sheet "formatted" down to row 1,048,576 is not data).
MAX_EMPTY_RUN = 10_000
# A workbook holds a few dozen parts; thousands of members are not a workbook.
MAX_ZIP_MEMBERS = 1_000
# Members smaller than this may compress as well as they like: the ratio only matters for large ones.
RATIO_FLOOR_BYTES = 1024 * 1024


class UnreadableFile(ValueError):
    """The upload is not a CSV or XLSX file ParkLink can read; the message says why."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(str(message))
        self.message = message


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(
        _("The file has more than %(limit)s rows. Split it into smaller files.") % {"limit": MAX_ROWS}
    )


def _bounded(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows up to the last non-empty one, read one at a time and refused as soon as there are more
    than the header and `MAX_ROWS` rows of data."""
    kept: list[list[str]] = []
    empty_run = 0
    for row in rows:
        if any(row):
            empty_run = 0
        else:
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                break
        kept.append(row)
        if any(row) and len(kept) - 1 > MAX_ROWS:
            raise _too_many_rows()
    return kept


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from error
    if "\x00" in text:
        raise UnreadableFile(_("The file is not a CSV text file."))
    try:
        sample = text[:4096]
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    try:
        return _bounded(
            [cell.strip() for cell in row[:MAX_COLUMNS]] for row in csv.reader(io.StringIO(text), dialect)
        )
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file could not be read: %(problem)s") % {"problem": error}) from error


def check_workbook_archive(content: bytes) -> None:
    """Refuse an XLSX file whose archive is not a zip, or would expand beyond the limits, before anything
    in it is decompressed."""
    not_a_workbook = _("The file could not be opened as an Excel (XLSX) workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise UnreadableFile(not_a_workbook) from error
    limit = settings.DIRECTORY_IMPORT_MAX_UNCOMPRESSED_BYTES
    ratio = settings.DIRECTORY_IMPORT_MAX_COMPRESSION_RATIO
    expands_too_far = UnreadableFile(
        _(
            "The workbook would expand to more than %(limit)s when opened, so it was not read. Save the "
            "sheet as a plain workbook or a CSV file, or split it into smaller files."
        )
        % {"limit": filesizeformat(limit)}
    )
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnreadableFile(not_a_workbook)
    if sum(member.file_size for member in members) > limit:
        raise expands_too_far
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > ratio * max(member.compress_size, 1):
            raise expands_too_far


def _xlsx_rows(sheet: Any) -> Iterator[list[str]]:
    for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        row = [_cell(value) for value in values]
        while row and not row[-1]:
            row.pop()
        yield row


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, SyntaxError) as error:
        raise UnreadableFile(_("The file could not be opened as an Excel (XLSX) workbook.")) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise UnreadableFile(_("The workbook has no sheet."))
        # The dimension a file declares may lie (A1:XFD1048576): read the rows that are there.
        sheet.reset_dimensions()
        try:
            return _bounded(_xlsx_rows(sheet))
        except UnreadableFile:
            raise  # the row limit, said as it is
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, SyntaxError) as error:
            # SyntaxError: the sheet's XML breaks off (xml.etree's ParseError is one).
            raise UnreadableFile(_("The file could not be opened as an Excel (XLSX) workbook.")) from error
    finally:
        workbook.close()


def read_table(*, filename: str, content: bytes) -> list[list[str]]:
    """The rows of an uploaded CSV or XLSX file, header first, with empty trailing rows dropped and
    cells as text (the formula quote of `spreadsheet_safe` is left for the caller)."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB. Split it into smaller files."))
    if not content:
        raise UnreadableFile(_("The file is empty."))
    is_zip = content[:4] == b"PK\x03\x04"
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx" or (is_zip and extension != "csv"):
        rows = _read_xlsx(content)
    elif extension in {"csv", "txt", ""} and not is_zip:
        rows = _read_csv(content)
    else:
        raise UnreadableFile(_("Upload a CSV (UTF-8) or an Excel (XLSX) file."))
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableFile(_("The file is empty."))
    return rows
