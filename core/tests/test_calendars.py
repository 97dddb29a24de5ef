import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.calendars import from_solar_hijri, is_leap_year, to_solar_hijri

KNOWN_DATES = [
    (datetime.date(2022, 3, 21), (1401, 1, 1)),  # Nowruz 1401
    (datetime.date(2022, 6, 22), (1401, 4, 1)),  # 1 Tir 1401: the China hub opened that month
    (datetime.date(2022, 12, 6), (1401, 9, 15)),
    (datetime.date(2023, 3, 20), (1401, 12, 29)),
    (datetime.date(2023, 3, 21), (1402, 1, 1)),
    (datetime.date(2024, 3, 20), (1403, 1, 1)),  # Nowruz fell on 20 March in 2024
    (datetime.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year
    (datetime.date(1979, 2, 11), (1357, 11, 22)),
    (datetime.date(2000, 1, 1), (1378, 10, 11)),
]


@pytest.mark.parametrize(("gregorian", "solar_hijri"), KNOWN_DATES)
def test_known_dates_convert_both_ways(gregorian, solar_hijri):
    converted = to_solar_hijri(gregorian)
    assert (converted.year, converted.month, converted.day) == solar_hijri
    assert from_solar_hijri(*solar_hijri) == gregorian


def test_leap_years_follow_the_33_year_cycle():
    assert [year for year in range(1395, 1412) if is_leap_year(year)] == [1395, 1399, 1403, 1408]


def test_every_day_of_two_centuries_round_trips():
    day = datetime.date(1925, 3, 21)
    while day < datetime.date(2125, 1, 1):
        converted = to_solar_hijri(day)
        assert from_solar_hijri(converted.year, converted.month, converted.day) == day
        day += datetime.timedelta(days=1)


def test_impossible_dates_are_refused():
    with pytest.raises(ValueError):
        from_solar_hijri(1402, 12, 30)  # 1402 is not a leap year
    with pytest.raises(ValueError):
        from_solar_hijri(1401, 13, 1)


def test_template_filter_shows_solar_hijri_only_in_persian():
    template = Template("{{ day|local_date }}")
    context = Context({"day": datetime.date(2022, 6, 22)})
    with translation.override("fa"):
        persian = template.render(context)
    with translation.override("en"):
        english = template.render(context)
    assert persian == "۱ تیر ۱۴۰۱"  # noqa: RUF001
    assert "2022" in english


def test_formatting_outside_persian_uses_latin_digits():
    from core.calendars import format_solar_hijri

    assert format_solar_hijri(datetime.date(2022, 3, 21), persian=False) == "1 Farvardin 1401"


# Formatting for people, in every language, through core.calendars and the template filters.

A_DAY = datetime.date(2026, 12, 6)  # 15 Azar 1405


def test_persian_formats_show_the_solar_hijri_calendar_in_persian_digits():
    from core.calendars import format_local_date, format_local_short_date

    assert format_local_date(A_DAY, "fa") == "۱۵ آذر ۱۴۰۵"  # noqa: RUF001
    assert format_local_short_date(A_DAY, "fa") == "۱۴۰۵/۰۹/۱۵"  # noqa: RUF001


def test_other_languages_keep_their_locale_format():
    from core.calendars import format_local_date, format_local_short_date

    assert format_local_date(A_DAY, "en") == "Dec. 6, 2026"
    assert format_local_date(A_DAY, "ru") == "6 декабря 2026 г."  # noqa: RUF001
    assert format_local_short_date(A_DAY, "ru") == "06.12.2026"


def test_aware_datetimes_are_shown_in_the_active_time_zone():
    # 22:30 UTC on 6 December is already 7 December (16 Azar) in Tehran, 02:00 local time.
    moment = datetime.datetime(2026, 12, 6, 22, 30, tzinfo=datetime.UTC)
    template = Template(
        "{{ moment|local_date }}|{{ moment|local_datetime }}|{{ moment|local_short_datetime }}"
    )
    with translation.override("fa"), timezone.override("Asia/Tehran"):
        day, full, short = template.render(Context({"moment": moment})).split("|")
    assert day == "۱۶ آذر ۱۴۰۵"
    assert full == "۱۶ آذر ۱۴۰۵، ۰۲:۰۰"  # noqa: RUF001
    assert short == "۱۴۰۵/۰۹/۱۶ ۰۲:۰۰"  # noqa: RUF001
    with translation.override("en"), timezone.override("UTC"):
        assert template.render(Context({"moment": moment})).split("|")[0] == "Dec. 6, 2026"


def test_filters_read_iso_strings_and_leave_empty_values_empty():
    template = Template("[{{ kept|local_short_date }}][{{ missing|local_date }}]")
    with translation.override("fa"):
        rendered = template.render(Context({"kept": "2026-12-06", "missing": None}))
    assert rendered == "[۱۴۰۵/۰۹/۱۵][]"  # noqa: RUF001


@pytest.mark.parametrize(
    "typed",
    ["۱۴۰۵/۰۹/۱۵", "1405/9/15", "1405-09-15", "١٤٠٥/٠٩/١٥", " 1405 / 09 / 15 ", "2026-12-06"],  # noqa: RUF001
)
def test_persian_readers_type_solar_hijri_or_iso_dates(typed):
    from core.calendars import parse_local_date

    assert parse_local_date(typed) == A_DAY


def test_impossible_and_unreadable_dates_are_told_apart():
    from core.calendars import ImpossibleDate, parse_local_date

    with pytest.raises(ImpossibleDate):
        parse_local_date("1405/12/30")  # 1405 is not a leap year
    with pytest.raises(ImpossibleDate):
        parse_local_date("2026-02-30")
    with pytest.raises(ValueError) as unreadable:
        parse_local_date("next Tuesday")
    assert not isinstance(unreadable.value, ImpossibleDate)


def _date_form():
    from django import forms

    from core.forms import LocalDateField

    class DateForm(forms.Form):
        day = LocalDateField(label="Day")

    return DateForm


def test_the_date_field_shows_and_takes_solar_hijri_in_persian():
    form_class = _date_form()
    with translation.override("fa"):
        shown = str(form_class(initial={"day": A_DAY})["day"])
        typed = form_class(data={"day": "۱۴۰۵/۰۹/۱۵"})  # noqa: RUF001
        assert typed.is_valid(), typed.errors
    assert 'type="text"' in shown and 'value="۱۴۰۵/۰۹/۱۵"' in shown  # noqa: RUF001
    assert typed.cleaned_data["day"] == A_DAY


def test_the_date_field_names_an_impossible_day_in_the_readers_language():
    form_class = _date_form()
    with translation.override("fa"):
        form = form_class(data={"day": "1405/12/30"})
        assert not form.is_valid()
        assert form.errors["day"][0] == str(
            _("This day does not exist in the calendar: check the day and the month.")
        )
        assert 'value="1405/12/30"' in str(form["day"])  # what was typed stays in the field


def test_the_date_field_keeps_the_browser_picker_outside_persian():
    form_class = _date_form()
    with translation.override("en"):
        shown = str(form_class(initial={"day": A_DAY})["day"])
        assert not form_class(data={"day": "1405/09/15"}).is_valid()
        assert form_class(data={"day": "2026-12-06"}).is_valid()
    assert 'type="date"' in shown and 'value="2026-12-06"' in shown


def test_the_date_and_time_field_takes_solar_hijri_in_the_current_time_zone():
    from django import forms

    from core.forms import LocalDateTimeField

    class MomentForm(forms.Form):
        at = LocalDateTimeField(label="At")

    with translation.override("fa"), timezone.override("Asia/Tehran"):
        shown = str(
            MomentForm(initial={"at": datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.UTC)})["at"]
        )
        typed = MomentForm(data={"at": "۱۴۰۵/۰۹/۱۵ ۱۴:۳۰"})  # noqa: RUF001
        assert typed.is_valid(), typed.errors
        impossible = MomentForm(data={"at": "1405/12/30 10:00"})
        assert not impossible.is_valid()
        expected = _("This day or time does not exist: check the day, the month and the time.")
        assert impossible.errors["at"] == [expected]  # read, as shown, in Persian
    assert 'value="۱۴۰۵/۰۹/۱۵ ۱۳:۳۰"' in shown  # noqa: RUF001  # 10:00 UTC is 13:30 in Tehran
    assert typed.cleaned_data["at"] == datetime.datetime(2026, 12, 6, 11, 0, tzinfo=datetime.UTC)
