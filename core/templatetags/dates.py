"""The one way templates show dates and times to people, a builtin in every template (PDFs included):

- `{{ day|local_date }}`: the day in words ("۱۶ آذر ۱۴۰۵" in Persian, "Dec. 6, 2026" in English);
- `{{ day|local_short_date }}`: the day in figures, for tables ("۱۴۰۵/۰۹/۱۶", "12/06/2026");
- `{{ moment|local_datetime }}` and `{{ moment|local_short_datetime }}`: the same with the time;
- `{{ day|local_month }}`: the calendar month `day` falls in (its first and last days in Persian).

Persian shows the Solar Hijri calendar with Persian digits; every other language its locale's format.
Aware datetimes are first converted to the active time zone. Machine-readable values (`datetime=""`
attributes, input values, exports) stay ISO and do not use these filters."""

import datetime

from django import template

from core.calendars import (
    format_local_date,
    format_local_datetime,
    format_local_month,
    format_local_short_date,
    format_local_short_datetime,
)

register = template.Library()

DateLike = datetime.date | datetime.datetime | str | None


def _as_date(value: DateLike) -> datetime.date | datetime.datetime | None:
    """Dates and datetimes as they are; an ISO string (as kept in JSON payloads) read as one."""
    if isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
        return moment if "T" in value or " " in value.strip() else moment.date()
    return value or None


@register.filter
def local_date(value: DateLike) -> str:
    day = _as_date(value)
    return format_local_date(day) if day else ""


@register.filter
def local_short_date(value: DateLike) -> str:
    day = _as_date(value)
    return format_local_short_date(day) if day else ""


@register.filter
def local_datetime(value: DateLike) -> str:
    value = _as_date(value)
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_local_date(value)
    return format_local_datetime(value)


@register.filter
def local_short_datetime(value: DateLike) -> str:
    value = _as_date(value)
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_local_short_date(value)
    return format_local_short_datetime(value)


@register.filter
def local_month(value: DateLike) -> str:
    day = _as_date(value)
    return format_local_month(day if not isinstance(day, datetime.datetime) else day.date()) if day else ""
