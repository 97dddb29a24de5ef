"""Hub fixtures on top of the project's personas (conftest.py at the root).

`hub`: Tabriz Science Park (the `owner`'s park, Iran) is the hub for Turkey, opened by `owner`;
`partner` is a Turkish technopark whose admin is `partner_admin`; `desk_park` takes part in the desk and
`desk_member` works there. `outsider` belongs to none of them.
"""

import datetime
import io

import pytest
from django.test import Client
from pypdf import PdfWriter

from accounts.services import api_token_create
from directory.models import Organisation, OrganisationMembership, Role
from hubs import services


@pytest.fixture(autouse=True)
def temporary_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pdf_bytes() -> bytes:
    """A real one-page PDF: agreement documents are checked by their content (`core.uploads`)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def api_client():
    def make(user, *, scope: str = "read_write") -> Client:
        _token, plaintext = api_token_create(user=user, name="hubs tests", scope=scope)
        return Client(headers={"Authorization": f"Bearer {plaintext}"})

    return make


@pytest.fixture
def partner(db):
    return Organisation.objects.create(
        name="Teknopark Istanbul", kind=Organisation.Kind.SCIENCE_PARK, country="TR", city="Istanbul"
    )


@pytest.fixture
def partner_admin(make_user, partner):
    user = make_user("admin@teknopark-istanbul.example", full_name="Partner Ayşe")
    OrganisationMembership.objects.create(user=user, organisation=partner, role=Role.ADMIN)
    return user


@pytest.fixture
def desk_park(db):
    return Organisation.objects.create(
        name="Urmia Science Park", kind=Organisation.Kind.SCIENCE_PARK, country="IR", city="Urmia"
    )


@pytest.fixture
def desk_member(make_user, desk_park):
    user = make_user("desk@urmia-park.example", full_name="Desk Dariush")
    OrganisationMembership.objects.create(user=user, organisation=desk_park, role=Role.MEMBER)
    return user


@pytest.fixture
def hub(owner, park, desk_park):
    return services.hub_create(
        actor=owner,
        host=park,
        partner_country="TR",
        mandate="Set up a technology and innovation desk for Turkey with the other parks.",
        designated_by="Ministry of Science, Research and Technology",
        designated_on=datetime.date(2023, 1, 15),
        desk_parks=[desk_park],
    )


@pytest.fixture
def agreement(hub, owner, park, partner):
    return services.agreement_draft(
        actor=owner,
        hub=hub,
        kind="mou",
        title="Memorandum on joint technology desks",
        text="Both parks open a desk for the other's companies.",
        parties=[park, partner],
        scope=["rd-collaboration", "smes"],
    )


@pytest.fixture
def programme(hub, owner):
    return services.programme_create(
        actor=owner,
        hub=hub,
        title="Short-term programme with Turkey",
        horizon="short",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        objectives="Sign two agreements and host three delegations.",
    )
