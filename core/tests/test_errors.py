"""Error pages say what happened and what to do next, in the site's look; the API answers JSON
(issue 16 item 11; issue 14 items 3, 11 and 17)."""

import datetime

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from events import services as event_services
from events.models import Event

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def database_unreachable(monkeypatch):
    """Every new query fails as it does when PostgreSQL is down (the shared server keeps running)."""

    def refuse() -> None:
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed: Connection refused')

    monkeypatch.setattr(connection, "ensure_connection", refuse)


@pytest.fixture
def cut_database(monkeypatch):
    """`cut_database()`: from now on every query fails as it does when PostgreSQL is down."""

    def refuse() -> None:
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed: Connection refused')

    return lambda: monkeypatch.setattr(connection, "ensure_connection", refuse)


@pytest.fixture
def brokerage(owner, park):
    starts_at = timezone.now() + datetime.timedelta(days=30)
    event = event_services.event_create(
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
    )
    event_services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    return event


def test_unknown_page_is_a_styled_404_with_a_way_on(anonymous):
    response = anonymous.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'class="navbar' in page  # the site's layout
    assert reverse("core:home") in page and reverse("account_login") in page
    assert "Content-Security-Policy" in response.headers


def test_unknown_api_path_is_a_json_404(anonymous):
    response = anonymous.get(f"{API}/no-such-endpoint")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "code": "not_found"}


def test_non_participant_gets_a_styled_403_with_the_reason_on_a_brokerage_participant_list(
    brokerage, outsider
):
    response = logged_in_client(outsider).get(reverse("events:participant_list", kwargs={"pk": brokerage.pk}))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Not allowed" in page
    assert "Only the event&#x27;s registered participants and organisers see this." in page
    assert "ask an administrator" in page  # what to do next
    assert 'class="navbar' in page


def test_refusal_in_persian_keeps_the_right_to_left_layout(brokerage, outsider):
    client = logged_in_client(outsider)
    outsider.preferred_language = "fa"
    outsider.save(update_fields=["preferred_language"])

    response = client.get(reverse("events:participant_list", kwargs={"pk": brokerage.pk}))

    assert response.status_code == 403
    assert 'dir="rtl"' in response.content.decode()


def test_unreachable_database_is_a_503_page_with_retry_after(database_unreachable):
    client = Client(raise_request_exception=False)

    response = client.get(reverse("marketplace:profile_list"))

    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = response.content.decode()
    assert "ParkLink is briefly unavailable" in page
    assert "Nothing you saved before is lost" in page
    assert "parklink.css" in page  # branded, from the static files, without the database


def test_unreachable_database_met_by_a_middleware_is_a_503_too(owner, cut_database):
    # given a signed-in person, whose session and user are loaded by middleware before any view runs
    client = logged_in_client(owner)
    client.raise_request_exception = False
    cut_database()

    response = client.get(reverse("core:home"))

    assert response.status_code == 503
    assert "ParkLink is briefly unavailable" in response.content.decode()


def test_unreachable_database_is_a_json_503_on_the_api(database_unreachable):
    client = Client(raise_request_exception=False, headers={"Authorization": "Bearer plk_anything"})

    response = client.get(f"{API}/me")

    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response.json()["code"] == "unavailable"


def test_unreachable_database_page_is_translated(database_unreachable):
    client = Client(raise_request_exception=False, headers={"Accept-Language": "fa"})

    response = client.get(reverse("marketplace:profile_list"))

    assert response.status_code == 503
    assert '<html lang="fa" dir="rtl">' in response.content.decode()


def test_server_error_page_needs_no_request_context(monkeypatch):
    # given a failure in what every page of the site's layout needs (its context processor)
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("core.context_processors.get_language_info", broken)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("core:home"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "Nothing you saved before is lost" in page


def test_form_body_over_the_limit_is_a_413_page(settings, owner, park):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = logged_in_client(owner)

    response = client.post(
        reverse("directory:organisation_edit", kwargs={"pk": park.pk}), {"description": "x" * 5000}
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "Request too large" in page
    assert "1000\xa0bytes" in page


def test_api_body_over_the_limit_is_a_json_413(settings, api_client, owner, park):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api_client(owner).patch(
        f"{API}/organisations/{park.pk}", {"description": "x" * 5000}, content_type="application/json"
    )

    assert response.status_code == 413, response.content
    assert response.json()["code"] == "too_large"
    park.refresh_from_db()
    assert park.description != "x" * 5000


def test_room_capacity_beyond_any_column_is_a_422(api_client, owner, brokerage):
    response = api_client(owner).post(
        f"{API}/events/{brokerage.pk}/rooms",
        {"name": "Hall", "capacity": 2**63},
        content_type="application/json",
    )

    assert response.status_code == 422, response.content
    assert response.json()["message"]
    assert not brokerage.rooms.filter(name="Hall").exists()


def test_room_capacity_beyond_a_32_bit_column_is_never_a_server_error(api_client, owner, brokerage):
    # PostgreSQL's integer column refuses 2**31 (422 with a message); SQLite's 64-bit integer keeps it.
    response = api_client(owner).post(
        f"{API}/events/{brokerage.pk}/rooms",
        {"name": "Hall", "capacity": 2**31},
        content_type="application/json",
    )

    assert response.status_code in (201, 422), response.content
    if response.status_code == 422:
        assert response.json()["code"] == "out_of_range"
        assert not brokerage.rooms.filter(name="Hall").exists()


def test_expired_form_is_a_styled_403_that_says_to_reload():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("account_login"), {"login": "someone@example.org", "password": "x"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "This form has expired" in page
    assert "reload the page" in page
    assert "parklink.css" in page
