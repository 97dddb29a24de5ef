"""A membership's history reads as whole sentences in the reader's language, on the page and in the API's
`description`, never as codes (networks/history.py)."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from accounts.services import api_token_create
from conftest import logged_in_client
from networks.history import HISTORY_SENTENCES
from networks.models import MembershipStatusChange

pytestmark = pytest.mark.django_db
CODE = re.compile(r"\b[a-z]{2,}(?:_[a-z]{2,})+\b")


def test_every_step_of_the_workflow_has_its_own_sentence(active_membership):
    recorded = set(MembershipStatusChange.objects.values_list("action", flat=True))
    assert recorded == {"apply", "approve", "payment_record"}
    assert recorded <= set(HISTORY_SENTENCES)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_membership_history_speaks_in_sentences_on_the_page_and_in_the_api(
    active_membership, owner, language
):
    # given the park's owner, whose application was approved and paid, reading in their language
    client = logged_in_client(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    _token, key = api_token_create(user=owner, name="history", scope="read")

    # when they open the membership, and ask the API for it
    page = client.get(f"/networks/memberships/{active_membership.pk}/").content.decode()
    history = page[page.index('id="history"') : page.index("</ol>", page.index('id="history"'))]
    body = client.get(
        f"/api/v1/memberships/{active_membership.pk}",
        headers={"Authorization": f"Bearer {key}", "Accept-Language": language},
    ).json()

    # then each step is its type's sentence in their language; the API keeps the code beside it
    with translation.override(language):
        applied = str(HISTORY_SENTENCES["apply"]) % {"actor": owner.get_full_name()}
        paid = str(HISTORY_SENTENCES["payment_record"]) % {"actor": "secretariat@srspa.example"}
    assert applied in history
    assert body["history"][0]["description"] == applied
    assert [step["action"] for step in body["history"]] == ["apply", "approve", "payment_record"]
    assert body["history"][2]["description"] == paid
    visible = re.sub(r"<[^>]+>", " ", history)
    assert CODE.findall(visible) == []
    if language == "en":
        assert "Owner Parvin applied for membership." in visible
