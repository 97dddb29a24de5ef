"""The API: lists paginated as `items` and `count`, the application's transitions as actions with the
same checks as the pages, and an outsider refused everywhere."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exchanges import services
from exchanges.models import Application, Placement
from exchanges.tests.conftest import open_call

pytestmark = pytest.mark.django_db


def test_programmes_and_calls_are_public_and_paginated(call, programme, anonymous):
    programmes = anonymous.get("/api/v1/programmes")
    assert programmes.status_code == 200
    body = programmes.json()
    assert body["count"] == 1
    quota = body["items"][0]["quotas"][-1]
    assert quota["total"] == 2 and quota["left"] == 2
    calls = anonymous.get("/api/v1/calls").json()
    assert calls["count"] == 1 and calls["items"][0]["title"] == "Fellowships 2026"
    detail = anonymous.get(f"/api/v1/calls/{call.pk}").json()
    assert [criterion["weight"] for criterion in detail["criteria"]] == [3, 1]


def test_draft_calls_only_for_their_managers(programme, secretariat, outsider, api_client):
    today = timezone.localdate()
    draft_call = services.call_create(
        actor=secretariat,
        programme=programme,
        title="Draft",
        opens_on=today,
        closes_on=today,
        mobility_year=2026,
    )
    assert api_client(secretariat).get("/api/v1/calls").json()["count"] == 1
    assert api_client(outsider).get("/api/v1/calls").json()["count"] == 0
    assert api_client(outsider).get(f"/api/v1/calls/{draft_call.pk}").status_code == 404


def test_full_cycle_through_the_api(
    call, colleague, secretariat, reviewer, host_admin, host_organisation, park, api_client, owner
):
    applicant, manager, host = api_client(colleague), api_client(secretariat), api_client(host_admin)
    created = applicant.post(
        f"/api/v1/calls/{call.pk}/applications",
        {
            "home_organisation_id": park.pk,
            "host_organisation_id": host_organisation.pk,
            "participant_type": "researcher",
            "career_stage": "r2",
            "duration": 3,
            "summary": "Antiviral screening of medicinal plants.",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    application_id = created.json()["id"]
    motivation = call.fields.get(label="Motivation")
    applicant.post(
        f"/api/v1/exchange-applications/{application_id}/answers",
        {"answers": {str(motivation.pk): "To learn."}},
        content_type="application/json",
    )

    def act(client, action, **data):
        return client.post(
            f"/api/v1/exchange-applications/{application_id}/actions/{action}",
            data,
            content_type="application/json",
        )

    assert act(applicant, "submit").json()["status"] == "submitted"
    assert act(applicant, "check-eligibility", eligible=True).status_code == 403
    assert act(manager, "check-eligibility", eligible=True).json()["status"] == "eligible"
    conflicted = act(manager, "assign-reviewer", reviewer_email=owner.email)
    assert conflicted.status_code == 422 and "Conflict of interest" in conflicted.json()["message"]
    assert act(manager, "assign-reviewer", reviewer_email=reviewer.email).json()["status"] == "under_review"
    review = api_client(reviewer).get("/api/v1/exchange-reviews").json()["items"][0]
    criteria = list(call.criteria.values_list("pk", flat=True))
    submitted = api_client(reviewer).post(
        f"/api/v1/exchange-reviews/{review['id']}/submit",
        {"scores": {str(criteria[0]): 10, str(criteria[1]): 6}, "comment": "Good."},
        content_type="application/json",
    )
    assert submitted.json()["weighted_score"] == "9.00"
    assert act(manager, "decide", decision="accepted", reason="Top.").json()["status"] == "accepted"
    expires = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    assert act(manager, "offer", expires_on=expires).json()["status"] == "offered"
    assert act(applicant, "accept-offer").json()["status"] == "offer_accepted"
    today = timezone.localdate()
    placed = act(
        host,
        "place",
        lab="Lab",
        supervisor="Dr Kim",
        starts_on=today.isoformat(),
        ends_on=(today + datetime.timedelta(days=30)).isoformat(),
    )
    assert placed.json()["status"] == "placement"
    assert act(host, "issue-invitation-letter").status_code == 200
    act(applicant, "final-report", text="A month of assay automation, reported in full.")
    done = act(host, "host-evaluation", text="A careful and independent fellow.")
    assert done.json()["status"] == "completed"
    kinds = {document["kind"] for document in done.json()["documents"]}
    assert kinds == {"invitation", "agreement", "completion"}
    history = applicant.get(f"/api/v1/exchange-applications/{application_id}").json()["history"]
    assert [event["action"] for event in history][:2] == ["create", "submit"]


def test_read_only_token_cannot_act(application, colleague, api_client):
    response = api_client(colleague, scope="read").post(
        f"/api/v1/exchange-applications/{application.pk}/actions/submit", {}, content_type="application/json"
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_outsider_is_refused_by_every_private_endpoint(
    advanced, outsider, api_client, host_organisation, programme, call
):
    application = advanced("completed")
    review = application.reviews.get()
    client = api_client(outsider)
    assert client.get("/api/v1/exchange-applications").json()["count"] == 0
    assert client.get("/api/v1/exchange-reviews").json()["count"] == 0
    for path in (
        f"/api/v1/exchange-applications/{application.pk}",
        f"/api/v1/exchange-reviews/{review.pk}",
        f"/api/v1/programmes/{programme.pk}/report",
    ):
        assert client.get(path).status_code == 404, path
    for action in (
        "submit",
        "withdraw",
        "check-eligibility",
        "decide",
        "offer",
        "place",
        "final-report",
        "host-evaluation",
        "issue-invitation-letter",
        "assign-reviewer",
        "accept-offer",
    ):
        response = client.post(
            f"/api/v1/exchange-applications/{application.pk}/actions/{action}",
            {},
            content_type="application/json",
        )
        assert response.status_code == 404, action
    posts = [
        (f"/api/v1/exchange-reviews/{review.pk}/submit", {"scores": {}, "comment": "x"}),
        (f"/api/v1/exchange-reviews/{review.pk}/conflict", {"reason": "x"}),
        (f"/api/v1/calls/{call.pk}/fields", {"label": "X", "kind": "text"}),
        (f"/api/v1/calls/{call.pk}/criteria", {"name": "X"}),
        (f"/api/v1/calls/{call.pk}/close", {}),
        (
            f"/api/v1/programmes/{programme.pk}/calls",
            {"title": "X", "opens_on": "2030-01-01", "closes_on": "2030-02-01", "mobility_year": 2030},
        ),
        (
            "/api/v1/programmes",
            {
                "network_id": programme.network_id,
                "title": "X",
                "mobilities_per_year": 1,
                "min_duration": 1,
                "max_duration": 2,
                "participant_types": ["staff"],
            },
        ),
        (
            "/api/v1/placements",
            {
                "host_id": host_organisation.pk,
                "title": "X",
                "lab": "L",
                "supervisor": "S",
                "starts_on": "2030-01-01",
                "ends_on": "2030-02-01",
            },
        ),
    ]
    for path, data in posts:
        response = client.post(path, data, content_type="application/json")
        assert response.status_code in (403, 404), path
    assert (
        client.post(f"/api/v1/calls/{call.pk}/applications", {}, content_type="application/json").status_code
        == 422
    )
    assert Placement.objects.count() == 0


def test_anonymous_needs_a_token_for_private_endpoints(application, anonymous):
    assert anonymous.get("/api/v1/exchange-applications").status_code == 401
    assert anonymous.get(f"/api/v1/exchange-applications/{application.pk}").status_code == 401
    assert anonymous.get("/api/v1/exchange-reviews").status_code == 401


def test_placements_published_and_withdrawn_by_the_host(host_admin, host_organisation, api_client, outsider):
    client = api_client(host_admin)
    created = client.post(
        "/api/v1/placements",
        {
            "host_id": host_organisation.pk,
            "title": "Assay automation",
            "lab": "Bioassay lab",
            "supervisor": "Dr Kim",
            "starts_on": "2030-01-01",
            "ends_on": "2030-03-31",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    placement_id = created.json()["id"]
    assert api_client(outsider).get("/api/v1/placements").json()["count"] == 1
    assert api_client(outsider).post(f"/api/v1/placements/{placement_id}/withdraw").status_code == 403
    assert client.post(f"/api/v1/placements/{placement_id}/withdraw").json()["status"] == "withdrawn"
    assert api_client(outsider).get("/api/v1/placements").json()["count"] == 0


def _queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/calls",
        "/api/v1/programmes",
    ],
)
def test_list_endpoints_query_count_does_not_grow(url, call, programme, secretariat, network, anonymous):
    anonymous.get(url)  # what a first request caches for the process is not the list's cost
    with_one = _queries_of(anonymous, url)
    for index in range(10):
        other = services.programme_create(
            actor=secretariat,
            network=network,
            title=f"Programme {index}",
            mobilities_per_year=3,
            min_duration=1,
            max_duration=2,
            participant_types=["staff"],
        )
        open_call(secretariat, other, title=f"Fellowships {index}")

    with_eleven = _queries_of(anonymous, url)

    assert anonymous.get(url).json()["count"] == 11
    assert with_eleven == with_one


def test_programme_list_page_query_count_does_not_grow(
    secretariat, network, call, anonymous, django_assert_max_num_queries
):
    from django.urls import reverse

    for index in range(10):
        services.programme_create(
            actor=secretariat,
            network=network,
            title=f"Programme {index}",
            mobilities_per_year=3,
            min_duration=1,
            max_duration=2,
            participant_types=["staff"],
        )
    with django_assert_max_num_queries(10):
        response = anonymous.get(reverse("exchanges:programme_list"))
    assert response.status_code == 200
    assert response.content.decode().count("3 of 3 mobilities left") == 10
