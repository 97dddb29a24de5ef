"""iCalendar (RFC 5545) files of an event's timetable and of a participant's agenda, written by hand:
no installed library writes iCalendar, and the subset needed here is small.

What RFC 5545 asks of us, and where it is done:
- lines end in CRLF (3.1) — `_lines_to_bytes`;
- content lines longer than 75 octets are folded, continuation lines starting with one space, never
  inside a UTF-8 sequence (3.1) — `fold`;
- TEXT values escape backslash, semicolon, comma and newlines (3.3.11) — `escape_text`;
- times are UTC date-times with a trailing Z (3.3.5, form #2); every VEVENT has UID and DTSTAMP (3.6.1).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from events.models import Event, Meeting, Participant, Session

PRODUCT_ID = "-//ParkLink//Events//EN"
MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> list[str]:
    """Split a content line into pieces of at most 75 octets (the first) and 74 plus the leading
    space (the rest), cutting only between characters."""
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_LINE_OCTETS
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_LINE_OCTETS - 1
        current += character
        size += width
    pieces.append(current)
    return [pieces[0]] + [" " + piece for piece in pieces[1:]]


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _lines_to_bytes(lines: Iterable[str]) -> bytes:
    folded = [piece for line in lines for piece in fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")


def calendar_bytes(
    name: str, entries: Iterable[CalendarEntry], *, now: datetime.datetime | None = None
) -> bytes:
    stamp = _utc(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(entry.starts_at)}",
            f"DTEND:{_utc(entry.ends_at)}",
            f"SUMMARY:{escape_text(entry.summary)}",
        ]
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return _lines_to_bytes(lines)


def uid(kind: str, pk: int) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "parklink"
    return f"{kind}-{pk}@{host}"


def event_calendar(event: Event, sessions: Iterable[Session]) -> bytes:
    """The event itself and each session of its timetable."""
    from django.urls import reverse

    url = settings.SITE_URL.rstrip("/") + reverse("events:event_detail", kwargs={"pk": event.pk})
    place = ", ".join(part for part in (event.venue, event.city) if part) or event.online_url
    entries = [
        CalendarEntry(
            uid=uid("event", event.pk),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            summary=event.title,
            description=event.description,
            location=place,
            url=url,
        )
    ]
    for session in sessions:
        entries.append(
            CalendarEntry(
                uid=uid("session", session.pk),
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                summary=session.title,
                description="\n".join(part for part in (session.speakers, session.description) if part),
                location=", ".join(
                    part for part in (session.room.name if session.room else "", place) if part
                ),
                url=url,
            )
        )
    return calendar_bytes(event.title, entries)


def agenda_calendar(participant: Participant, meetings: Iterable[Meeting]) -> bytes:
    """A participant's scheduled meetings: with whom, at which table (or video link)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    event = participant.event
    url = settings.SITE_URL.rstrip("/") + reverse("events:agenda", kwargs={"pk": event.pk})
    entries = []
    for meeting in meetings:
        assert meeting.slot is not None
        other = meeting.other(participant)
        organisation = other.registration.organisation
        with_whom = f"{other}" + (f" ({organisation.name})" if organisation else "")
        if event.meeting_format == event.MeetingFormat.VIDEO:
            location = meeting.a.video_url or meeting.b.video_url or event.online_url
        else:
            location = _("Table %(table)d") % {"table": (meeting.table or 0) + 1}
            if event.venue:
                location += f", {event.venue}"
        entries.append(
            CalendarEntry(
                uid=uid("meeting", meeting.pk),
                starts_at=event.slot_starts_at(meeting.slot),
                ends_at=event.slot_ends_at(meeting.slot),
                summary=_("Meeting with %(name)s") % {"name": with_whom},
                description=other.headline,
                location=location,
                url=url,
            )
        )
    return calendar_bytes(f"{event.title}: {participant}", entries)
