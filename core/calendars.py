"""The Solar Hijri (Persian) calendar, for dates shown in the Persian interface.

The arithmetic algorithm of Kazimierz Borkowski ("The Persian calendar for 3000 years", 1996) as
published by the jalaali-js project: leap years follow the 33-year cycles between the break years
below, which agrees with the astronomical calendar Iran uses for years 1 to 3000 of the Solar Hijri era.
Babel and Python have no Persian calendar, hence this module.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394,
    2456, 3178,
)  # fmt: skip

MONTH_NAMES = (
    _("Farvardin"),
    _("Ordibehesht"),
    _("Khordad"),
    _("Tir"),
    _("Mordad"),
    _("Shahrivar"),
    _("Mehr"),
    _("Aban"),
    _("Azar"),
    _("Dey"),
    _("Bahman"),
    _("Esfand"),
)

# The months as a Persian reader writes them (the Persian interface's own words, not translations).
PERSIAN_MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(frozen=True)
class SolarHijriDate:
    year: int
    month: int
    day: int

    def month_name(self) -> str:
        return str(MONTH_NAMES[self.month - 1])


def _cycle_position(jalali_year: int) -> tuple[int, int, int]:
    """(leap: years since the last leap year, gregorian_year, march_day): the day of March on which
    Farvardin 1 of `jalali_year` falls, and where the year sits in its 33-year cycle."""
    if not BREAKS[0] <= jalali_year < BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {jalali_year} is outside the supported range")
    gregorian_year = jalali_year + 621
    leap_j = -14
    previous_break = BREAKS[0]
    jump = 0
    for next_break in BREAKS[1:]:
        jump = next_break - previous_break
        if jalali_year < next_break:
            break
        leap_j += (jump // 33) * 8 + (jump % 33) // 4
        previous_break = next_break
    years_in = jalali_year - previous_break
    leap_j += (years_in // 33) * 8 + ((years_in % 33) + 3) // 4
    if jump % 33 == 4 and jump - years_in == 4:
        leap_j += 1
    leap_g = gregorian_year // 4 - ((gregorian_year // 100 + 1) * 3) // 4 - 150
    march_day = 20 + leap_j - leap_g
    if jump - years_in < 6:
        years_in = years_in - jump + ((jump + 4) // 33) * 33
    leap = (((years_in + 1) % 33) - 1) % 4
    if leap == -1:
        leap = 4
    return leap, gregorian_year, march_day


def is_leap_year(jalali_year: int) -> bool:
    return _cycle_position(jalali_year)[0] == 0


def _nowruz(jalali_year: int) -> datetime.date:
    _leap, gregorian_year, march_day = _cycle_position(jalali_year)
    return datetime.date(gregorian_year, 3, 1) + datetime.timedelta(days=march_day - 1)


def to_solar_hijri(day: datetime.date) -> SolarHijriDate:
    jalali_year = day.year - 621
    nowruz = _nowruz(jalali_year)
    if day < nowruz:
        jalali_year -= 1
        nowruz = _nowruz(jalali_year)
    day_of_year = (day - nowruz).days  # 0 on Farvardin 1
    if day_of_year < 186:
        return SolarHijriDate(jalali_year, day_of_year // 31 + 1, day_of_year % 31 + 1)
    day_of_year -= 186
    return SolarHijriDate(jalali_year, day_of_year // 30 + 7, day_of_year % 30 + 1)


def from_solar_hijri(year: int, month: int, day: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12")
    month_length = 31 if month <= 6 else 30 if month <= 11 else (30 if is_leap_year(year) else 29)
    if not 1 <= day <= month_length:
        raise ValueError("day is outside the month")
    offset = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return _nowruz(year) + datetime.timedelta(days=offset + day - 1)


def format_solar_hijri(day: datetime.date, *, persian: bool = True) -> str:
    """1 Tir 1401 written in Persian (with Persian digits), or in the active language otherwise."""
    date = to_solar_hijri(day)
    if persian:
        return f"{date.day} {PERSIAN_MONTH_NAMES[date.month - 1]} {date.year}".translate(PERSIAN_DIGITS)
    return f"{date.day} {date.month_name()} {date.year}"


# Formatting for people: every date a page, PDF, email or notification shows goes through these, so the
# Persian interface shows the Solar Hijri calendar everywhere and the others their locale's own format.

LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def is_persian(language: str | None = None) -> bool:
    """Whether `language` (the active one when None) shows dates in the Solar Hijri calendar."""
    return (language or get_language() or "").split("-")[0] == "fa"


def _local_day(value: datetime.date | datetime.datetime) -> datetime.date:
    """The calendar day of `value` as seen in the active time zone (aware datetimes are converted)."""
    if isinstance(value, datetime.datetime):
        return _local_moment(value).date()
    return value


def _local_moment(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _in_language(language: str | None, fmt: str, value: datetime.date) -> str:
    if language is None:
        return date_format(value, fmt)
    with translation.override(language):
        return date_format(value, fmt)


def format_local_date(value: datetime.date | datetime.datetime, language: str | None = None) -> str:
    """The day in words, e.g. "۱۶ آذر ۱۴۰۵" in Persian and "Dec. 6, 2026" in English."""
    day = _local_day(value)
    if is_persian(language):
        return format_solar_hijri(day)
    return _in_language(language, "DATE_FORMAT", day)


def format_local_short_date(value: datetime.date | datetime.datetime, language: str | None = None) -> str:
    """The day in figures for tables, e.g. "۱۴۰۵/۰۹/۱۶" in Persian and "12/06/2026" in English."""
    day = _local_day(value)
    if is_persian(language):
        return solar_hijri_numeric(day)
    return _in_language(language, "SHORT_DATE_FORMAT", day)


def local_year(value: datetime.date | datetime.datetime, language: str | None = None) -> int:
    """The year `value` falls in, in the reader's calendar: Solar Hijri in Persian, Gregorian otherwise."""
    day = _local_day(value)
    return to_solar_hijri(day).year if is_persian(language) else day.year


def format_local_month(value: datetime.date, language: str | None = None) -> str:
    """The Gregorian calendar month `value` falls in, e.g. "December 2026"; in Persian, whose months do
    not line up with Gregorian ones, its first and last days ("10 Aban 1405 to 9 Azar 1405")."""
    first = value.replace(day=1)
    if is_persian(language):
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return f"{format_solar_hijri(first)} \u2013 {format_solar_hijri(last)}"  # an en dash
    return _in_language(language, "YEAR_MONTH_FORMAT", first)


def format_local_datetime(value: datetime.datetime, language: str | None = None) -> str:
    """The day in words and the time in the active time zone, e.g. "۱۶ آذر ۱۴۰۵، ۱۴:۳۰"."""
    moment = _local_moment(value)
    if is_persian(language):
        return f"{format_solar_hijri(moment.date())}، {moment:%H:%M}".translate(PERSIAN_DIGITS)
    return _in_language(language, "DATETIME_FORMAT", moment)


def format_local_short_datetime(value: datetime.datetime, language: str | None = None) -> str:
    """The day in figures and the time in the active time zone, e.g. "۱۴۰۵/۰۹/۱۶ ۱۴:۳۰" for tables."""
    moment = _local_moment(value)
    if is_persian(language):
        return f"{solar_hijri_numeric(moment.date())} {moment:%H:%M}".translate(PERSIAN_DIGITS)
    return _in_language(language, "SHORT_DATETIME_FORMAT", moment)


def solar_hijri_numeric(day: datetime.date, *, persian_digits: bool = True) -> str:
    """۱۴۰۵/۰۹/۱۶: how a Persian reader writes a day in figures (and types it into a date field)."""
    date = to_solar_hijri(day)
    text = f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return text.translate(PERSIAN_DIGITS) if persian_digits else text


class ImpossibleDate(ValueError):
    """The text reads as a date, but no such day exists (a 31st of Esfand, a 30 February)."""


GREGORIAN_FROM_YEAR = 1700  # a year from here on is Gregorian; before it, a Solar Hijri one (1700 SH is 2321)
_DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*$")


def parse_local_date(text: str) -> datetime.date:
    """A day a Persian reader typed: Solar Hijri "۱۴۰۵/۰۹/۱۶" or "1405/9/16" (Persian, Arabic or Latin
    digits), or a Gregorian ISO date such as "2026-12-06". Raises ImpossibleDate for a day that does not
    exist and ValueError for text that is not a date at all."""
    match = _DATE_PATTERN.match(text.translate(LATIN_DIGITS))
    if match is None:
        raise ValueError(f"not a date: {text!r}")
    year, month, day = (int(part) for part in match.groups())
    try:
        if year >= GREGORIAN_FROM_YEAR:
            return datetime.date(year, month, day)
        return from_solar_hijri(year, month, day)
    except ValueError as error:
        raise ImpossibleDate(str(error)) from error


_DATETIME_PATTERN = re.compile(r"^\s*(?P<date>\S+?)\s*(?:[T\s،,]\s*)(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$")


def parse_local_datetime(text: str) -> datetime.datetime:
    """A day and a time a Persian reader typed, e.g. "1405/09/15 14:30" or "2026-12-06T14:30" (naive:
    the caller places it in a time zone). Raises ImpossibleDate or ValueError as parse_local_date does."""
    match = _DATETIME_PATTERN.match(text.translate(LATIN_DIGITS))
    if match is None:
        raise ValueError(f"not a date and time: {text!r}")
    day = parse_local_date(match.group("date"))
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    if hour > 23 or minute > 59:
        raise ImpossibleDate(f"no such time: {hour}:{minute:02d}")
    return datetime.datetime.combine(day, datetime.time(hour, minute))
