"""The notifications list dates each notification in the reader's calendar (issue 15)."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from core.models import Notification
from core.notifications import notification_send

pytestmark = pytest.mark.django_db

SENT = datetime.datetime(2026, 12, 6, 9, 30, tzinfo=datetime.UTC)


def _one_notification(user) -> None:
    notification_send(recipients=[user], topic="test", subject="Your profile was published")
    Notification.objects.filter(recipient=user).update(created_at=SENT)


def test_persian_readers_see_when_each_notification_came_in_the_solar_hijri_calendar(make_user, settings):
    settings.TIME_ZONE = "UTC"
    reader = make_user("mina@tabriz-park.example", preferred_language="fa")
    _one_notification(reader)

    text = logged_in_client(reader).get(reverse("core:notifications")).content.decode()

    assert "۱۴۰۵/۰۹/۱۵ ۰۹:۳۰" in text  # noqa: RUF001
    assert 'datetime="2026-12-06T09:30:00+00:00"' in text  # the machine-readable value stays ISO
    assert "12/06/2026" not in text and "دسامبر" not in text


def test_english_readers_see_their_short_format(make_user, settings):
    settings.TIME_ZONE = "UTC"
    reader = make_user("anna@tabriz-park.example")
    _one_notification(reader)

    text = logged_in_client(reader).get(reverse("core:notifications")).content.decode()

    assert "12/06/2026 9:30 a.m." in text
