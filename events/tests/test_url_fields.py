"""The API refuses links that are not web addresses, as the pages do (issue 14, item 2): a
`javascript:` link would run script for whoever follows it."""

import datetime

import pytest

from events.models import Event

pytestmark = pytest.mark.django_db
API = "/api/v1"
MESSAGE = "Enter a web address starting with http:// or https://."


def test_event_online_link_must_be_a_web_address(api_client, owner, park):
    start = datetime.datetime(2031, 6, 1, 9, tzinfo=datetime.UTC)
    body = {
        "title": "Almaty Tech Festival",
        "kind": "festival",
        "organiser_ids": [park.pk],
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=8)).isoformat(),
        "online_url": "javascript:alert(document.cookie)",
    }
    refused = api_client(owner).post(f"{API}/events", body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"]["online_url"] == [MESSAGE]
    assert not Event.objects.exists()

    body["online_url"] = "  https://meet.example.org/festival  "
    created = api_client(owner).post(f"{API}/events", body, content_type="application/json")
    assert created.status_code == 201
    assert Event.objects.get().online_url == "https://meet.example.org/festival"


def test_participant_video_link_must_be_a_web_address(api_client, brokerage, company_person):
    asel = api_client(company_person("Asel"))
    assert (
        asel.post(
            f"{API}/events/{brokerage.pk}/registrations", {}, content_type="application/json"
        ).status_code
        == 201
    )
    url = f"{API}/events/{brokerage.pk}/participants/me"
    entry = {"headline": "Sensors for greenhouses", "offer": "IoT sensors", "seek": "Farms"}

    refused = asel.put(url, {**entry, "video_url": "javascript:alert(1)"}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"]["video_url"] == [MESSAGE]
    assert asel.get(url).json()["video_url"] == ""

    accepted = asel.put(
        url, {**entry, "video_url": "https://meet.example.org/asel"}, content_type="application/json"
    )
    assert accepted.status_code == 200
    assert accepted.json()["video_url"] == "https://meet.example.org/asel"
