"""A membership's page shows its term in the Solar Hijri calendar to Persian readers (issue 15), and in
the locale's short format to everyone else."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from networks.models import NetworkMembership

pytestmark = pytest.mark.django_db


def fixed_term(membership: NetworkMembership) -> None:
    NetworkMembership.objects.filter(pk=membership.pk).update(
        valid_from=datetime.date(2026, 12, 6), valid_until=datetime.date(2027, 12, 5)
    )


def test_persian_readers_see_the_membership_term_in_the_solar_hijri_calendar(active_membership, owner):
    fixed_term(active_membership)
    owner.preferred_language = "fa"
    owner.save(update_fields=["preferred_language"])

    page = logged_in_client(owner).get(reverse("networks:membership_detail", args=[active_membership.pk]))

    text = page.content.decode()
    assert "۱۴۰۵/۰۹/۱۵ – ۱۴۰۶/۰۹/۱۴" in text  # noqa: RUF001
    assert "2026/12/6" not in text and "12/06/2026" not in text and "دسامبر" not in text


def test_english_readers_see_the_membership_term_in_their_short_format(active_membership, owner):
    fixed_term(active_membership)

    text = (
        logged_in_client(owner)
        .get(reverse("networks:membership_detail", args=[active_membership.pk]))
        .content.decode()
    )

    assert "12/06/2026 – 12/05/2027" in text  # noqa: RUF001
