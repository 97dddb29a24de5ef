"""Reading the demo's data files (`demo/data/*.json`, UTF-8).

Each demo module reads its own file through a small typed reader built from `DataEntry`, which takes a
JSON object one field at a time, checks each field's type (and its choices, where it has them) and
refuses fields that nobody read, so a misspelt key fails instead of being ignored. Every error names the
file, the entry and the field, and is raised when the module is imported, before anything is loaded.
"""

import datetime
import decimal
import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import NoReturn

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"

# The fields an entry may be known by in an error message, in order of preference.
_LABEL_FIELDS = ("key", "title", "name", "email", "headline", "metric", "value")


class DemoDataError(ValueError):
    """A demo data file is missing, is not JSON, or does not have the shape its reader expects."""


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class DataEntry:
    """One JSON object of a data file; `close()` fails on the fields that no reader asked for."""

    def __init__(self, *, file: str, where: str, values: object) -> None:
        self.file = file
        self.where = where
        if not isinstance(values, dict):
            self._fail_here(f"must be an object, not {_json_type(values)}")
        self._values: dict[str, object] = values
        self._read: set[str] = set()

    def _fail_here(self, message: str) -> NoReturn:
        raise DemoDataError(f"{self.file}: {self.where} {message}.")

    def _fail(self, key: str, message: str) -> NoReturn:
        self._fail_here(f'has field "{key}" that {message}')

    def _value(self, key: str, *, required: bool) -> object:
        self._read.add(key)
        if key not in self._values:
            if required:
                self._fail_here(f'has no field "{key}"')
            return None
        return self._values[key]

    def close(self) -> None:
        unknown = sorted(set(self._values) - self._read)
        if unknown:
            self._fail_here(f"has unknown field(s) {', '.join(unknown)}")

    def text(self, key: str, default: str | None = None, *, choices: Collection[str] = ()) -> str:
        """A string; required unless `default` is given; one of `choices` when they are given."""
        value = self._value(key, required=default is None)
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            self._fail(key, f"must be text, not {_json_type(value)}")
        if choices and value not in choices:
            self._fail(key, f"is {value!r}, not one of {', '.join(sorted(choices))}")
        return value

    def texts(self, key: str, *, choices: Collection[str] = ()) -> tuple[str, ...]:
        """A list of strings (empty when the field is absent)."""
        value = self._value(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self._fail(key, "must be a list of texts")
        wrong = [item for item in value if choices and item not in choices]
        if wrong:
            self._fail(key, f"holds {', '.join(map(repr, wrong))}, not among {', '.join(sorted(choices))}")
        return tuple(value)

    def integer(self, key: str, default: int | None = None) -> int:
        value = self._value(key, required=default is None)
        if value is None and default is not None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self._fail(key, f"must be a whole number, not {_json_type(value)}")
        return value

    def optional_integer(self, key: str) -> int | None:
        """A whole number, or None when the field is absent or null."""
        return None if self._value(key, required=False) is None else self.integer(key)

    def integers(self, key: str) -> tuple[int, ...]:
        """A list of whole numbers (empty when the field is absent)."""
        value = self._value(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) for item in value
        ):
            self._fail(key, "must be a list of whole numbers")
        return tuple(value)

    def optional_number(self, key: str) -> float | None:
        value = self._value(key, required=False)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            self._fail(key, f"must be a number, not {_json_type(value)}")
        return float(value)

    def decimal(self, key: str) -> decimal.Decimal:
        """An exact amount, written as text ("2900.00") so that no float rounds it."""
        value = self.text(key)
        try:
            return decimal.Decimal(value)
        except decimal.InvalidOperation:
            self._fail(key, f'must be an amount such as "2900.00", not {value!r}')

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._value(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._fail(key, f"must be true or false, not {_json_type(value)}")
        return value

    def date(self, key: str) -> datetime.date:
        """An ISO date, "2024-04-22"."""
        value = self.text(key)
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self._fail(key, f"must be a date written YYYY-MM-DD, not {value!r}")

    def optional_date(self, key: str) -> datetime.date | None:
        """An ISO date, or None when the field is absent or null."""
        return None if self._value(key, required=False) is None else self.date(key)

    def entry[T](self, key: str, build: Callable[["DataEntry"], T]) -> T:
        """A nested object, read by `build`."""
        value = self._value(key, required=True)
        return _built(DataEntry(file=self.file, where=self._inner(key), values=value), build)

    def entries[T](self, key: str, build: Callable[["DataEntry"], T]) -> tuple[T, ...]:
        """A list of objects, each read by `build` (empty when the field is absent)."""
        value = self._value(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list):
            self._fail(key, f"must be a list of objects, not {_json_type(value)}")
        return tuple(
            _built(DataEntry(file=self.file, where=self._inner(key, index, item), values=item), build)
            for index, item in enumerate(value)
        )

    def _inner(self, key: str, index: int | None = None, item: object = None) -> str:
        where = key if index is None else f"{key}[{index}]"
        if isinstance(item, dict):
            label = next((item[field] for field in _LABEL_FIELDS if isinstance(item.get(field), str)), None)
            if label is not None:
                where += f" ({label[:60]!r})"
        return where if self.where == "the file" else f"{self.where} → {where}"


def _built[T](entry: DataEntry, build: Callable[[DataEntry], T]) -> T:
    result = build(entry)
    entry.close()
    return result


def data_file_read[T](name: str, build: Callable[[DataEntry], T], *, directory: Path = DATA_DIRECTORY) -> T:
    """Read `<directory>/<name>` (the demo's data directory unless told) with `build`, which takes the
    file's top-level object."""
    path = directory / name
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DemoDataError(f"{name}: cannot be read ({error.strerror}).") from error
    except json.JSONDecodeError as error:
        raise DemoDataError(
            f"{name}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from error
    return _built(DataEntry(file=name, where="the file", values=values), build)
