"""Every page as an outsider (a member of an unrelated organisation) and as an anonymous visitor:
public pages open, everything else is refused without revealing anything, and nothing changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from exchanges import services
from exchanges.models import Application, Call, Placement, Programme, ReviewAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(advanced, secretariat, host_admin, host_organisation, programme, call, reviewer):
    application = advanced("completed")
    placement = services.placement_publish(
        actor=host_admin,
        host=host_organisation,
        programme=programme,
        title="Assay automation",
        lab="Bioassay lab",
        supervisor="Dr Kim",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    draft_call = services.call_create(
        actor=secretariat,
        programme=programme,
        title="Draft call",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=5),
        mobility_year=timezone.localdate().year,
    )
    document = application.documents.first()
    review = ReviewAssignment.objects.get(application=application)
    answer = application.answers.first()
    return {
        "application": application,
        "placement": placement,
        "call": call,
        "draft_call": draft_call,
        "programme": programme,
        "document": document,
        "review": review,
        "answer": answer,
    }


PUBLIC = [
    ("exchanges:programme_list", lambda w: {}),
    ("exchanges:programme_detail", lambda w: {"pk": w["programme"].pk}),
    ("exchanges:call_detail", lambda w: {"pk": w["call"].pk}),
    ("exchanges:placement_list", lambda w: {}),
    ("exchanges:placement_detail", lambda w: {"pk": w["placement"].pk}),
    ("exchanges:document_verify", lambda w: {"number": w["document"].number}),
    ("exchanges:document_verify_upload", lambda w: {}),
]

# Pages of a programme or call everyone sees but only its managers use: refused with 403 (the thing is
# public, so refusing it as missing would hide nothing; docs/architecture.md, "Refusals").
MANAGERS_GET = [
    ("exchanges:programme_edit", lambda w: {"pk": w["programme"].pk}),
    ("exchanges:programme_report", lambda w: {"pk": w["programme"].pk}),
    ("exchanges:call_create", lambda w: {"pk": w["programme"].pk}),
    ("exchanges:call_edit", lambda w: {"pk": w["call"].pk}),
]

PRIVATE_GET = [
    ("exchanges:call_detail", lambda w: {"pk": w["draft_call"].pk}),
    ("exchanges:application_detail", lambda w: {"pk": w["application"].pk}),
    ("exchanges:application_edit", lambda w: {"pk": w["application"].pk}),
    ("exchanges:answer_file", lambda w: {"pk": w["application"].pk, "answer_pk": w["answer"].pk}),
    ("exchanges:review_detail", lambda w: {"pk": w["review"].pk}),
    ("exchanges:document_download", lambda w: {"number": w["document"].number}),
]

PRIVATE_POST = [
    ("exchanges:call_open", lambda w: {"pk": w["draft_call"].pk}, {}),
    ("exchanges:call_close", lambda w: {"pk": w["call"].pk}, {}),
    ("exchanges:call_field_add", lambda w: {"pk": w["call"].pk}, {"field-label": "X", "field-kind": "text"}),
    ("exchanges:call_field_remove", lambda w: {"pk": w["call"].pk, "field_pk": w["answer"].field_id}, {}),
    (
        "exchanges:criterion_add",
        lambda w: {"pk": w["call"].pk},
        {"criterion-name": "X", "criterion-weight": "1"},
    ),
    ("exchanges:criterion_remove", lambda w: {"pk": w["call"].pk, "criterion_pk": 1}, {}),
    ("exchanges:application_submit", lambda w: {"pk": w["application"].pk}, {}),
    ("exchanges:application_withdraw", lambda w: {"pk": w["application"].pk}, {}),
    (
        "exchanges:referee_request",
        lambda w: {"pk": w["application"].pk, "field_pk": 1},
        {"referee_name": "A", "referee_email": "a@example.org"},
    ),
    ("exchanges:application_eligibility", lambda w: {"pk": w["application"].pk}, {"eligible": "yes"}),
    ("exchanges:review_assign", lambda w: {"pk": w["application"].pk}, {"reviewer": "x@example.org"}),
    (
        "exchanges:application_decide",
        lambda w: {"pk": w["application"].pk},
        {"decision": "accepted", "reason": "x"},
    ),
    ("exchanges:application_offer", lambda w: {"pk": w["application"].pk}, {"expires_on": "2099-01-01"}),
    ("exchanges:application_offer_answer", lambda w: {"pk": w["application"].pk}, {"answer": "accept"}),
    ("exchanges:application_place", lambda w: {"pk": w["application"].pk}, {}),
    ("exchanges:application_final_report", lambda w: {"pk": w["application"].pk}, {"report": "x" * 30}),
    (
        "exchanges:application_host_evaluation",
        lambda w: {"pk": w["application"].pk},
        {"evaluation": "x" * 30},
    ),
    ("exchanges:invitation_letter_issue", lambda w: {"pk": w["application"].pk}, {}),
    ("exchanges:review_conflict", lambda w: {"pk": w["review"].pk}, {"conflict-reason": "x"}),
    ("exchanges:placement_withdraw", lambda w: {"pk": w["placement"].pk}, {}),
    ("exchanges:document_revoke", lambda w: {"number": w["document"].number}, {"reason": "x"}),
]


def _snapshot():
    return (
        list(Application.objects.values_list("status", flat=True)),
        list(Call.objects.values_list("status", flat=True)),
        list(Placement.objects.values_list("status", flat=True)),
        Programme.objects.count(),
        list(ReviewAssignment.objects.values_list("status", flat=True)),
    )


# One world per test, every page checked in it: building the world is the expensive part.


def test_public_pages_open_to_anyone(world, anonymous, outsider):
    for name, kwargs in PUBLIC:
        url = reverse(name, kwargs=kwargs(world))
        assert anonymous.get(url).status_code == 200, name
        assert logged_in_client(outsider).get(url).status_code == 200, name


def test_outsider_cannot_open_private_pages(world, outsider):
    client = logged_in_client(outsider)
    for name, kwargs in PRIVATE_GET:
        response = client.get(reverse(name, kwargs=kwargs(world)))
        assert response.status_code == 404, name
        assert "Colleague Kaveh" not in response.content.decode(), name


def test_outsider_is_refused_the_managers_pages_of_a_public_programme(world, outsider):
    client = logged_in_client(outsider)
    for name, kwargs in MANAGERS_GET:
        response = client.get(reverse(name, kwargs=kwargs(world)))
        assert response.status_code == 403, name
        assert "Only the secretariat of the programme" in response.content.decode(), name
        assert "Colleague Kaveh" not in response.content.decode(), name


def test_anonymous_is_sent_to_sign_in_for_private_pages(world, anonymous):
    for name, kwargs in PRIVATE_GET + MANAGERS_GET:
        response = anonymous.get(reverse(name, kwargs=kwargs(world)))
        assert response.status_code in (302, 404), name
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name


def test_outsider_cannot_act(world, outsider):
    client = logged_in_client(outsider)
    before = _snapshot()
    for name, kwargs, data in PRIVATE_POST:
        response = client.post(reverse(name, kwargs=kwargs(world)), data)
        assert response.status_code in (403, 404), name
    assert _snapshot() == before


def test_anonymous_cannot_act(world, anonymous):
    before = _snapshot()
    for name, kwargs, data in PRIVATE_POST:
        response = anonymous.post(reverse(name, kwargs=kwargs(world)), data)
        assert response.status_code in (302, 403, 404), name
    assert _snapshot() == before


def test_personal_pages_need_sign_in(anonymous):
    for name in (
        "exchanges:programme_create",
        "exchanges:my_exchanges",
        "exchanges:placement_create",
        "exchanges:conflict_list",
        "exchanges:reviewer_profile",
    ):
        response = anonymous.get(reverse(name))
        assert response.status_code == 302, name
        assert "/accounts/login/" in response["Location"], name


def test_outsider_cannot_create_programmes(world, outsider):
    assert logged_in_client(outsider).get(reverse("exchanges:programme_create")).status_code == 403


def test_outsider_cannot_publish_placements_for_another_host(world, outsider, host_organisation):
    response = logged_in_client(outsider).post(
        reverse("exchanges:placement_create"),
        {
            "host": host_organisation.pk,
            "title": "Fake",
            "lab": "L",
            "supervisor": "S",
            "starts_on": "2030-01-01",
            "ends_on": "2030-02-01",
        },
    )
    assert response.status_code == 200  # the form refuses a host that is not theirs
    assert not Placement.objects.filter(title="Fake").exists()


def test_outsider_my_exchanges_shows_nothing_of_others(world, outsider):
    page = logged_in_client(outsider).get(reverse("exchanges:my_exchanges")).content.decode()
    assert world["application"].reference not in page
