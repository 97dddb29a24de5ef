"""iCalendar (RFC 5545) files of an event's timetable and of a participant's agenda, written with the
`icalendar` library.

Times are the venue's clock with its zone: `DTSTART;TZID=Asia/Tehran:20260512T080000`, and the file
carries a VTIMEZONE for every TZID it uses (built by icalendar from the tz database), so Google
Calendar, Outlook and Apple Calendar show the meeting at the right instant whatever the reader's own
zone, and the venue's time when they look at the event's details. An event in UTC is written in UTC
(`...Z`). icalendar writes CRLF line ends, folds lines at 75 octets and escapes TEXT values.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.utils import timezone

from core.timezones import zone_info
from events.models import Event, Meeting, Participant, Session

PRODUCT_ID = "-//ParkLink//Events//EN"
# VTIMEZONE rules cover the years around the event (icalendar's default stops in 2038).
ZONE_YEARS_AROUND = 2


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


def calendar_bytes(
    name: str,
    entries: Iterable[CalendarEntry],
    *,
    time_zone: str = "UTC",
    now: datetime.datetime | None = None,
) -> bytes:
    """A VCALENDAR of `entries`, their times in `time_zone` (the venue's)."""
    zone = zone_info(time_zone)
    calendar = icalendar.Calendar.new(prodid=PRODUCT_ID, method="PUBLISH", calscale="GREGORIAN", name=name)
    # `name` also writes X-WR-CALNAME, which Google and Outlook read; X-WR-TIMEZONE is their zone hint.
    calendar.add("X-WR-TIMEZONE", zone.key)
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    years: list[int] = []
    for entry in entries:
        starts_at, ends_at = entry.starts_at.astimezone(zone), entry.ends_at.astimezone(zone)
        years += [starts_at.year, ends_at.year]
        vevent = icalendar.Event.new(
            uid=entry.uid,
            stamp=stamp,
            start=starts_at,
            end=ends_at,
            summary=entry.summary,
            description=entry.description or None,
            location=entry.location or None,
            url=entry.url or None,
        )
        calendar.add_component(vevent)
    if years:
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years) - ZONE_YEARS_AROUND, 1, 1),
            last_date=datetime.date(max(years) + ZONE_YEARS_AROUND, 1, 1),
        )
    return calendar.to_ical()


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
    return calendar_bytes(event.title, entries, time_zone=event.time_zone)


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
    return calendar_bytes(f"{event.title}: {participant}", entries, time_zone=event.time_zone)
