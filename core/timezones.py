"""Time zones: which zone a page is shown in, and how a time is written with its zone named.

Everything is stored in UTC (settings.TIME_ZONE). A page is rendered in the viewer's zone: their
account's `time_zone`, or for an anonymous visitor the zone their browser reported in a cookie
(static/parklink/parklink.js), else UTC. A venue's times (an event in Tabriz) are written in the
venue's zone with the zone named, and followed by the viewer's own time when their clocks differ,
as Indico does (indico/indico#5564).
"""

import datetime
import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton, get_timezone_location, get_timezone_name
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, to_locale
from django.utils.translation import gettext as _

from core.calendars import PERSIAN_DIGITS, format_local_date, is_persian

# The cookie in which the browser's zone (Intl.DateTimeFormat().resolvedOptions().timeZone) is kept
# for a visitor who is not logged in; parklink.js writes it.
ZONE_COOKIE_NAME = "parklink_tz"
ZONE_MAX_LENGTH = 64
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"})


@functools.cache
def available_zone_names() -> tuple[str, ...]:
    """Every IANA zone name the installed tz database knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def is_time_zone(name: str) -> bool:
    return name in _zone_name_set()


@functools.cache
def _zone_name_set() -> frozenset[str]:
    return frozenset(available_zone_names())


def validate_time_zone(value: str) -> None:
    if value and not is_time_zone(value):
        raise ValidationError(
            gettext_lazy("“%(zone)s” is not a time zone. Choose a name from the list, such as Asia/Tehran."),
            code="invalid_time_zone",
            params={"zone": value},
        )


def zone_info(name: str | None) -> zoneinfo.ZoneInfo:
    """The zone called `name`, or UTC for an empty or unknown name."""
    if name and is_time_zone(name):
        return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo("UTC")


class TimeZoneInput(forms.TextInput):
    """A text box that suggests every zone name as one types (an HTML datalist): searchable by name
    ("Tehran", "Seoul"), which a select of six hundred zones is not."""

    template_name = "core/widgets/time_zone_input.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {**(attrs or {}), "autocomplete": "off", "spellcheck": "false"}
        # One list per field, so two zone fields on a page never share an id.
        attrs["list"] = f"{attrs.get('id') or name}-zone-names"
        context = super().get_context(name, value, attrs)
        context["zone_names"] = available_zone_names()
        return context


class TimeZoneField(forms.CharField):
    """An IANA zone name, checked against the installed tz database."""

    widget = TimeZoneInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", ZONE_MAX_LENGTH)
        super().__init__(**kwargs)
        self.validators.append(validate_time_zone)


class TimeZoneMiddleware:
    """Activates the viewer's zone for the request: their account's, else the browser's cookie, else UTC.

    Runs after AuthenticationMiddleware, which gives it `request.user`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        name = ""
        if user is not None and user.is_authenticated:
            name = getattr(user, "time_zone", "") or ""
        if not name:
            name = request.COOKIES.get(ZONE_COOKIE_NAME, "")[:ZONE_MAX_LENGTH]
        if name and is_time_zone(name):
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The thread may serve another request next; it starts from UTC.
            timezone.deactivate()


# Writing times with their zone -------------------------------------------------------------------


def _language() -> str:
    return get_language() or "en"


def _babel_locale() -> Locale:
    try:
        return Locale.parse(to_locale(_language()))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _digits(text: str) -> str:
    """Persian digits in the Persian interface, as core.calendars writes its dates."""
    return text.translate(PERSIAN_DIGITS) if is_persian() else text


def _is_utc(zone: zoneinfo.ZoneInfo) -> bool:
    return zone.key in UTC_NAMES


def utc_offset_text(moment: datetime.datetime) -> str:
    """UTC+03:30 for a time in Tehran, UTC for a time in UTC."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    if not offset:
        return _("UTC")
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\u2212"  # a minus sign, as CLDR writes offsets
    hours, minutes = divmod(abs(minutes), 60)
    return _digits(_("UTC%(offset)s") % {"offset": f"{sign}{hours:02d}:{minutes:02d}"})


def zone_name(zone: zoneinfo.ZoneInfo) -> str:
    """The zone's name in the active language ("Iran Time", "이란 시간"), from CLDR through babel."""
    if _is_utc(zone):
        return _("UTC")
    try:
        return str(get_timezone_name(zone, locale=_babel_locale()))
    except (LookupError, ValueError):
        return zone.key


def zone_city(zone: zoneinfo.ZoneInfo) -> str:
    """The zone's example city in the active language ("Seoul", "서울")."""
    if _is_utc(zone):
        return _("UTC")
    try:
        return str(get_timezone_location(zone, locale=_babel_locale(), return_city=True))
    except (LookupError, ValueError):
        return zone.key


def zone_label(name: str | None, at: datetime.datetime | None = None) -> str:
    """ "Iran Time (UTC+03:30)": the zone named, with its offset at `at` (now if not given)."""
    zone = zone_info(name)
    moment = (at or timezone.now()).astimezone(zone)
    if _is_utc(zone):
        return _("UTC")
    return _("%(zone)s (%(offset)s)") % {"zone": zone_name(zone), "offset": utc_offset_text(moment)}


def _clock(moment: datetime.datetime) -> str:
    return _digits(str(format_skeleton("Hm", moment, tzinfo=moment.tzinfo, locale=_babel_locale())))


def _span(start: datetime.datetime, end: datetime.datetime | None, *, with_date: bool) -> str:
    """08:00-17:00, or with the date (in the Solar Hijri calendar in Persian) when asked, or when the
    span crosses midnight."""
    if end is None:
        if with_date:
            return _("%(date)s, %(time)s") % {"date": format_local_date(start.date()), "time": _clock(start)}
        return _clock(start)
    if start.date() != end.date():
        return _("%(start_date)s, %(start_time)s – %(end_date)s, %(end_time)s") % {  # noqa: RUF001
            "start_date": format_local_date(start.date()),
            "start_time": _clock(start),
            "end_date": format_local_date(end.date()),
            "end_time": _clock(end),
        }
    times = _digits(str(format_interval(start, end, "Hm", tzinfo=start.tzinfo, locale=_babel_locale())))
    if with_date:
        return _("%(date)s, %(time)s") % {"date": format_local_date(start.date()), "time": times}
    return times


@dataclass(frozen=True)
class ZonedTime:
    """A time (or span) written at the venue with its zone named, and in the viewer's zone when their
    clock reads differently."""

    venue: str
    viewer: str
    start_iso: str

    def __str__(self) -> str:
        if self.viewer:
            return f"{self.venue} {self.viewer}"
        return self.venue


def venue_time(
    start: datetime.datetime | None,
    zone_name_: str | None,
    end: datetime.datetime | None = None,
    *,
    with_date: bool = False,
    name_zone: bool = True,
    viewer_zone: zoneinfo.ZoneInfo | None = None,
) -> ZonedTime:
    """`start` (to `end`) in the venue's zone, named, e.g. "08:00-17:00 Iran Time (UTC+03:30)", and
    "(11:30-20:30 your time, Seoul)" for a viewer in Seoul. The viewer's zone is the active one."""
    if start is None:
        return ZonedTime("", "", "")
    zone = zone_info(zone_name_)
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone) if end else None
    if not name_zone:  # a column or a label already names it
        venue = _span(local_start, local_end, with_date=with_date)
    elif _is_utc(zone):
        venue = _("%(time)s UTC") % {"time": _span(local_start, local_end, with_date=with_date)}
    else:
        venue = _("%(time)s %(zone)s (%(offset)s)") % {
            "time": _span(local_start, local_end, with_date=with_date),
            "zone": zone_name(zone),
            "offset": utc_offset_text(local_start),
        }
    viewer_tz = viewer_zone or timezone.get_current_timezone()
    own_start = start.astimezone(viewer_tz)
    viewer = ""
    if own_start.utcoffset() != local_start.utcoffset():
        own_end = end.astimezone(viewer_tz) if end else None
        # The viewer's date is named when it is not the venue's (Tehran's evening is Seoul's night).
        different_day = own_start.date() != local_start.date()
        viewer_key = getattr(viewer_tz, "key", "UTC")
        viewer = _("(%(time)s your time, %(city)s)") % {
            "time": _span(own_start, own_end, with_date=with_date or different_day),
            "city": zone_city(zoneinfo.ZoneInfo(viewer_key)) if viewer_key else _("UTC"),
        }
    return ZonedTime(venue, viewer, local_start.isoformat())


def venue_day(value: datetime.datetime | None, zone_name_: str | None) -> datetime.date | None:
    """The calendar day `value` falls on at the venue (what a certificate or a deadline means)."""
    if value is None:
        return None
    return value.astimezone(zone_info(zone_name_)).date()


def venue_clock(value: datetime.datetime, zone_name_: str | None) -> str:
    """Only the clock time at the venue, e.g. 08:00 (the slot lists, whose heading names the zone)."""
    return _clock(value.astimezone(zone_info(zone_name_)))


def venue_clock_span(start: datetime.datetime, end: datetime.datetime, zone_name_: str | None) -> str:
    zone = zone_info(zone_name_)
    return _span(start.astimezone(zone), end.astimezone(zone), with_date=False)


def to_venue_naive(value: datetime.datetime | None, zone_name_: str | None) -> datetime.datetime | None:
    """The wall-clock time at the venue, without a zone, for a datetime-local form field."""
    if value is None:
        return None
    return timezone.make_naive(value, zone_info(zone_name_))


def from_venue_naive(value: datetime.datetime | None, zone_name_: str | None) -> datetime.datetime | None:
    """A wall-clock time typed at the venue made an aware datetime in that zone (stored as UTC)."""
    if value is None:
        return None
    zone = zone_info(zone_name_)
    if timezone.is_aware(value):
        value = timezone.make_naive(value, timezone.get_current_timezone())
    return value.replace(tzinfo=zone)
