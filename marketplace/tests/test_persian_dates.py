"""Persian readers see and type a profile's dates in the Solar Hijri calendar (issue 15); other languages
keep their locale's format, and the stored date is always the Gregorian day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import logged_in_client
from marketplace.models import Profile
from marketplace.tests.test_attachments import form_data

pytestmark = pytest.mark.django_db

# The Gregorian month names, in English and as Django's Persian catalogue writes them.
GREGORIAN_MONTHS = ("December", "Dec.", "January", "Jan.", "دسامبر", "ژانویه", "نوامبر", "فوریه")


def persian(user):
    user.preferred_language = "fa"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_profile_page_shows_its_deadline_in_the_solar_hijri_calendar_in_persian(owner, make_profile):
    profile = make_profile()
    Profile.objects.filter(pk=profile.pk).update(deadline=datetime.date(2027, 1, 15))

    page = logged_in_client(persian(owner)).get(reverse("marketplace:profile_detail", args=[profile.pk]))

    text = page.content.decode()
    assert "۲۵ دی ۱۴۰۵" in text  # 15 January 2027
    assert not [month for month in GREGORIAN_MONTHS if month in text]


def test_the_profile_page_keeps_the_english_format_in_english(owner, make_profile):
    profile = make_profile()
    Profile.objects.filter(pk=profile.pk).update(deadline=datetime.date(2027, 1, 15))

    text = (
        logged_in_client(owner).get(reverse("marketplace:profile_detail", args=[profile.pk])).content.decode()
    )

    assert "Jan. 15, 2027" in text
    assert "۱۴۰۵" not in text


def test_a_persian_reader_types_a_solar_hijri_deadline_and_the_gregorian_day_is_stored(owner, park):
    client = logged_in_client(persian(owner))
    form = client.get(reverse("marketplace:profile_create")).content.decode()
    assert 'name="deadline"' in form and 'type="text" name="deadline"' in form

    response = client.post(
        reverse("marketplace:profile_create"),
        form_data(owner=park.pk, deadline="۱۴۱۰/۰۱/۰۱"),  # noqa: RUF001  # Nowruz 1410
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Profile.objects.get().deadline == datetime.date(2031, 3, 21)


def test_an_impossible_solar_hijri_deadline_is_refused_beside_the_field_and_nothing_is_saved(owner, park):
    response = logged_in_client(persian(owner)).post(
        reverse("marketplace:profile_create"),
        form_data(owner=park.pk, deadline="1410/12/30"),  # 1410 is not a leap year: Esfand has 29 days
    )

    with translation.override("fa"):
        expected = translation.gettext(
            "This day does not exist in the calendar: check the day and the month."
        )
    assert response.context["form"].errors.as_data()["deadline"][0].code == "impossible"
    page = response.content.decode()
    assert expected in page  # beside the field, in Persian
    assert 'value="1410/12/30"' in page  # what was typed is kept
    assert not Profile.objects.exists()
