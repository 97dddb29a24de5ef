"""Issue 16 item 7: each person chooses, per kind of notification, how they hear of it — in the app
only, by email at once, in the daily digest, or not at all — on /notifications/settings/ and over the
API; `notification_send` honours the choice and writes every email in the recipient's language."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from conftest import logged_in_client
from core.models import Notification, NotificationPreference
from core.notification_kinds import notification_kind, notification_kinds
from core.notifications import (
    notification_digests_send,
    notification_preferences_update,
    notification_send,
)

pytestmark = pytest.mark.django_db

# Real kinds, registered by their apps' `notifications` modules at start-up.
DIGESTED = "marketplace.profile_published"  # default: the daily digest
EMAILED = "marketplace.eoi_received"  # default: an email at once
SETTINGS_URL = "/notifications/settings/"
API_URL = "/api/v1/notifications/preferences"


def _send(user, kind, subject="Your profile is published"):
    return notification_send(recipients=[user], kind=kind, subject=subject, url="/marketplace/")


def test_every_app_registers_its_kinds_with_a_name_and_a_default():
    keys = {kind.key for kind in notification_kinds()}
    assert {
        "marketplace.profile_returned",
        "marketplace.profile_published",
        "marketplace.eoi_received",
        "marketplace.eoi_accepted",
        "marketplace.eoi_declined",
        "marketplace.eoi_message",
        "hubs.agreement_signed",
        "exchanges.application_status",
        "events.meeting_requested",
    } <= keys
    digested, emailed = notification_kind(DIGESTED), notification_kind(EMAILED)
    assert digested is not None and digested.default_channel == "digest"
    assert emailed is not None and emailed.default_channel == "email"


def test_off_stores_nothing_and_sends_nothing(owner):
    notification_preferences_update(user=owner, preferences={DIGESTED: "off"})
    assert _send(owner, DIGESTED) == 0
    assert not Notification.objects.filter(recipient=owner).exists()
    assert notification_digests_send() == 0
    assert mail.outbox == []


def test_email_now_sends_one_email_in_the_recipients_language(make_user):
    reader = make_user("reader@example.org", preferred_language="ru")
    notification_preferences_update(user=reader, preferences={DIGESTED: "email"})
    with translation.override("en"):
        assert _send(reader, DIGESTED, subject=gettext_lazy("Marketplace")) == 1
    with translation.override("ru"):
        russian = gettext("Marketplace")
    assert russian != "Marketplace"
    [email] = mail.outbox
    assert email.to == [reader.email]
    assert email.subject == russian
    assert "/marketplace/" in email.body
    stored = Notification.objects.get(recipient=reader)
    assert stored.subject == russian
    # Already emailed: the digest does not send it again.
    mail.outbox.clear()
    assert notification_digests_send() == 0


def test_digest_gathers_the_kinds_chosen_for_it_only(owner, colleague):
    notification_preferences_update(user=owner, preferences={EMAILED: "digest", DIGESTED: "app"})
    _send(owner, EMAILED, subject="Interest from Kazan")
    _send(owner, DIGESTED, subject="Published today")
    _send(colleague, DIGESTED, subject="Published for the colleague")
    assert mail.outbox == []  # nothing at once
    assert notification_digests_send() == 2
    to_owner = next(message for message in mail.outbox if message.to == [owner.email])
    assert "Interest from Kazan" in to_owner.body
    assert "Published today" not in to_owner.body  # in the app only
    assert Notification.objects.filter(recipient=owner, subject="Published today").exists()


def test_unknown_kinds_or_channels_save_nothing(owner):
    with pytest.raises(ValidationError) as refused:
        notification_preferences_update(user=owner, preferences={DIGESTED: "off", "no.such.kind": "off"})
    assert "no.such.kind" in refused.value.message_dict
    with pytest.raises(ValidationError):
        notification_preferences_update(user=owner, preferences={DIGESTED: "pigeon"})
    assert not NotificationPreference.objects.exists()


def test_settings_page_lists_every_kind_and_saves_the_choice(owner, outsider):
    client = logged_in_client(owner)
    page = client.get(SETTINGS_URL)
    assert page.status_code == 200
    for kind in notification_kinds():
        assert f'name="{kind.key}"' in page.text
    choices = {kind.key: kind.default_channel for kind in notification_kinds()}
    choices[DIGESTED] = "off"
    response = client.post(SETTINGS_URL, choices)
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=owner, kind=DIGESTED).channel == "off"
    assert not NotificationPreference.objects.filter(user=outsider).exists()
    again = client.get(SETTINGS_URL).text
    assert 'id="marketplaceprofile_published-off" value="off" checked' in again


def test_settings_page_refuses_a_bad_choice_without_saving_any(owner):
    choices = {kind.key: kind.default_channel for kind in notification_kinds()}
    choices[DIGESTED] = "off"
    choices[EMAILED] = "pigeon"
    response = logged_in_client(owner).post(SETTINGS_URL, choices)
    assert response.status_code == 400
    assert "Choose one of" in response.text
    assert not NotificationPreference.objects.filter(user=owner).exists()


def test_the_pages_link_to_the_settings(owner):
    client = logged_in_client(owner)
    assert SETTINGS_URL in client.get(reverse("core:notifications")).text
    assert reverse("core:notification_settings") == SETTINGS_URL


def test_anonymous_visitors_are_sent_to_log_in(anonymous):
    response = anonymous.get(SETTINGS_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert anonymous.post(SETTINGS_URL, {DIGESTED: "off"}).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_api_reads_and_sets_the_tokens_own_preferences(owner, outsider, api_client):
    client = api_client(owner)
    listed = {item["kind"]: item for item in client.get(API_URL).json()}
    assert listed[EMAILED]["channel"] == listed[EMAILED]["default_channel"] == "email"
    assert listed[EMAILED]["name"]

    response = client.put(API_URL, {"preferences": {EMAILED: "digest"}}, content_type="application/json")
    assert response.status_code == 200
    assert {item["kind"]: item["channel"] for item in response.json()}[EMAILED] == "digest"
    assert NotificationPreference.objects.get(user=owner, kind=EMAILED).channel == "digest"
    # The outsider's own settings are untouched and theirs alone.
    theirs = {item["kind"]: item["channel"] for item in api_client(outsider).get(API_URL).json()}
    assert theirs[EMAILED] == "email"


def test_api_refuses_bad_input_and_read_only_tokens(owner, api_client):
    bad = api_client(owner).put(
        API_URL, {"preferences": {EMAILED: "pigeon"}}, content_type="application/json"
    )
    assert bad.status_code in (400, 422)
    read_only = api_client(owner, scope="read").put(
        API_URL, {"preferences": {EMAILED: "off"}}, content_type="application/json"
    )
    assert read_only.status_code == 403
    assert not NotificationPreference.objects.exists()


def test_api_needs_a_token(anonymous):
    assert anonymous.get(API_URL).status_code == 401
    assert anonymous.put(API_URL, {"preferences": {}}, content_type="application/json").status_code == 401
