"""Times with their zone named, in every template (a builtin, like `|local_date`).

- `{% venue_time event.starts_at event.time_zone end=event.ends_at date=True %}`: the time at the
  venue with its zone ("08:00-17:00 Iran Time (UTC+03:30)"), then the viewer's own time when their
  clock differs ("(11:30-20:30 your time, Seoul)"). `plain=True` gives text without markup (emails);
  `named=False` leaves the zone's name out where a heading gives it.
- `{% own_time request.expires_at %}`: a time in the viewer's zone, the zone named (deadlines).
- `{{ event.starts_at|venue_date:event.time_zone }}`: the day at the venue, as `|local_date` writes it.
- `{{ value|venue_clock:event.time_zone }}`: only the clock at the venue ("08:00").
- `{% zone_label event.time_zone event.starts_at %}`: "Iran Time (UTC+03:30)".
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core import timezones
from core.calendars import format_local_date

register = template.Library()


def _render(zoned: timezones.ZonedTime, plain: bool) -> str | SafeString:
    if plain or not zoned.venue:
        return str(zoned)
    if zoned.viewer:
        return format_html(
            '<time datetime="{}">{}</time> <span class="text-body-secondary">{}</span>',
            zoned.start_iso,
            zoned.venue,
            zoned.viewer,
        )
    return format_html('<time datetime="{}">{}</time>', zoned.start_iso, zoned.venue)


@register.simple_tag
def venue_time(
    value: datetime.datetime | None,
    zone: str | None,
    end: datetime.datetime | None = None,
    date: bool = False,
    plain: bool = False,
    named: bool = True,
) -> str | SafeString:
    return _render(timezones.venue_time(value, zone, end, with_date=date, name_zone=named), plain)


@register.simple_tag
def own_time(
    value: datetime.datetime | None,
    end: datetime.datetime | None = None,
    date: bool = True,
    plain: bool = False,
) -> str | SafeString:
    zone = getattr(timezone.get_current_timezone(), "key", "UTC")
    return _render(timezones.venue_time(value, zone, end, with_date=date), plain)


@register.filter
def venue_date(value: datetime.datetime | None, zone: str | None) -> str:
    day = timezones.venue_day(value, zone)
    return format_local_date(day) if day else ""


@register.filter
def venue_clock(value: datetime.datetime | None, zone: str | None) -> str:
    if value is None:
        return ""
    return timezones.venue_clock(value, zone)


@register.simple_tag
def zone_label(zone: str | None, at: datetime.datetime | None = None) -> str:
    return timezones.zone_label(zone, at)
