"""The ranking's period (issue 16 item 10): the last year by default, all time, or a custom span, chosen on
the page and through the API alike, with the period shown said in words; a bad custom period is refused
with translated errors. Anyone signed in reads the ranking; anonymous visitors are refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from conftest import logged_in_client
from hubs import services

pytestmark = pytest.mark.django_db

API = "/api/v1/ranking"
PAGE = reverse("analytics:ranking")


@pytest.fixture
def hub(owner, park):
    return services.hub_create(
        actor=owner,
        host=park,
        partner_country="TR",
        mandate="Set up a technology and innovation desk for Turkey with the other parks.",
        designated_by="Ministry of Science, Research and Technology",
        designated_on=datetime.date(2023, 1, 15),
    )


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def old_visit(hub, owner, park, today):
    """Tabriz Science Park's only activity: a visit 500 days ago, outside the last year."""
    occurred_on = today - datetime.timedelta(days=500)
    services.interaction_log(
        actor=owner,
        hub=hub,
        kind="visit",
        title="Visit to Istanbul",
        occurred_on=occurred_on,
        our_organisations=[park],
    )
    return occurred_on


def sentence(start, end):
    return f"Activity from {date_format(start, 'DATE_FORMAT')} to {date_format(end, 'DATE_FORMAT')}."


def test_default_is_the_last_year_and_says_so(old_visit, outsider, today):
    response = logged_in_client(outsider).get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert sentence(today - datetime.timedelta(days=364), today) in body
    assert "Tabriz Science Park" not in body
    assert 'value="year" selected' in body


def test_all_time_brings_back_the_older_activity(old_visit, outsider):
    body = logged_in_client(outsider).get(PAGE, {"period": "all"}).content.decode()
    assert "Activity of all time." in body
    assert "Tabriz Science Park" in body


def test_custom_period_around_the_activity(old_visit, outsider):
    start, end = old_visit - datetime.timedelta(days=3), old_visit + datetime.timedelta(days=3)
    client = logged_in_client(outsider)
    body = client.get(PAGE, {"period": "custom", "from": start.isoformat(), "to": end.isoformat()}).content
    assert sentence(start, end) in body.decode() and "Tabriz Science Park" in body.decode()
    after = old_visit + datetime.timedelta(days=1)
    body = client.get(PAGE, {"period": "custom", "from": after.isoformat(), "to": end.isoformat()}).content
    assert "Tabriz Science Park" not in body.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "custom", "to": "2026-01-01"}, "Give the first day of the custom period."),
        ({"period": "custom", "from": "2026-01-01"}, "Give the last day of the custom period."),
        (
            {"period": "custom", "from": "2025-05-02", "to": "2025-05-01"},
            "The first day of the period must not be after its last day.",
        ),
        ({"period": "custom", "from": "2025-05-02", "to": "2999-01-01"}, "cannot be in the future."),
        ({"period": "custom", "from": "yesterday", "to": "2025-05-01"}, "Enter a valid date."),
        ({"period": "decade"}, "Select a valid choice."),
    ],
)
def test_bad_custom_period_is_refused_with_a_clear_error_on_the_page(outsider, query, message):
    response = logged_in_client(outsider).get(PAGE, query)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body.replace("&#x27;", "'")
    assert 'id="ranking"' not in body  # no table for a period that does not exist


def test_errors_come_in_the_readers_language(outsider):
    query = {"period": "custom", "from": "yesterday", "to": "2025-05-01"}
    body = logged_in_client(outsider).get(PAGE, query, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Введите правильную дату." in body
    assert "Enter a valid date." not in body


def test_api_periods(old_visit, outsider, api_client, today):
    client = api_client(outsider, scope="read")
    year = client.get(API).json()
    assert year["period"] == {
        "period": "year",
        "start": (today - datetime.timedelta(days=364)).isoformat(),
        "end": today.isoformat(),
        "description": sentence(today - datetime.timedelta(days=364), today),
    }
    assert year["parks"] == []
    every = client.get(API, {"period": "all"}).json()
    assert every["period"]["start"] is None and every["period"]["description"] == "Activity of all time."
    assert [(park["name"], park["rank"], park["index"]) for park in every["parks"]] == [
        ("Tabriz Science Park", 1, 1.0)
    ]
    start, end = old_visit, old_visit
    custom = client.get(API, {"period": "custom", "from": start.isoformat(), "to": end.isoformat()}).json()
    assert custom["period"]["start"] == start.isoformat() and custom["parks"][0]["interactions"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "custom", "to": "2026-01-01"}, "from"),
        ({"period": "custom", "from": "2025-05-02", "to": "2025-05-01"}, "from"),
        ({"period": "custom", "from": "2025-05-02", "to": "2999-01-01"}, "to"),
    ],
)
def test_api_refuses_a_bad_custom_period(outsider, api_client, query, field):
    response = api_client(outsider, scope="read").get(API, query)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_api_refuses_an_unknown_period_or_date(outsider, api_client):
    client = api_client(outsider, scope="read")
    assert client.get(API, {"period": "decade"}).status_code == 422
    assert client.get(API, {"period": "custom", "from": "soon", "to": "2025-01-01"}).status_code == 422


def test_anonymous_is_refused(anonymous):
    assert anonymous.get(API).status_code == 401
    response = anonymous.get(PAGE, {"period": "all"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_demo_park_running_both_hubs_is_ranked_over_all_time(demo, db):
    from django.contrib.auth import get_user_model

    from demo.hubs import EASTAZ

    reader = get_user_model().objects.filter(is_staff=False, is_superuser=False).order_by("pk").first()
    body = logged_in_client(reader).get(PAGE, {"period": "all"}).content.decode()
    assert "Activity of all time." in body
    assert EASTAZ in body.split('id="ranking"', 1)[1]
