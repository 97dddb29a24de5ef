import datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

A_DATE = datetime.date(2022, 1, 1)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_interface_language_formats_dates_and_numbers(language):
    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ area|floatformat:"2g" }}')
    with translation.override(language):
        day, area = template.render(Context({"day": A_DATE, "area": 662000.5})).split("|")
    assert "2022" in day
    assert "662" in area and "000" in area


def test_kazakh_uses_its_own_formats_not_english():
    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ area|floatformat:"2g" }}')
    with translation.override("kk"):
        rendered = template.render(Context({"day": A_DATE, "area": 662000.5}))
    day, area = rendered.split("|")
    assert day.lower() == "2022 ж. 1 қаңтар"
    assert area == "662\xa0000,50"


def test_russian_groups_thousands_with_a_space_and_a_decimal_comma():
    with translation.override("ru"):
        rendered = Template('{{ area|floatformat:"2g" }}').render(Context({"area": 662000.5}))
    assert rendered == "662\xa0000,50"
