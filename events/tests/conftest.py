import datetime

import pytest
from django.test import Client
from django.utils import timezone

from accounts.services import api_token_create
from directory.models import Organisation, OrganisationMembership, Role
from events import services
from events.models import Event


@pytest.fixture
def api_client():
    """`api_client(user)`: a client sending a fresh personal API token of `scope` on every request."""

    def make(user, *, scope: str = "read_write") -> Client:
        _token, plaintext = api_token_create(user=user, name="events tests", scope=scope)
        return Client(headers={"Authorization": f"Bearer {plaintext}"})

    return make


@pytest.fixture
def starts_at():
    return (timezone.now() + datetime.timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)


@pytest.fixture
def forum(owner, park, starts_at):
    """A published forum organised by the park, with one room and one session."""
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Tabriz Innovation Forum",
        kind=Event.Kind.FORUM,
        description="Parks, start-ups and investors; talks, a panel; coffee.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        venue="Tabriz Science Park, Hall A",
        city="Tabriz",
    )
    room = services.room_add(actor=owner, event=event, name="Hall A")
    services.session_add(
        actor=owner,
        event=event,
        title="Opening: parks, regions; and the Silk Road",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        room=room,
        speakers="Owner Parvin",
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    return event


@pytest.fixture
def brokerage(owner, park, starts_at):
    event = services.event_create(
        actor=owner,
        organisers=[park],
        title="Silk Road B2B Day",
        kind=Event.Kind.BROKERAGE,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        venue="Tabriz Science Park",
        meetings_start_at=starts_at + datetime.timedelta(hours=1),
        slot_minutes=30,
        slot_count=4,
        table_count=2,
        max_meetings_per_participant=3,
        max_requests_per_participant=3,
    )
    services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    return event


@pytest.fixture
def company_person(make_user):
    """`company_person("name")`: a new user, admin of a new company."""

    def make(name: str, country: str = "KG"):
        organisation = Organisation.objects.create(
            name=f"{name} LLC", kind=Organisation.Kind.COMPANY, country=country
        )
        user = make_user(f"{name.lower()}@{name.lower()}.example", full_name=name)
        OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
        return user

    return make


@pytest.fixture
def participant_of():
    """`participant_of(event, user)`: registers `user` and returns their brokerage entry."""

    def make(event, user):
        organisation = Organisation.objects.filter(memberships__user=user).first()
        registration = services.registration_create(actor=user, event=event, organisation=organisation)
        return registration.participant

    return make
