"""The hubs API: the same permissions as the pages, each endpoint with its outsider test."""

import datetime

import pytest

from hubs import services
from hubs.models import Agreement, BriefingReport, Hub, Interaction, Need

pytestmark = pytest.mark.django_db


def test_hub_list_is_paginated(api_client, owner, hub, park, django_assert_max_num_queries):
    for country in ("AZ", "CN", "DE", "FR", "IT", "JP", "KR", "KZ", "PL", "UZ", "VN"):
        services.hub_create(
            actor=owner,
            host=park,
            partner_country=country,
            mandate="m",
            designated_by="M",
            designated_on=datetime.date(2022, 6, 22),
        )
    client = api_client(owner)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/hubs?limit=10").json()
    assert body["count"] == 12 and len(body["items"]) == 10
    assert body["items"][0]["host"]["name"] == "Tabriz Science Park"


def test_owner_creates_a_hub_and_outsider_cannot(api_client, owner, outsider, park):
    payload = {
        "host_id": park.pk,
        "partner_country": "cn",
        "mandate": "China desk",
        "designated_by": "Ministry",
        "designated_on": "2022-06-22",
    }
    assert (
        api_client(outsider).post("/api/v1/hubs", payload, content_type="application/json").status_code == 403
    )
    response = api_client(owner).post("/api/v1/hubs", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["partner_country"] == "CN"
    again = api_client(owner).post("/api/v1/hubs", payload, content_type="application/json")
    assert again.status_code == 422 and again.json()["code"] == "invalid"


def test_read_only_token_cannot_write(api_client, owner, hub):
    response = api_client(owner, scope="read").post(
        f"/api/v1/hubs/{hub.pk}/interactions",
        {"kind": "visit", "title": "t", "occurred_on": "2024-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "token_scope"


def test_needs_register_announce_and_status(api_client, owner, desk_member, outsider, hub):
    desk = api_client(desk_member)
    created = desk.post(
        f"/api/v1/hubs/{hub.pk}/needs",
        {
            "title": "Satellite ground stations",
            "description": "d",
            "source": "document",
            "identified_on": "2024-02-01",
            "sector": "space",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    need_id = created.json()["id"]
    assert api_client(outsider).get(f"/api/v1/hubs/{hub.pk}/needs").json()["count"] == 0
    assert api_client(outsider).get(f"/api/v1/needs/{need_id}").status_code == 404
    assert (
        desk.post(
            f"/api/v1/needs/{need_id}/announce", {"visibility": "members"}, content_type="application/json"
        ).status_code
        == 403
    )
    announced = api_client(owner).post(
        f"/api/v1/needs/{need_id}/announce", {"visibility": "members"}, content_type="application/json"
    )
    assert announced.json()["status"] == "announced"
    assert api_client(outsider).get(f"/api/v1/hubs/{hub.pk}/needs").json()["count"] == 1
    assert (
        api_client(outsider)
        .post(f"/api/v1/needs/{need_id}/status", {"status": "met"}, content_type="application/json")
        .status_code
        == 403
    )
    met = api_client(owner).post(
        f"/api/v1/needs/{need_id}/status", {"status": "met"}, content_type="application/json"
    )
    assert met.json()["status"] == "met"


def test_interactions(api_client, desk_member, outsider, hub, partner):
    client = api_client(desk_member)
    response = client.post(
        f"/api/v1/hubs/{hub.pk}/interactions",
        {
            "kind": "delegation",
            "title": "Delegation",
            "occurred_on": "2024-03-01",
            "partner_organisation_ids": [partner.pk],
        },
        content_type="application/json",
    )
    assert (
        response.status_code == 201
        and response.json()["partner_organisations"][0]["name"] == "Teknopark Istanbul"
    )
    listed = client.get(f"/api/v1/hubs/{hub.pk}/interactions?kind=delegation").json()
    assert listed["count"] == 1
    assert api_client(outsider).get(f"/api/v1/hubs/{hub.pk}/interactions").status_code == 403
    refused = api_client(outsider).post(
        f"/api/v1/hubs/{hub.pk}/interactions",
        {"kind": "visit", "title": "t", "occurred_on": "2024-01-01"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and Interaction.objects.count() == 1


def test_agreement_approve_change_and_sign(api_client, owner, partner_admin, outsider, hub, park, partner):
    host, guest = api_client(owner), api_client(partner_admin)
    created = host.post(
        f"/api/v1/hubs/{hub.pk}/agreements",
        {
            "kind": "mou",
            "title": "MoU",
            "text": "Text one.",
            "party_ids": [park.pk, partner.pk],
            "scope": ["space-technologies"],
        },
        content_type="application/json",
    ).json()
    agreement_id, first_hash = created["id"], created["text_hash"]
    assert len(first_hash) == 64
    assert host.post(f"/api/v1/agreements/{agreement_id}/negotiate").json()["status"] == "negotiation"
    guest_view = guest.get(f"/api/v1/agreements/{agreement_id}").json()
    assert guest_view["approvable_party_ids"] == [partner.pk]
    host.post(
        f"/api/v1/agreements/{agreement_id}/approve",
        {"party_id": park.pk, "text_hash": first_hash},
        content_type="application/json",
    )
    changed = host.put(
        f"/api/v1/agreements/{agreement_id}",
        {
            "kind": "mou",
            "title": "MoU",
            "text": "Text two.",
            "party_ids": [park.pk, partner.pk],
            "scope": ["space-technologies"],
        },
        content_type="application/json",
    ).json()
    assert changed["text_hash"] != first_hash
    assert not any(party["approved_current_text"] for party in changed["parties"])
    stale = guest.post(
        f"/api/v1/agreements/{agreement_id}/approve",
        {"party_id": partner.pk, "text_hash": first_hash},
        content_type="application/json",
    )
    assert stale.status_code == 422
    for client, party in ((host, park), (guest, partner)):
        client.post(
            f"/api/v1/agreements/{agreement_id}/approve",
            {"party_id": party.pk, "text_hash": changed["text_hash"]},
            content_type="application/json",
        )
    assert (
        guest.post(f"/api/v1/agreements/{agreement_id}/sign", {}, content_type="application/json").status_code
        == 403
    )
    signed = host.post(
        f"/api/v1/agreements/{agreement_id}/sign",
        {"signed_on": "2024-06-01"},
        content_type="application/json",
    ).json()
    assert signed["status"] == "signed" and signed["signed_on"] == "2024-06-01"
    assert host.get(f"/api/v1/hubs/{hub.pk}/agreements").json()["count"] == 1


def test_outsider_agreement_endpoints(api_client, outsider, hub, agreement, park):
    client = api_client(outsider)
    assert client.get(f"/api/v1/hubs/{hub.pk}/agreements").status_code == 403
    assert client.get(f"/api/v1/agreements/{agreement.pk}").status_code == 404
    assert client.post(f"/api/v1/agreements/{agreement.pk}/negotiate").status_code == 404
    assert (
        client.post(
            f"/api/v1/agreements/{agreement.pk}/approve",
            {"party_id": park.pk, "text_hash": agreement.text_hash},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/agreements/{agreement.pk}/sign", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"/api/v1/agreements/{agreement.pk}",
            {"title": "x", "text": "x", "party_ids": []},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/hubs/{hub.pk}/agreements",
            {"title": "x", "text": "x", "party_ids": []},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert Agreement.objects.get().status == "draft"


def test_programmes_and_kpis(
    api_client, owner, outsider, hub, programme, agreement, park, partner, partner_admin
):
    services.kpi_add(
        actor=owner, programme=programme, name="Agreements signed", metric="agreements_signed", target=2
    )
    client = api_client(owner)
    assert client.get(f"/api/v1/hubs/{hub.pk}/programmes").json()["items"][0]["title"] == programme.title
    assert client.get(f"/api/v1/programmes/{programme.pk}/kpis").json()[0]["actual"] == 0
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    services.agreement_approve(
        actor=partner_admin, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    services.agreement_sign(actor=owner, agreement=agreement)
    kpi = client.get(f"/api/v1/programmes/{programme.pk}/kpis").json()[0]
    assert kpi["actual"] == 1 and kpi["target"] == 2 and kpi["history"][0][1] == 0
    assert api_client(outsider).get(f"/api/v1/hubs/{hub.pk}/programmes").status_code == 403
    assert api_client(outsider).get(f"/api/v1/programmes/{programme.pk}/kpis").status_code == 404


def test_country_briefing_job(api_client, owner, outsider, hub, django_capture_on_commit_callbacks):
    services.interaction_log(
        actor=owner, hub=hub, kind="visit", title="Visit to Ankara", occurred_on=datetime.date(2024, 1, 5)
    )
    client = api_client(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/reports/country-briefing",
            {"hub_id": hub.pk, "as_of": "2024-12-31"},
            content_type="application/json",
        )
    assert response.status_code == 202 and response.json()["status"] == "queued"
    job = client.get(f"/api/v1/reports/country-briefing/{response.json()['id']}").json()
    assert job["status"] == "done" and job["content"]["interactions"]["total"] == 1
    pdf = client.get(job["pdf_url"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True):
        again_id = client.post(
            "/api/v1/reports/country-briefing",
            {"hub_id": hub.pk, "as_of": "2024-12-31"},
            content_type="application/json",
        ).json()["id"]
    again = client.get(f"/api/v1/reports/country-briefing/{again_id}").json()
    assert again["fingerprint"] == job["fingerprint"]  # same data, same report
    outsider_client = api_client(outsider)
    assert (
        outsider_client.post(
            "/api/v1/reports/country-briefing", {"hub_id": hub.pk}, content_type="application/json"
        ).status_code
        == 403
    )
    assert outsider_client.get(f"/api/v1/reports/country-briefing/{job['id']}").status_code == 404
    assert outsider_client.get(job["pdf_url"]).status_code == 404
    assert BriefingReport.objects.count() == 2


def test_outsider_hub_endpoints(api_client, outsider, hub):
    client = api_client(outsider)
    assert client.get("/api/v1/hubs").json()["count"] == 1
    assert client.get(f"/api/v1/hubs/{hub.pk}").status_code == 200
    assert (
        client.post(
            f"/api/v1/hubs/{hub.pk}/needs",
            {"title": "t", "description": "d", "source": "visit", "identified_on": "2024-01-01"},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert Need.objects.count() == 0 and Hub.objects.count() == 1


def test_agreement_list_query_count_does_not_grow(
    api_client, owner, hub, park, partner, django_assert_max_num_queries
):
    for number in range(10):
        services.agreement_draft(
            actor=owner, hub=hub, kind="mou", title=f"MoU {number}", text="t", parties=[park, partner]
        )
    client = api_client(owner)
    with django_assert_max_num_queries(14):
        body = client.get(f"/api/v1/hubs/{hub.pk}/agreements").json()
    assert body["count"] == 10 and all(item["can_edit"] for item in body["items"])


def test_outsider_cannot_announce_or_read_a_desk_need(api_client, owner, outsider, hub):
    need = services.need_register(
        actor=owner,
        hub=hub,
        title="t",
        description="d",
        source="visit",
        identified_on=datetime.date(2024, 1, 1),
    )
    client = api_client(outsider)
    response = client.post(
        f"/api/v1/needs/{need.pk}/announce", {"visibility": "public"}, content_type="application/json"
    )
    assert response.status_code == 404
    need.refresh_from_db()
    assert need.status == Need.Status.IDENTIFIED
