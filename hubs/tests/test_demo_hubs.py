import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from conftest import logged_in_client
from demo.hubs import MOU_TITLE, demo_hubs_load
from directory.models import Organisation
from hubs.models import Agreement, Hub, Interaction, Need, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_shared_ror_file(monkeypatch, tmp_path):
    monkeypatch.setenv("PARKLINK_DEMO_ROR_FILE", str(tmp_path / "absent.jsonl"))


@pytest.fixture(autouse=True)
def only_the_hubs_activities(monkeypatch):
    """The other apps' demo activities are theirs to test; these tests load the hubs' alone."""
    monkeypatch.setattr("demo.services.demo_events_load", lambda **arguments: [])
    monkeypatch.setattr("demo.services.demo_exchanges_load", lambda **arguments: [])


def _load_again() -> list[str]:
    return demo_hubs_load(
        organisations_by_name={
            organisation.name: organisation for organisation in Organisation.objects.all()
        },
        users_by_email={user.email: user for user in User.objects.all()},
    )


def test_demo_has_the_two_hubs_of_seed_001_and_a_second_run_adds_nothing():
    call_command("load_demo")
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
    call_command("load_demo")
    manager = User.objects.get(email="parkmanager@demo.parklink.org")
    hub = Hub.objects.get(partner_country="CN")
    client = logged_in_client(manager)
    with translation.override("fa"):
        page = client.get(
            reverse("hubs:hub_detail", args=[hub.pk]), HTTP_ACCEPT_LANGUAGE="fa"
        ).content.decode()
    assert "۱ تیر ۱۴۰۱" in page  # noqa: RUF001
