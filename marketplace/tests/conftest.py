"""Marketplace fixtures on top of the project's personas (conftest.py at the root).

`make_profile(...)` builds a profile through `profile_create` as `owner` of Tabriz Science Park and can
move it through the workflow (`status="published"` submits it and has the secretariat publish it).
Media files go to a temporary directory.
"""

import io

import pytest
from PIL import Image
from pypdf import PdfWriter

from core.models import Sector
from directory.models import Organisation, OrganisationMembership, Role
from marketplace import services
from marketplace.models import Profile
from networks.models import NetworkMembership


@pytest.fixture(autouse=True)
def temporary_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def profile_arguments(**overrides):
    arguments = {
        "kind": Profile.Kind.TECHNOLOGY_OFFER,
        "title": "Drip irrigation controller for arid orchards",
        "summary": "A solar-powered controller that cuts orchard water use by a third.",
        "description": "Our park's laboratory developed a controller that schedules drip irrigation "
        "from soil moisture sensors and weather forecasts, tested on pistachio orchards.",
        "sectors": [Sector.objects.get(code="agriculture-food")],
        "partnership_types": ["licence"],
    }
    arguments.update(overrides)
    return arguments


@pytest.fixture
def make_profile(owner, park, secretariat):
    def make(*, status: str = Profile.Status.DRAFT, actor=None, organisation=None, now=None, **overrides):
        profile = services.profile_create(
            actor=actor or owner, owner=organisation or park, now=now, **profile_arguments(**overrides)
        )
        if status in (Profile.Status.SUBMITTED, Profile.Status.PUBLISHED, Profile.Status.RETURNED):
            profile = services.profile_submit(actor=actor or owner, profile=profile, now=now)
        if status == Profile.Status.PUBLISHED:
            profile = services.profile_publish(actor=secretariat, profile=profile, now=now)
        if status == Profile.Status.RETURNED:
            profile = services.profile_return(actor=secretariat, profile=profile, comments="Say more.")
        return profile

    return make


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# The first bytes of a Linux executable, renamed report.pdf by whoever hopes nobody looks inside.
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


@pytest.fixture
def network_peer(make_user, network):
    """Someone from another park in the same network as Tabriz Science Park."""
    peer_park = Organisation.objects.create(
        name="Isfahan Science Park", kind=Organisation.Kind.SCIENCE_PARK, country="IR"
    )
    NetworkMembership.objects.create(
        network=network, member=peer_park, status=NetworkMembership.Status.ACTIVE
    )
    user = make_user("peer@isfahan-park.example")
    OrganisationMembership.objects.create(user=user, organisation=peer_park, role=Role.MEMBER)
    return user
