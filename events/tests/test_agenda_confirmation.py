"""Publishing the final agenda notifies every participant with a scheduled meeting at once, so the
schedule page says how many before the organiser confirms (issue 16, item 5)."""

import pytest
from django.urls import reverse

from conftest import logged_in_client
from core.models import Notification
from events import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_meetings(brokerage, company_person, participant_of):
    """Four participants and three accepted meetings among them."""
    people = [company_person(name) for name in ("Asel", "Bolot", "Chyngyz", "Dinara")]
    entries = [participant_of(brokerage, person) for person in people]
    for i, j in ((0, 1), (0, 2), (2, 3)):
        request = services.meeting_request_send(
            actor=people[i], requester=entries[i], recipient=entries[j], message="Hi"
        )
        services.meeting_request_accept(actor=people[j], request=request)
    return people, entries


def schedule_page(client, event) -> str:
    return client.get(reverse("events:schedule", kwargs={"pk": event.pk})).content.decode()


def test_the_schedule_page_says_how_many_participants_publishing_notifies(
    owner, brokerage, accepted_meetings
):
    client = logged_in_client(owner)
    client.post(reverse("events:schedule_run", kwargs={"pk": brokerage.pk}))

    page = schedule_page(client, brokerage)

    assert 'id="agenda-confirm"' in page
    assert "Publish the final agenda…" in page
    assert "The agenda becomes final and 4 participants with scheduled meetings are notified at once." in page
    assert "Yes, publish and notify 4 participants" in page
    assert not Notification.objects.filter(topic="events.agenda_final").exists()

    client.post(reverse("events:agenda_publish", kwargs={"pk": brokerage.pk}), {"confirmed": "1"})
    assert Notification.objects.filter(topic="events.agenda_final").count() == 4


def test_a_participant_cannot_see_the_count_nor_publish(brokerage, accepted_meetings):
    people, _entries = accepted_meetings
    client = logged_in_client(people[0])
    assert client.get(reverse("events:schedule", kwargs={"pk": brokerage.pk})).status_code in {403, 404}
    response = client.post(reverse("events:agenda_publish", kwargs={"pk": brokerage.pk}), {"confirmed": "1"})
    assert response.status_code in {403, 404}
    assert not Notification.objects.filter(topic="events.agenda_final").exists()
