import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

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
