"""The agreement's history reads as whole sentences in the reader's language, never internal codes
(`negotiation_open`, `approvals_voided`)."""

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import logged_in_client
from hubs import services
from hubs.agreement_workflow import HISTORY_SENTENCES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_agreement_history_tells_each_step_as_a_sentence(language, agreement, owner, park):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    owner.preferred_language = language
    owner.save(update_fields=["preferred_language"])
    body = logged_in_client(owner).get(reverse("hubs:agreement_detail", args=[agreement.pk])).content.decode()
    history = body.split('id="agreement-history"', 1)[1].split("</section>", 1)[0]
    actor = owner.get_full_name() or owner.email
    with translation.override(language):
        opened = str(HISTORY_SENTENCES["negotiation_open"]) % {"actor": actor}
        approved = str(HISTORY_SENTENCES["approve"]) % {"actor": actor, "organisation": park.name}
    assert opened in history
    assert approved in history
    for code in ("negotiation_open", "approvals_voided", "approve ", "draft ·"):
        assert code not in history
