"""The demo's exchanges (seed 003 and the OTS fellowship call) load through the services, at
different stages, and a second run creates nothing."""

import pytest

from accounts.models import User
from demo.exchanges import EXCHANGE_TITLE, OTS_CALL, demo_exchanges_load
from directory.models import Organisation
from exchanges.models import Application, Document, Placement, Programme

# The demo that load_demo creates, loaded once for the session (conftest.py `demo`).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _load() -> list[str]:
    return demo_exchanges_load(
        organisations_by_name={
            organisation.name: organisation for organisation in Organisation.objects.all()
        },
        users_by_email={user.email: user for user in User.objects.all()},
    )


def test_demo_exchanges_load_at_different_stages_and_idempotently():
    assert _load() == []  # load_demo already ran it; nothing is left to create

    exchange = Programme.objects.get(title=EXCHANGE_TITLE)
    assert exchange.sending_countries == ["UZ"] and exchange.host_countries == ["KR"]
    assert Placement.objects.filter(host__name="Gyeonggi Bio Center").exists()
    completed = Application.objects.get(call__programme=exchange)
    assert completed.status == Application.Status.COMPLETED
    assert set(completed.documents.values_list("kind", flat=True)) == set(Document.Kind.values)
    stages = set(Application.objects.filter(call__title=OTS_CALL).values_list("status", flat=True))
    assert stages == {"draft", "submitted", "under_review", "offered"}
