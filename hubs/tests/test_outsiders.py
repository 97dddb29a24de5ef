"""Every page and endpoint of the hubs app, as the outsider (a member of an organisation outside the
desk) and as an anonymous visitor: nothing of the desk shows, nothing is written."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from hubs import services
from hubs.models import Agreement, BriefingReport, Hub, Interaction, Need

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(hub, owner, park, partner, agreement, programme):
    need = services.need_register(
        actor=owner,
        hub=hub,
        title="Unannounced need",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    action = services.follow_up_action_add(
        actor=owner, agreement=agreement, title="Annex", owner=owner, due_on=datetime.date(2030, 1, 1)
    )
    programme_action = services.programme_action_add(actor=owner, programme=programme, title="Open an office")
    report = BriefingReport.objects.create(
        hub=hub, country="TR", as_of=datetime.date(2024, 1, 1), language="en"
    )
    return {
        "hub": hub.pk,
        "need": need.pk,
        "agreement": agreement.pk,
        "programme": programme.pk,
        "action": action.pk,
        "programme_action": programme_action.pk,
        "report": report.pk,
    }


DESK_PAGES = [
    ("hub_feed", "hub"),
    ("interaction_list", "hub"),
    ("agreement_list", "hub"),
    ("programme_list", "hub"),
]
HIDDEN_PAGES = [
    ("need_detail", "need"),
    ("agreement_detail", "agreement"),
    ("programme_detail", "programme"),
    ("report_detail", "report"),
    ("report_progress", "report"),
    ("report_pdf", "report"),
]
POSTS = [
    (
        "hub_edit",
        ("hub",),
        {"partner_country": "DE", "mandate": "m", "designated_by": "x", "designated_on": "2024-01-01"},
    ),
    ("hub_subscribe", ("hub",), {"subscribed": "1"}),
    (
        "need_list",
        ("hub",),
        {"title": "t", "description": "d", "source": "visit", "identified_on": "2024-01-01"},
    ),
    ("need_announce", ("need",), {"visibility": "public"}),
    ("need_status", ("need",), {"status": "dropped"}),
    ("interaction_list", ("hub",), {"kind": "visit", "title": "t", "occurred_on": "2024-01-01"}),
    ("interaction_import", ("hub",), {}),
    ("agreement_list", ("hub",), {"kind": "mou", "title": "t", "text": "t"}),
    ("agreement_edit", ("agreement",), {"kind": "mou", "title": "changed", "text": "changed"}),
    ("agreement_negotiate", ("agreement",), {}),
    ("agreement_approve", ("agreement",), {"party": 1, "text_hash": "x"}),
    ("agreement_sign", ("agreement",), {}),
    ("agreement_terminate", ("agreement",), {"reason": "r"}),
    ("agreement_renew", ("agreement",), {}),
    ("agreement_document_add", ("agreement",), {}),
    (
        "follow_up_action_add",
        ("agreement",),
        {"action-title": "t", "action-owner_email": "x@y.example", "action-due_on": "2030-01-01"},
    ),
    ("follow_up_action_status", ("agreement", "action"), {"status": "done"}),
    (
        "programme_list",
        ("hub",),
        {
            "title": "t",
            "horizon": "short",
            "starts_on": "2024-01-01",
            "ends_on": "2025-01-01",
            "objectives": "o",
        },
    ),
    ("programme_action_add", ("programme",), {"title": "t"}),
    ("programme_action_status", ("programme", "programme_action"), {"status": "done"}),
    ("kpi_add", ("programme",), {"name": "n", "metric": "needs_met", "target": 1}),
    ("report_request", ("hub",), {}),
]


def _snapshot():
    return (
        Hub.objects.values_list("partner_country", "mandate").first(),
        Need.objects.count(),
        list(Need.objects.values_list("status", flat=True)),
        Interaction.objects.count(),
        list(Agreement.objects.values_list("title", "status", "text_hash")),
        BriefingReport.objects.count(),
    )


@pytest.mark.parametrize(("name", "key"), DESK_PAGES)
def test_outsider_is_refused_desk_pages(outsider, objects, name, key):
    response = logged_in_client(outsider).get(reverse(f"hubs:{name}", args=[objects[key]]))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "key"), HIDDEN_PAGES)
def test_outsider_cannot_find_desk_records(outsider, objects, name, key):
    response = logged_in_client(outsider).get(reverse(f"hubs:{name}", args=[objects[key]]))
    assert response.status_code == 404


def test_outsider_sees_the_hub_but_not_the_desk(outsider, objects):
    page = logged_in_client(outsider).get(reverse("hubs:hub_detail", args=[objects["hub"]])).content.decode()
    assert "Tabriz Science Park" in page
    assert "Unannounced need" not in page and "Memorandum on joint technology desks" not in page
    assert logged_in_client(outsider).get(reverse("hubs:need_list", args=[objects["hub"]])).status_code == 200
    assert (
        "Unannounced need"
        not in logged_in_client(outsider)
        .get(reverse("hubs:need_list", args=[objects["hub"]]))
        .content.decode()
    )
    assert (
        logged_in_client(outsider).get(reverse("hubs:hub_create")).status_code == 200
    )  # the outsider admins their own company
    assert logged_in_client(outsider).get(reverse("analytics:ranking")).status_code == 200
    pair = (
        logged_in_client(outsider).get(reverse("hubs:country_pair_feed", args=["IR", "TR"])).content.decode()
    )
    assert "Nothing recorded yet" in pair


@pytest.mark.parametrize(("name", "keys", "data"), POSTS)
def test_outsider_writes_nothing(outsider, objects, name, keys, data):
    before = _snapshot()
    response = logged_in_client(outsider).post(
        reverse(f"hubs:{name}", args=[objects[key] for key in keys]), data
    )
    assert response.status_code in (403, 404)
    assert _snapshot() == before


def test_outsider_cannot_open_a_hub_for_a_park_not_theirs(outsider, park):
    response = logged_in_client(outsider).post(
        reverse("hubs:hub_create"),
        {
            "host": park.pk,
            "partner_country": "DE",
            "mandate": "m",
            "designated_by": "x",
            "designated_on": "2024-01-01",
        },
    )
    assert response.status_code == 200 and not Hub.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        ("hubs:hub_create", ()),
        ("analytics:ranking", ()),
        ("hubs:hub_feed", ("hub",)),
        ("hubs:need_list", ("hub",)),
        ("hubs:agreement_detail", ("agreement",)),
        ("hubs:report_pdf", ("report",)),
    ],
)
def test_anonymous_is_sent_to_log_in(anonymous, objects, path):
    name, keys = path
    response = anonymous.get(reverse(name, args=[objects[key] for key in keys]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_anonymous_cannot_see_an_unannounced_need(anonymous, objects):
    assert anonymous.get(reverse("hubs:need_detail", args=[objects["need"]])).status_code == 404


def test_anonymous_api_is_refused_the_desk(anonymous, objects):
    # The hubs themselves are public (issue 16 item 2, hubs/tests/test_public_api.py); the desk is not.
    assert anonymous.get(f"/api/v1/hubs/{objects['hub']}/interactions").status_code == 401


def test_outsider_cannot_edit_the_hub_or_download_agreement_documents(outsider, owner, objects, pdf_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert logged_in_client(outsider).get(reverse("hubs:hub_edit", args=[objects["hub"]])).status_code == 403
    agreement = Agreement.objects.get(pk=objects["agreement"])
    document = services.agreement_document_add(
        actor=owner, agreement=agreement, upload=SimpleUploadedFile("annex.pdf", pdf_bytes)
    )
    response = logged_in_client(outsider).get(
        reverse("hubs:agreement_document_download", args=[agreement.pk, document.pk])
    )
    assert response.status_code == 404
