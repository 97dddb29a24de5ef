"""The events demo on the seed organisations it relies on (built here, so that the test does not pay
for the whole demo loader): a scheduled brokerage of sixty and a forum with a timetable, loaded once."""

import pytest

from accounts.models import User
from demo.events import BROKERAGE_TITLE, FORUM_TITLE, TABRIZ, demo_events_load
from directory.models import Organisation, OrganisationMembership, Role
from events.models import Event, Meeting, MeetingRequest, Participant

pytestmark = pytest.mark.django_db
SEED_ORGANISATIONS = (TABRIZ, "AST Technology Center", "Pangyo Techno Valley", "Toshkent Farma Park")


def _load() -> list[str]:
    return demo_events_load(
        organisations_by_name={
            organisation.name: organisation for organisation in Organisation.objects.all()
        },
        users_by_email={user.email: user for user in User.objects.all()},
    )


def test_demo_has_a_scheduled_brokerage_of_sixty_and_a_forum_with_a_timetable_and_loads_once(make_user):
    organisations = [
        Organisation.objects.create(name=name, kind=Organisation.Kind.SCIENCE_PARK, country="IR")
        for name in SEED_ORGANISATIONS
    ]
    for email, organisation, role in (
        ("parkmanager@demo.parklink.org", organisations[0], Role.ADMIN),
        ("company@demo.parklink.org", organisations[2], Role.ADMIN),
        ("researcher@demo.parklink.org", organisations[1], Role.MEMBER),
    ):
        OrganisationMembership.objects.create(user=make_user(email), organisation=organisation, role=role)

    lines = _load()

    brokerage = Event.objects.get(title=BROKERAGE_TITLE)
    assert Participant.objects.filter(event=brokerage).count() == 60
    assert MeetingRequest.objects.filter(event=brokerage, status="accepted").count() >= 150
    placed = Meeting.objects.filter(event=brokerage, slot__isnull=False).count()
    run = brokerage.schedule_runs.get()
    assert placed == run.scheduled >= 0.95 * run.upper_bound
    assert brokerage.agenda_published_at is None
    forum = Event.objects.get(title=FORUM_TITLE)
    assert forum.sessions.count() == 6 and forum.rooms.count() == 2
    assert len(lines) == 4

    assert _load() == []
    assert Event.objects.count() == 2
