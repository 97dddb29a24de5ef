"""A strict iCalendar reader for the tests. It checks the file as Google Calendar and Outlook need it
(CRLF line ends, lines of at most 75 octets, VERSION 2.0 and PRODID, UID and DTSTAMP on every VEVENT,
a VTIMEZONE for every TZID used, DTEND after DTSTART), then parses it with icalendar, which refuses
malformed content lines (`Calendar.from_ical`)."""

import datetime
from typing import Any

import icalendar


class CalendarError(ValueError):
    pass


def _check_lines(data: bytes) -> None:
    text = data.decode("utf-8")
    if not text.endswith("\r\n"):
        raise CalendarError("the file must end with CRLF")
    for line in text[:-2].split("\r\n"):
        if "\n" in line or "\r" in line:
            raise CalendarError("bare LF or CR inside a line")
        if len(line.encode("utf-8")) > 75:
            raise CalendarError(f"line longer than 75 octets: {line[:30]!r}")


def parse(data: bytes) -> icalendar.Calendar:
    _check_lines(data)
    try:
        calendar = icalendar.Calendar.from_ical(data.decode("utf-8"))
    except ValueError as error:
        raise CalendarError(str(error)) from error
    if str(calendar.get("VERSION")) != "2.0" or "PRODID" not in calendar:
        raise CalendarError("VCALENDAR needs VERSION:2.0 and PRODID")
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                raise CalendarError(f"VEVENT without {required}")
        for name in ("DTSTART", "DTEND"):
            tzid = event[name].params.get("TZID") if name in event else None
            if tzid and tzid not in zones:
                raise CalendarError(f"{name} uses TZID {tzid} without its VTIMEZONE")
        if "DTEND" in event and event.decoded("DTEND") <= event.decoded("DTSTART"):
            raise CalendarError("DTEND not after DTSTART")
    return calendar


def _text(value: Any) -> str:
    """A property as the strict reader of old gave it: TEXT unescaped, times as written in the file."""
    if isinstance(value, icalendar.prop.vDDDTypes):
        return value.to_ical().decode()
    if isinstance(value, icalendar.prop.vText):
        return str(value)
    return value.to_ical().decode() if hasattr(value, "to_ical") else str(value)


def events_of(data: bytes) -> list[dict[str, str]]:
    return [{name: _text(value) for name, value in event.items()} for event in parse(data).walk("VEVENT")]


def starts_of(data: bytes) -> list[datetime.datetime]:
    """Each VEVENT's start as an aware datetime (the instant, whatever zone the file wrote it in)."""
    return [event.decoded("DTSTART") for event in parse(data).walk("VEVENT")]
