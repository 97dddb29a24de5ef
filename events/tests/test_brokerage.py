"""The brokerage: entries, browsing participants, meeting requests with caps and expiry, availability."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from core.models import Notification
from events import services
from events.models import Meeting, MeetingRequest

pytestmark = pytest.mark.django_db
RequestStatus = MeetingRequest.Status


@pytest.fixture
def aibek(company_person):
    return company_person("Aibek", "KG")


@pytest.fixture
def dana(company_person):
    return company_person("Dana", "KZ")


def test_participant_browses_filters_and_asks_for_meeting_which_is_accepted(
    brokerage, aibek, dana, participant_of
):
    me = participant_of(brokerage, aibek)
    other = participant_of(brokerage, dana)
    services.participant_update(
        actor=dana,
        participant=other,
        headline="Drones for precision farming",
        offer="Sensors",
        seek="Distributors",
    )
    client = logged_in_client(aibek)
    found = client.get(reverse("events:participant_list", kwargs={"pk": brokerage.pk}), {"q": "drones"})
    assert "Drones for precision farming" in found.content.decode()
    none = client.get(reverse("events:participant_list", kwargs={"pk": brokerage.pk}), {"country": "IR"})
    assert "Drones for precision farming" not in none.content.decode()

    url = reverse("events:participant_detail", kwargs={"pk": brokerage.pk, "participant_pk": other.pk})
    refused = client.post(url, {"message": ""})
    assert "This field is required." in refused.content.decode()
    client.post(url, {"message": "Let us talk about distribution in Kyrgyzstan."})
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.status) == (me, other, RequestStatus.PENDING)
    assert Notification.objects.filter(recipient=dana, topic="events.meeting_requested").exists()

    logged_in_client(dana).post(reverse("events:meeting_request_accept", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    meeting = Meeting.objects.get()
    assert (meeting.a, meeting.b, meeting.mutual) == (me, other, False)


def test_requests_both_ways_make_a_mutual_meeting_at_once(brokerage, aibek, dana, participant_of):
    a = participant_of(brokerage, aibek)
    b = participant_of(brokerage, dana)
    services.meeting_request_send(actor=aibek, requester=a, recipient=b, message="Hello")
    services.meeting_request_send(actor=dana, requester=b, recipient=a, message="Hello too")
    meeting = Meeting.objects.get()
    assert meeting.mutual
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {RequestStatus.ACCEPTED}


def test_only_the_recipient_answers_and_a_declined_request_stays_declined(
    brokerage, aibek, dana, participant_of
):
    a = participant_of(brokerage, aibek)
    b = participant_of(brokerage, dana)
    request = services.meeting_request_send(actor=aibek, requester=a, recipient=b, message="Hello")
    with pytest.raises(PermissionDenied):
        services.meeting_request_accept(actor=aibek, request=request)
    logged_in_client(dana).post(reverse("events:meeting_request_decline", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    with pytest.raises(ValidationError, match="no longer waiting"):
        services.meeting_request_accept(actor=dana, request=request)


def test_request_cap_and_meeting_cap_are_enforced(brokerage, company_person, participant_of):
    brokerage.max_requests_per_participant = 2
    brokerage.max_meetings_per_participant = 1
    brokerage.save()
    people = [company_person(name) for name in ("Asel", "Bolot", "Chyngyz", "Dinara")]
    asel, bolot, chyngyz, dinara = (participant_of(brokerage, person) for person in people)
    services.meeting_request_send(actor=people[0], requester=asel, recipient=bolot, message="1")
    second = services.meeting_request_send(actor=people[0], requester=asel, recipient=chyngyz, message="2")
    with pytest.raises(ValidationError, match="most meeting requests"):
        services.meeting_request_send(actor=people[0], requester=asel, recipient=dinara, message="3")
    services.meeting_request_accept(actor=people[1], request=MeetingRequest.objects.get(recipient=bolot))
    with pytest.raises(ValidationError, match="most meetings"):
        services.meeting_request_accept(actor=people[2], request=second)
    assert Meeting.objects.count() == 1


def test_unanswered_requests_expire_after_the_events_time(brokerage, aibek, dana, participant_of):
    a = participant_of(brokerage, aibek)
    b = participant_of(brokerage, dana)
    request = services.meeting_request_send(actor=aibek, requester=a, recipient=b, message="Hello")
    assert request.expires_at - request.created_at == pytest.approx(
        datetime.timedelta(hours=72), abs=datetime.timedelta(seconds=5)
    )
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("events_daily")
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED


def test_participant_sets_availability_and_an_impossible_slot_is_refused(brokerage, aibek, participant_of):
    me = participant_of(brokerage, aibek)
    client = logged_in_client(aibek)
    url = reverse("events:my_entry", kwargs={"pk": brokerage.pk})
    client.post(url, {"action": "availability", "unavailable_slots": ["0", "3"]})
    me.refresh_from_db()
    assert me.unavailable_slots == [0, 3]
    with pytest.raises(ValidationError, match="Choose slots of this event"):
        services.availability_set(actor=aibek, participant=me, unavailable_slots=[9])


def test_outsider_who_did_not_register_sees_no_participants_and_cannot_answer(
    brokerage, aibek, dana, outsider, participant_of
):
    a = participant_of(brokerage, aibek)
    b = participant_of(brokerage, dana)
    request = services.meeting_request_send(actor=aibek, requester=a, recipient=b, message="Hello")
    client = logged_in_client(outsider)
    assert client.get(reverse("events:participant_list", kwargs={"pk": brokerage.pk})).status_code == 403
    detail = reverse("events:participant_detail", kwargs={"pk": brokerage.pk, "participant_pk": b.pk})
    assert client.get(detail).status_code == 403
    assert client.post(reverse("events:meeting_request_accept", kwargs={"pk": request.pk})).status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_participant_list_query_count_is_flat(
    brokerage, company_person, participant_of, django_assert_max_num_queries
):
    viewer = company_person("Viewer")
    participant_of(brokerage, viewer)
    for number in range(10):
        participant_of(brokerage, company_person(f"Person{number}"))
    client = logged_in_client(viewer)
    # A constant part is the viewer's own entry and the suggestions (the matching index's sync).
    with django_assert_max_num_queries(22):
        response = client.get(reverse("events:participant_list", kwargs={"pk": brokerage.pk}))
    assert response.content.decode().count("Person") >= 10


def irrigation_distributor(brokerage, person, participant_of):
    """`person`'s entry at the brokerage: a Kyrgyz irrigation distributor seeking drip irrigation makers."""
    me = participant_of(brokerage, person)
    services.participant_update(
        actor=person,
        participant=me,
        headline="Irrigation equipment distributor",
        offer="Dealer network for farm irrigation across Kyrgyzstan",
        seek="Makers of drip irrigation systems",
    )
    return me


def test_suggestions_put_the_closest_entry_first_across_languages_and_leave_out_people_asked(
    brokerage, company_person, participant_of, api_client, outsider, live_matching
):
    # given a Kyrgyz irrigation distributor, a Russian-writing irrigation maker and a fintech start-up
    seeker, maker, fintech, asked = (company_person(name) for name in ("Seeker", "Maker", "Fintech", "Asked"))
    me = irrigation_distributor(brokerage, seeker, participant_of)
    entries = {}
    for person, headline, offer in (
        (maker, "Системы капельного орошения", "Производим оборудование для капельного орошения полей"),
        (fintech, "Mobile payments for retail", "A payment app for small shops"),
        (asked, "Drip irrigation pipes", "We extrude drip irrigation pipes"),
    ):
        entries[person.pk] = participant_of(brokerage, person)
        services.participant_update(
            actor=person, participant=entries[person.pk], headline=headline, offer=offer, seek=""
        )
    services.meeting_request_send(actor=seeker, requester=me, recipient=entries[asked.pk], message="Hi")

    page = logged_in_client(seeker).get(reverse("events:participant_list", kwargs={"pk": brokerage.pk}))
    suggestions = page.context["suggestions"]
    assert [s.record.pk for s in suggestions][:1] == [entries[maker.pk].pk]
    assert entries[asked.pk].pk not in [s.record.pk for s in suggestions]
    assert entries[fintech.pk].pk not in [s.record.pk for s in suggestions]  # not relevant at all
    assert suggestions[0].they_offer
    api = api_client(seeker).get(f"/api/v1/events/{brokerage.pk}/suggestions").json()
    assert api[0]["participant"]["id"] == entries[maker.pk].pk
    assert api[0]["relevance"] in ("strong", "possible")
    assert api[0]["reason"] == "They offer what you seek."
    assert api_client(outsider).get(f"/api/v1/events/{brokerage.pk}/suggestions").status_code == 403


def test_kept_suggestions_follow_a_new_participant_and_a_new_request(
    brokerage, company_person, participant_of, live_matching
):
    # given a distributor seeking drip irrigation makers, and one maker at the brokerage
    seeker, first, second = (company_person(name) for name in ("Seeker", "First", "Second"))
    me = irrigation_distributor(brokerage, seeker, participant_of)

    def enter(person, headline: str, offer: str):
        entry = participant_of(brokerage, person)
        services.participant_update(actor=person, participant=entry, headline=headline, offer=offer, seek="")
        return entry

    maker = enter(first, "Drip irrigation pipes", "We extrude drip irrigation pipes")
    client = logged_in_client(seeker)
    url = reverse("events:participant_list", kwargs={"pk": brokerage.pk})

    def suggested() -> list[int]:
        return [suggestion.record.pk for suggestion in client.get(url).context["suggestions"]]

    assert suggested() == [maker.pk]

    # when a second maker registers, the kept suggestions show them at once
    other = enter(
        second, "Системы капельного орошения", "Производим оборудование для капельного орошения полей"
    )
    assert set(suggested()) == {maker.pk, other.pk}

    # and once the distributor has asked the first maker, only the second is suggested
    services.meeting_request_send(actor=seeker, requester=me, recipient=maker, message="Hello")
    assert suggested() == [other.pk]


def test_an_investor_is_suggested_the_start_ups_it_seeks_not_the_other_investors(
    brokerage, company_person, participant_of, api_client, live_matching
):
    people = {name: company_person(name) for name in ("Investor", "Rival", "Startup", "Bakery")}
    entries = {name: participant_of(brokerage, person) for name, person in people.items()}
    texts = {
        "Investor": ("Agritech seed fund", "Seed investment and mentoring", "Start-ups in drip irrigation"),
        "Rival": ("Venture fund", "Venture capital for farm technology", "Irrigation technology start-ups"),
        "Startup": (
            "Тамшылатып суғару стартапы",
            "Топырақ ылғалдылығына қарай тамшылатып суғаруды басқаратын құрылғы жасаймыз",
            "Инвестиция",
        ),
        "Bakery": ("Bakery chain", "Fresh bread in twelve towns", "Flour suppliers"),
    }
    for name, (headline, offer, seek) in texts.items():
        services.participant_update(
            actor=people[name], participant=entries[name], headline=headline, offer=offer, seek=seek
        )

    found = api_client(people["Investor"]).get(f"/api/v1/events/{brokerage.pk}/suggestions").json()

    assert found[0]["participant"]["id"] == entries["Startup"].pk
    rival = [item for item in found if item["participant"]["id"] == entries["Rival"].pk]
    assert all(item["relevance"] != "strong" for item in rival)
