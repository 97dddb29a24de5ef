"""Forms of core's own pages, and the contract between services and every app's forms: a service raises
`field_error(...)` about one input, and a page shows it beside that field with `add_service_errors`."""

import datetime
import hashlib
from collections.abc import Collection
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.calendars import (
    PERSIAN_DIGITS,
    ImpossibleDate,
    is_persian,
    parse_local_date,
    parse_local_datetime,
    solar_hijri_numeric,
)


class LocalDateInput(forms.DateInput):
    """The browser's date picker (<input type="date">, ISO value) in every language but Persian, where a
    text input shows and takes the day in the Solar Hijri calendar (1405/09/15, in Persian digits):
    browsers' pickers know only the Gregorian calendar."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={key: value for key, value in (attrs or {}).items() if key != "type"})
        self.format = "%Y-%m-%d"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return solar_hijri_numeric(value) if is_persian() else value.isoformat()
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if is_persian():
            widget = context["widget"]
            widget["type"] = "text"
            widget["attrs"] = {
                key: value for key, value in widget["attrs"].items() if key not in ("min", "max")
            } | {
                "placeholder": solar_hijri_numeric(timezone.localdate()),  # today, as an example
                "inputmode": "numeric",
                "dir": "ltr",
                "autocomplete": "off",
            }
        return context


class LocalDateField(forms.DateField):
    """A date field every app's forms use: in Persian it reads the Solar Hijri calendar ("1405/09/15" or
    "1405/9/15", in Persian or Latin digits) as well as a Gregorian ISO date ("2026-12-06"); elsewhere it is
    Django's DateField behind the browser's date picker."""

    widget = LocalDateInput
    default_error_messages = {
        "invalid_local": _("Enter a date such as 1405/09/15 (Solar Hijri) or 2026-12-06."),
        "impossible": _("This day does not exist in the calendar: check the day and the month."),
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, str) and value.strip() and is_persian():
            try:
                return parse_local_date(value)
            except ImpossibleDate as error:
                raise ValidationError(self.error_messages["impossible"], code="impossible") from error
            except ValueError as error:
                raise ValidationError(self.error_messages["invalid_local"], code="invalid") from error
        return super().to_python(value)


class LocalDateTimeInput(forms.DateTimeInput):
    """<input type="datetime-local"> in every language but Persian, where a text input shows and takes
    the Solar Hijri day and the time (1405/09/15 14:30, in Persian digits)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={key: value for key, value in (attrs or {}).items() if key != "type"})
        self.format = "%Y-%m-%dT%H:%M"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.datetime) and is_persian():
            return f"{solar_hijri_numeric(value.date())} {value:%H:%M}".translate(PERSIAN_DIGITS)
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if is_persian():
            widget = context["widget"]
            widget["type"] = "text"
            widget["attrs"] = {
                key: value for key, value in widget["attrs"].items() if key not in ("min", "max", "step")
            } | {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}
        return context


class LocalDateTimeField(forms.DateTimeField):
    """LocalDateField's twin for a day and a time: in Persian "1405/09/15 14:30" (Persian or Latin
    digits) or ISO "2026-12-06T14:30", read in the current time zone; elsewhere Django's DateTimeField."""

    widget = LocalDateTimeInput
    default_error_messages = {
        "invalid_local": _(
            "Enter a date and time such as 1405/09/15 14:30 (Solar Hijri) or 2026-12-06 14:30."
        ),
        "impossible": _("This day or time does not exist: check the day, the month and the time."),
    }

    def to_python(self, value: Any) -> datetime.datetime | None:
        if isinstance(value, str) and value.strip() and is_persian():
            try:
                moment = parse_local_datetime(value)
            except ImpossibleDate as error:
                raise ValidationError(self.error_messages["impossible"], code="impossible") from error
            except ValueError as error:
                raise ValidationError(self.error_messages["invalid_local"], code="invalid") from error
            return from_current_timezone(moment)
        return super().to_python(value)


def local_date_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """`formfield_callback` for model forms: their date fields become LocalDateField (keeping the
    attributes of any DateInput the form's Meta.widgets gives, such as `min`)."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        widget = kwargs.pop("widget", None)
        attrs = dict(widget.attrs) if isinstance(widget, forms.Widget) else {}
        return db_field.formfield(form_class=LocalDateField, widget=LocalDateInput(attrs=attrs), **kwargs)
    return db_field.formfield(**kwargs)


class AuditTrailFilterForm(forms.Form):
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    actor_email = forms.EmailField(label=_("User (email)"), required=False)
    occurred_from = LocalDateField(label=_("From"), required=False)
    occurred_to = LocalDateField(label=_("To"), required=False)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("occurred_from"), cleaned.get("occurred_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return cleaned


def field_error(
    field: str, message: StrOrPromise, *, code: str, params: dict[str, Any] | None = None
) -> ValidationError:
    """A ValidationError about one input field, so forms show it beside the field and the API names it."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def add_service_errors(form: forms.BaseForm, error: ValidationError, *more_forms: forms.BaseForm) -> None:
    """Show a service's ValidationError beside the visible fields it names, and the rest above the form.

    A page that submits several forms at once passes them all: each reason goes beside its field in
    whichever form shows that field, and what no form shows goes above the first."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        shown_in = next(
            (
                candidate
                for candidate in (form, *more_forms)
                if field in candidate.fields and not candidate.fields[field].widget.is_hidden
            ),
            None,
        )
        if shown_in is None:
            form.add_error(None, errors)
        else:
            shown_in.add_error(field, errors)


# How long a list page keeps its filter widgets' HTML (`{% cache %}` with `filter_widgets_cache_key`).
FILTER_WIDGETS_CACHE_SECONDS = 300


def filter_widgets_cache_key(form: forms.Form, *, drawn_apart: Collection[str] = ("q",)) -> str | None:
    """The key under which a list page may keep the HTML of `form`'s filter widgets (every field but
    `drawn_apart`), with the interface language beside it: what each widget shows, which is its value
    and its choices (a taxonomy read from the database, the networks the viewer may see). A filter
    with every country, drawn for every request, cost a fifth of a list's time. None when the form has
    errors, which are drawn beside the widgets and are not kept."""
    if form.is_bound and form.errors:
        return None
    shown = [
        (
            name,
            form[name].value(),
            [(str(value), str(label)) for value, label in getattr(field, "choices", ())],
        )
        for name, field in form.fields.items()
        if name not in drawn_apart
    ]
    return hashlib.sha256(repr(shown).encode()).hexdigest()
