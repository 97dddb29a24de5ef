"""Completed exchanges between the two countries count towards KPIs and the parks' index."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from hubs import services
from hubs.kpis import kpi_actual

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_exchange(network, park, partner, colleague):
    from exchanges.models import Application, Call
    from exchanges.models import Programme as ExchangeProgramme

    exchange_programme = ExchangeProgramme.objects.create(
        network=network, title="Silk Road fellowships", mobilities_per_year=4, min_duration=1, max_duration=6
    )
    call = Call.objects.create(
        programme=exchange_programme,
        title="Fellowships 2024",
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 3, 1),
        mobility_year=2024,
    )
    return Application.objects.create(
        reference="EXCH-TEST-1",
        call=call,
        applicant=colleague,
        home_organisation=park,
        host_organisation=partner,
        participant_type="researcher",
        career_stage="r2",
        duration=3,
        summary="Three months at the partner's calibration laboratory.",
        status=Application.Status.COMPLETED,
        completed_at=timezone.now(),
    )


def test_kpi_and_index_count_completed_exchanges(hub, owner, programme, completed_exchange):
    kpi = services.kpi_add(
        actor=owner, programme=programme, name="Exchanges", metric="exchanges_completed", target=3
    )
    assert kpi_actual(kpi, on=timezone.localdate()) == 1
    page = logged_in_client(owner).get(reverse("analytics:ranking")).content.decode()
    assert "Tabriz Science Park" in page and ">2.0<" in page  # one exchange weighs 2
    assert "Teknopark Istanbul" in page  # the host park counts it too
