# The need is written in Turkish, whose dotless i RUF001 would flag on every line.
# ruff: noqa: RUF001
"""An announced need asks the matching engine for candidate offers and the organisations behind them."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from core.models import Sector
from hubs import services
from marketplace import services as profile_services

pytestmark = pytest.mark.django_db


def _publish(*, owner, park, secretariat, title, description, sector):
    profile = profile_services.profile_create(
        actor=owner,
        owner=park,
        kind="TO",
        title=title,
        summary=title,
        description=description,
        sectors=[Sector.objects.get(code=sector)],
        partnership_types=["licence"],
    )
    profile_services.profile_submit(actor=owner, profile=profile)
    return profile_services.profile_publish(actor=secretariat, profile=profile)


def test_announced_need_lists_the_closest_offers_first(
    live_matching, hub, owner, park, secretariat, outsider
):
    calibration = _publish(
        owner=owner,
        park=park,
        secretariat=secretariat,
        title="Accredited calibration laboratory for medical devices",
        description="Our laboratory calibrates infusion pumps, ventilators and patient monitors (ISO 17025).",
        sector="metrology",
    )
    _publish(
        owner=owner,
        park=park,
        secretariat=secretariat,
        title="Saffron sorting machine",
        description="A machine that sorts saffron stigmas by colour with a camera.",
        sector="agriculture-food",
    )
    need = services.need_register(
        actor=owner,
        hub=hub,
        title="Tıbbi cihazlar için kalibrasyon hizmeti",  # Turkish: calibration of medical devices
        description=(
            "Doğu Anadolu'daki hastaneler tıbbi cihazlarının kalibrasyonu için akredite laboratuvar arıyor."
        ),
        source="visit",
        identified_on=datetime.date(2024, 5, 1),
    )
    services.need_announce(actor=owner, need=need, visibility="members")

    page = logged_in_client(owner).get(reverse("hubs:need_detail", args=[need.pk])).content.decode()
    candidates = page[page.index('id="need-candidates"') :]
    assert calibration.title in candidates
    assert "Saffron sorting machine" not in candidates  # not relevant, so not a candidate at all
    assert "Tabriz Science Park" in candidates  # the organisation behind the offer
    # people outside the desk see the announced need, not the desk's candidate list
    outsider_page = (
        logged_in_client(outsider).get(reverse("hubs:need_detail", args=[need.pk])).content.decode()
    )
    assert 'id="need-candidates"' not in outsider_page
