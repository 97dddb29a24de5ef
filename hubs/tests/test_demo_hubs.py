import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from conftest import logged_in_client
from demo.hubs import MOU_TITLE, demo_hubs_load
from directory.models import Organisation
from hubs.models import Agreement, Hub, Interaction, Need, Programme

# The demo that load_demo creates, loaded once for the session (conftest.py `demo`).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _load_again() -> list[str]:
    return demo_hubs_load(
        organisations_by_name={
            organisation.name: organisation for organisation in Organisation.objects.all()
        },
        users_by_email={user.email: user for user in User.objects.all()},
    )


def test_demo_has_the_two_hubs_of_seed_001_and_a_second_run_adds_nothing():
    hubs = Hub.objects.filter(host__name="East Azerbaijan Science and Technology Park")
    assert set(hubs.values_list("partner_country", flat=True)) == {"CN", "TR"}
    assert hubs.get(partner_country="CN").designated_on == datetime.date(2022, 6, 22)  # 1 Tir 1401
    memorandum = Agreement.objects.get(title=MOU_TITLE)
    assert memorandum.status == Agreement.Status.SIGNED
    assert set(memorandum.parties.values_list("organisation__name", flat=True)) == {
        "East Azerbaijan Science and Technology Park",
        "SCO Economic and Trade Cooperation Town",
    }
    assert Need.objects.count() == 3 and Interaction.objects.count() == 5 and Programme.objects.count() == 1
    assert _load_again() == []


def test_persian_interface_shows_the_china_hub_opened_on_1_tir_1401():
    manager = User.objects.get(email="parkmanager@demo.parklink.org")
    hub = Hub.objects.get(partner_country="CN")
    client = logged_in_client(manager)
    with translation.override("fa"):
        page = client.get(
            reverse("hubs:hub_detail", args=[hub.pk]), HTTP_ACCEPT_LANGUAGE="fa"
        ).content.decode()
    assert "۱ تیر ۱۴۰۱" in page  # noqa: RUF001
