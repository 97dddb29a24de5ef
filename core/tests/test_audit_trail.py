"""The audit trail, through the page and the API: who sees which events, and the filters."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from accounts.services import api_token_create
from conftest import logged_in_client
from core.models import AuditEvent
from directory.services import organisation_update

AUDIT_URL = reverse("core:audit_trail")
API_URL = "/api/v1/audit-events"


def edit_city(*, actor, organisation, city):
    organisation_update(
        actor=actor,
        organisation=organisation,
        name=organisation.name,
        kind=organisation.kind,
        country=organisation.country,
        city=city,
        website=organisation.website,
        description=organisation.description,
        sectors=organisation.sectors.all(),
    )


@pytest.fixture
def operator_with_totp(operator):
    TOTP.activate(operator, generate_totp_secret())
    return operator


@pytest.fixture
def events(owner, park, outsider, other_organisation):
    """One recorded edit of the secretariat's member park and one of the outsider's organisation."""
    edit_city(actor=owner, organisation=park, city="Tabriz (East Azerbaijan)")
    edit_city(actor=outsider, organisation=other_organisation, city="Almaty City")
    return AuditEvent.objects.filter(action="organisation.update")


def api_get(user, **params):
    _token, key = api_token_create(user=user, name="audit test", scope="read")
    client = logged_in_client(user)
    return client.get(API_URL, params, headers={"Authorization": f"Bearer {key}"})


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.get(AUDIT_URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_anonymous_api_call_gets_401(anonymous):
    response = anonymous.get(API_URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_outsider_cannot_browse_the_audit_trail(outsider, events):
    assert logged_in_client(outsider).get(AUDIT_URL).status_code == 403
    response = api_get(outsider)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_organisation_admin_without_a_secretariat_role_cannot_browse_it(owner, events):
    assert logged_in_client(owner).get(AUDIT_URL).status_code == 403


def test_secretariat_sees_its_members_events_but_not_an_outsiders(secretariat, events):
    response = logged_in_client(secretariat).get(AUDIT_URL)

    assert response.status_code == 200
    page_events = list(response.context["page"])
    assert {event.object_repr for event in page_events} == {"Tabriz Science Park"}
    assert "Tabriz (East Azerbaijan)" in response.content.decode()
    assert "Almaty City" not in response.content.decode()

    api_items = api_get(secretariat).json()["items"]
    assert {item["object_repr"] for item in api_items} == {"Tabriz Science Park"}


def test_every_event_says_who_what_and_from_which_request(secretariat, owner, park):
    client = logged_in_client(owner)
    client.post(
        reverse("directory:organisation_edit", kwargs={"pk": park.pk}),
        {"name": park.name, "kind": park.kind, "country": park.country, "city": "Tabriz-2"},
        REMOTE_ADDR="203.0.113.7",
    )

    event = AuditEvent.objects.get(action="organisation.update")

    assert event.actor == owner
    assert event.changes == {"city": ["Tabriz", "Tabriz-2"]}
    assert event.organisation_id == park.pk
    assert event.request_method == "POST"
    assert event.request_path == reverse("directory:organisation_edit", kwargs={"pk": park.pk})
    assert event.ip_address == "203.0.113.7"
    assert event.request_id


def test_operator_sees_every_event(operator_with_totp, events):
    response = logged_in_client(operator_with_totp).get(AUDIT_URL)
    assert {event.object_repr for event in response.context["page"]} >= {
        "Tabriz Science Park",
        "Almaty Robotics LLP",
    }


def test_filters_by_object_user_and_date(secretariat, owner, park, events):
    client = logged_in_client(secretariat)
    today = timezone.localdate()

    by_object = client.get(AUDIT_URL, {"object_type": "directory.organisation", "object_id": park.pk})
    by_user = client.get(AUDIT_URL, {"actor_email": owner.email})
    by_other_user = client.get(AUDIT_URL, {"actor_email": "nobody@example.org"})
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    by_past_dates = client.get(AUDIT_URL, {"occurred_from": yesterday, "occurred_to": yesterday})
    by_today = client.get(AUDIT_URL, {"occurred_from": today.isoformat(), "occurred_to": today.isoformat()})

    assert [event.object_id for event in by_object.context["page"]] == [str(park.pk)]
    assert all(event.actor == owner for event in by_user.context["page"])
    assert len(by_user.context["page"]) >= 1
    assert len(by_other_user.context["page"]) == 0
    assert len(by_past_dates.context["page"]) == 0
    assert len(by_today.context["page"]) >= 1

    api_filtered = api_get(secretariat, actor_email=owner.email, object_type="directory.organisation").json()
    assert api_filtered["count"] >= 1
    assert {item["actor"] for item in api_filtered["items"]} == {owner.email}


def test_a_reversed_date_range_is_explained_not_ignored(secretariat, events):
    response = logged_in_client(secretariat).get(
        AUDIT_URL, {"occurred_from": "2026-05-02", "occurred_to": "2026-05-01"}
    )
    assert response.status_code == 200
    assert "The start date must not be after the end date." in response.content.decode()
    assert len(response.context["page"]) == 0


def test_audit_page_query_count_does_not_grow_with_events(
    secretariat, owner, park, django_assert_max_num_queries
):
    for number in range(30):
        edit_city(actor=owner, organisation=park, city=f"Tabriz {number}")
    client = logged_in_client(secretariat)
    with django_assert_max_num_queries(12):
        response = client.get(AUDIT_URL)
    assert len(response.context["page"]) == 30
