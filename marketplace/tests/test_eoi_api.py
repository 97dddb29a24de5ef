# ruff: noqa: F811  (the shared EOI fixtures are imported by name, and pytest passes them back in)
"""Expressions of interest through the API: the same rules as the pages, and an anonymous owner that
stays `null` to the sender until it accepts."""

import pytest
from django.core import mail
from django.test import Client

from accounts.services import api_token_create
from marketplace.eoi_services import eoi_accept
from marketplace.models import EoiOutcome, ExpressionOfInterest
from marketplace.tests.test_eoi_flow import (  # noqa: F401 (fixtures)
    anonymous_profile,
    make_profile,
    partner,
    partner_organisation,
    published_profile,
    send_eoi,
)

OWNER_NAME = "Tabriz Science Park"


def client_for(user, *, scope: str = "read_write") -> Client:
    _token, plaintext = api_token_create(user=user, name="eoi tests", scope=scope)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def test_partner_sends_owner_accepts_they_talk_and_record_outcomes(
    owner, partner, partner_organisation, anonymous_profile, django_capture_on_commit_callbacks
):
    sender, answerer = client_for(partner), client_for(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            f"/api/v1/profiles/{anonymous_profile.pk}/eois",
            {"sender_organisation_id": partner_organisation.pk, "message": "We would license it."},
            content_type="application/json",
        )
    assert response.status_code == 201, response.json()
    record = response.json()
    assert record["status"] == "pending"
    assert record["owner"] is None
    assert record["contacts"] is None
    assert record["permissions"]["can_withdraw"] is True
    assert OWNER_NAME not in response.content.decode()
    assert owner.email in [message.to[0] for message in mail.outbox]
    eoi_id = record["id"]

    listed = sender.get("/api/v1/eois").json()
    assert listed["count"] == 1
    assert listed["items"][0]["owner"] is None
    assert listed["items"][0]["direction"] == "sent"
    assert answerer.get("/api/v1/eois").json()["items"][0]["direction"] == "received"

    response = answerer.post(
        f"/api/v1/eois/{eoi_id}/accept", {"message": "Welcome."}, content_type="application/json"
    )
    assert response.status_code == 200
    record = sender.get(f"/api/v1/eois/{eoi_id}").json()
    assert record["status"] == "accepted"
    assert record["owner"]["name"] == OWNER_NAME
    assert record["contacts"]["answered_by"]["email"] == owner.email
    assert answerer.get(f"/api/v1/eois/{eoi_id}").json()["contacts"]["sender"]["email"] == partner.email

    response = sender.post(
        f"/api/v1/eois/{eoi_id}/messages", {"body": "When can we visit?"}, content_type="application/json"
    )
    assert response.status_code == 201
    thread = answerer.get(f"/api/v1/eois/{eoi_id}/messages").json()
    assert [item["body"] for item in thread["items"]] == ["Welcome.", "When can we visit?"]

    response = sender.post(
        f"/api/v1/eois/{eoi_id}/outcome",
        {"outcome": "agreement_signed", "agreement_type": "licence"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["side"] == "sender"
    response = answerer.post(
        f"/api/v1/eois/{eoi_id}/outcome", {"outcome": "knowledge_gained"}, content_type="application/json"
    )
    assert response.json()["side"] == "owner"
    assert EoiOutcome.objects.count() == 2


def test_agreement_signed_without_a_kind_is_refused(owner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)
    eoi_accept(actor=owner, eoi=eoi)

    response = client_for(owner).post(
        f"/api/v1/eois/{eoi.pk}/outcome", {"outcome": "agreement_signed"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert "agreement_type" in response.json()["errors"]


def test_decline_with_reason_keeps_the_anonymous_owner_hidden(
    owner, partner, anonymous_profile, send_eoi, django_capture_on_commit_callbacks
):
    eoi = send_eoi(anonymous_profile)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            f"/api/v1/eois/{eoi.pk}/decline",
            {"reason": "not_relevant", "note": "Not our field."},
            content_type="application/json",
        )

    assert response.status_code == 200
    record = client_for(partner).get(f"/api/v1/eois/{eoi.pk}").json()
    assert (record["status"], record["decline_reason"], record["owner"]) == ("declined", "not_relevant", None)
    [email] = mail.outbox
    assert OWNER_NAME not in f"{email.subject} {email.body}"


def test_unknown_decline_reason_is_refused(owner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    response = client_for(owner).post(
        f"/api/v1/eois/{eoi.pk}/decline", {"reason": "bored"}, content_type="application/json"
    )

    assert response.status_code == 422
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING


def test_duplicate_eoi_is_refused(partner, partner_organisation, published_profile, send_eoi):
    send_eoi(published_profile)

    response = client_for(partner).post(
        f"/api/v1/profiles/{published_profile.pk}/eois",
        {"sender_organisation_id": partner_organisation.pk, "message": "Again"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "sender_organisation" in response.json()["errors"]
    assert ExpressionOfInterest.objects.count() == 1


def test_eoi_for_an_organisation_one_does_not_belong_to_is_refused(
    outsider, partner_organisation, published_profile
):
    response = client_for(outsider).post(
        f"/api/v1/profiles/{published_profile.pk}/eois",
        {"sender_organisation_id": partner_organisation.pk, "message": "Hello"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert not ExpressionOfInterest.objects.exists()


def test_eoi_on_a_draft_is_not_found(partner, partner_organisation, make_profile):
    draft = make_profile(publish=False)

    response = client_for(partner).post(
        f"/api/v1/profiles/{draft.pk}/eois",
        {"sender_organisation_id": partner_organisation.pk, "message": "Hello"},
        content_type="application/json",
    )

    assert response.status_code == 404


def test_sender_withdraws_and_owner_cannot(owner, partner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    assert client_for(owner).post(f"/api/v1/eois/{eoi.pk}/withdraw").status_code == 403
    response = client_for(partner).post(f"/api/v1/eois/{eoi.pk}/withdraw")

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"


def test_sender_cannot_accept_its_own_eoi(partner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    response = client_for(partner).post(f"/api/v1/eois/{eoi.pk}/accept")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_read_only_token_cannot_accept(owner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    response = client_for(owner, scope="read").post(f"/api/v1/eois/{eoi.pk}/accept")

    assert response.status_code == 403
    assert response.json()["code"] == "token_scope"


# Anonymous callers and outsiders on every endpoint.

ENDPOINTS = [
    ("get", "/api/v1/eois/{id}", None),
    ("post", "/api/v1/eois/{id}/accept", {}),
    ("post", "/api/v1/eois/{id}/decline", {"reason": "other", "note": "x"}),
    ("post", "/api/v1/eois/{id}/withdraw", None),
    ("post", "/api/v1/eois/{id}/outcome", {"outcome": "knowledge_gained"}),
    ("get", "/api/v1/eois/{id}/messages", None),
    ("post", "/api/v1/eois/{id}/messages", {"body": "Hello"}),
]


def _call(client: Client, method: str, path: str, payload):
    if method == "get":
        return client.get(path)
    return client.post(path, payload or {}, content_type="application/json")


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_anonymous_caller_is_refused(published_profile, send_eoi, method, path, payload):
    eoi = send_eoi(published_profile)

    response = _call(Client(), method, path.format(id=eoi.pk), payload)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_anonymous_caller_cannot_list_or_send(published_profile, partner_organisation):
    assert Client().get("/api/v1/eois").status_code == 401
    response = Client().post(
        f"/api/v1/profiles/{published_profile.pk}/eois",
        {"sender_organisation_id": partner_organisation.pk, "message": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_outsider_finds_no_eoi_of_others(outsider, published_profile, send_eoi, method, path, payload):
    eoi = send_eoi(published_profile)

    response = _call(client_for(outsider), method, path.format(id=eoi.pk), payload)

    assert response.status_code == 404
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING


def test_outsider_lists_nothing_of_others(outsider, published_profile, send_eoi):
    send_eoi(published_profile)

    assert client_for(outsider).get("/api/v1/eois").json() == {"items": [], "count": 0}


def test_list_queries_do_not_grow_with_eois(
    owner, partner, make_profile, send_eoi, django_assert_max_num_queries
):
    for index in range(10):
        eoi = send_eoi(make_profile(title=f"Cold-plasma unit, variant {index}", anonymous=index % 2 == 0))
        if index % 3 == 0:
            eoi_accept(actor=owner, eoi=eoi)

    for viewer in (owner, partner):
        client = client_for(viewer)
        with django_assert_max_num_queries(7):
            response = client.get("/api/v1/eois?limit=50")
        assert response.json()["count"] == 10
    hidden = [item for item in response.json()["items"] if item["owner"] is None]
    assert len(hidden) == 3  # variants 2, 4 and 8: anonymous and not accepted
