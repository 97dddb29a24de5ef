"""`{{ day|local_date }}`: the date in the Solar Hijri calendar when the interface is Persian, and in
the active language's usual format otherwise."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

from core.calendars import format_solar_hijri

register = template.Library()


@register.filter
def local_date(value: datetime.date | datetime.datetime | None) -> str:
    if not value:
        return ""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if (get_language() or "").split("-")[0] == "fa":
        return format_solar_hijri(day)
    return date_format(day)
