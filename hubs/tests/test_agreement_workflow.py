"""One transition table (`hubs.agreement_workflow.TRANSITIONS`) decides what may be done with an agreement:
the services refuse anything else with the table's sentence, the API lists what the caller may do, and
the page offers exactly that."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in_client
from hubs import services
from hubs.agreement_workflow import TRANSITIONS
from hubs.models import Agreement

pytestmark = pytest.mark.django_db

Status = Agreement.Status


def _signed(agreement, owner, park, partner, partner_admin):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    services.agreement_approve(
        actor=partner_admin, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    return services.agreement_sign(actor=owner, agreement=agreement)


def _attempt(action, agreement, owner, park, pdf_bytes):
    """Take `action` on the agreement through its service, as the hub's manager (an admin of a party)."""
    calls = {
        "update": lambda: services.agreement_update(
            actor=owner,
            agreement=agreement,
            kind=agreement.kind,
            title="Changed title",
            text=agreement.text,
            parties=[party.organisation for party in agreement.parties.all()],
        ),
        "document_add": lambda: services.agreement_document_add(
            actor=owner, agreement=agreement, upload=SimpleUploadedFile("annex.pdf", pdf_bytes)
        ),
        "negotiate": lambda: services.agreement_negotiation_open(actor=owner, agreement=agreement),
        "approve": lambda: services.agreement_approve(
            actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash
        ),
        "sign": lambda: services.agreement_sign(actor=owner, agreement=agreement),
        "terminate": lambda: services.agreement_terminate(actor=owner, agreement=agreement, reason="Ended."),
        "renew": lambda: services.agreement_renew(actor=owner, agreement=agreement),
    }
    return calls[action]()


@pytest.mark.parametrize("action", ["approve", "sign", "terminate", "renew"])
def test_a_draft_refuses_what_the_table_does_not_allow_from_draft(agreement, owner, park, pdf_bytes, action):
    assert Status.DRAFT not in TRANSITIONS[action].from_statuses
    with pytest.raises(ValidationError) as refusal:
        _attempt(action, agreement, owner, park, pdf_bytes)
    assert refusal.value.messages == [str(TRANSITIONS[action].refused)]
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT


@pytest.mark.parametrize("action", ["update", "document_add", "negotiate", "approve", "sign", "terminate"])
def test_a_renewed_agreement_refuses_every_action(
    agreement, owner, park, partner, partner_admin, pdf_bytes, action
):
    services.agreement_renew(actor=owner, agreement=_signed(agreement, owner, park, partner, partner_admin))
    agreement.refresh_from_db()
    with pytest.raises(ValidationError) as refusal:
        _attempt(action, agreement, owner, park, pdf_bytes)
    assert refusal.value.messages == [str(TRANSITIONS[action].refused)]
    assert not agreement.documents.exists() and agreement.title == "Memorandum on joint technology desks"


def test_the_refusal_is_a_whole_sentence(agreement, owner, park, partner, partner_admin, pdf_bytes):
    signed = _signed(agreement, owner, park, partner, partner_admin)
    with pytest.raises(ValidationError) as refusal:
        _attempt("update", signed, owner, park, pdf_bytes)
    assert refusal.value.messages == ["An agreement can no longer be changed once it is signed."]


def test_who_may_act_comes_before_the_status(agreement, partner_admin, desk_member, park):
    # a party's admin is not one of the hub's managers: refused as a person, whatever the status
    with pytest.raises(PermissionDenied, match=r"^Only the hub's managers sign agreements\.$"):
        services.agreement_sign(actor=partner_admin, agreement=agreement)
    # a desk member is no party's admin
    with pytest.raises(PermissionDenied, match=r"^Only an admin of a party approves the agreement for it\.$"):
        services.agreement_approve(
            actor=desk_member, agreement=agreement, party=park, text_hash=agreement.text_hash
        )


def test_api_refuses_a_wrong_state_action_with_the_sentence(api_client, agreement, owner):
    response = api_client(owner).post(
        f"/api/v1/agreements/{agreement.pk}/sign", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["message"] == "Only an agreement that every party has approved can be signed."
    again = api_client(owner).post(f"/api/v1/agreements/{agreement.pk}/negotiate")
    assert again.status_code == 200
    repeated = api_client(owner).post(f"/api/v1/agreements/{agreement.pk}/negotiate")
    assert repeated.status_code == 422 and repeated.json()["message"] == "Only a draft goes into negotiation."


def test_api_lists_the_actions_the_table_allows_the_caller(
    api_client, agreement, owner, park, partner, partner_admin
):
    def actions(user):
        return api_client(user).get(f"/api/v1/agreements/{agreement.pk}").json()["available_actions"]

    assert actions(owner) == ["update", "document_add", "negotiate"]
    assert actions(partner_admin) == []
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    assert actions(owner) == ["update", "document_add", "approve"]
    assert actions(partner_admin) == ["approve"]
    for user, party in ((owner, park), (partner_admin, partner)):
        services.agreement_approve(
            actor=user, agreement=agreement, party=party, text_hash=agreement.text_hash
        )
    assert actions(owner) == ["update", "document_add", "approve", "sign"]
    services.agreement_sign(actor=owner, agreement=agreement, signed_on=datetime.date(2024, 5, 1))
    assert actions(owner) == ["terminate", "renew"]


# The page's buttons and forms, by the action of the table they take.
ACTION_URLS = {
    "update": "hubs:agreement_edit",
    "document_add": "hubs:agreement_document_add",
    "negotiate": "hubs:agreement_negotiate",
    "approve": "hubs:agreement_approve",
    "sign": "hubs:agreement_sign",
    "terminate": "hubs:agreement_terminate",
    "renew": "hubs:agreement_renew",
}


@pytest.mark.parametrize("status", [status for status in Status.values])
def test_the_page_offers_what_the_table_allows_in_each_status(agreement, owner, status):
    # given the agreement in `status` (set directly: the page only reads it)
    Agreement.objects.filter(pk=agreement.pk).update(status=status)
    # when the hub's manager, who is also an admin of a party, opens it
    page = logged_in_client(owner).get(reverse("hubs:agreement_detail", args=[agreement.pk])).content.decode()
    # then every action the table allows from that status is offered, and nothing else
    offered = {action for action, name in ACTION_URLS.items() if reverse(name, args=[agreement.pk]) in page}
    allowed = {action for action in ACTION_URLS if status in TRANSITIONS[action].from_statuses}
    assert offered == allowed


def test_the_page_says_why_a_wrong_state_action_is_refused(agreement, owner):
    response = logged_in_client(owner).post(reverse("hubs:agreement_sign", args=[agreement.pk]), follow=True)
    assert "Only an agreement that every party has approved can be signed." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT
