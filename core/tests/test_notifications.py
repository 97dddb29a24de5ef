"""Notifications: stored in each recipient's language, read only by their recipient, digested by email."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from conftest import logged_in_client
from core.models import Notification
from core.notifications import notification_digests_send, notification_send


@pytest.fixture
def russian_reader(make_user):
    return make_user("reader@example.org", preferred_language="ru")


def test_each_recipient_reads_the_subject_in_their_own_language(owner, russian_reader):
    sent = notification_send(
        recipients=[owner, russian_reader, owner], topic="test.hello", subject=gettext_lazy("Marketplace")
    )

    assert sent == 2
    with translation.override("ru"):
        russian = gettext("Marketplace")
    assert russian != "Marketplace"
    assert Notification.objects.get(recipient=russian_reader).subject == russian
    assert Notification.objects.get(recipient=owner).subject == "Marketplace"


def test_inactive_people_are_not_notified(owner):
    owner.is_active = False
    owner.save()

    assert notification_send(recipients=[owner], topic="test.hello", subject="Hello") == 0


def test_the_page_lists_only_my_notifications_and_marks_them_read(owner, outsider):
    notification_send(recipients=[owner], topic="test.hello", subject="A match for your offer", url="/x/")
    notification_send(recipients=[outsider], topic="test.hello", subject="Somebody else's news")
    client = logged_in_client(owner)

    page = client.get(reverse("core:notifications"))
    assert "A match for your offer" in page.text
    assert "Somebody else&#x27;s news" not in page.text
    assert "Somebody else's news" not in page.text
    assert client.get(reverse("core:home")).text.count('id="nav-notifications"') == 1

    client.post(reverse("core:notifications_read"))
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=outsider, read_at__isnull=True).exists()


def test_anonymous_visitors_are_sent_to_log_in(anonymous):
    response = anonymous.get(reverse("core:notifications"))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert anonymous.post(reverse("core:notifications_read")).status_code == 302


def test_the_daily_digest_emails_unread_notifications_once(owner, russian_reader):
    notification_send(
        recipients=[owner, russian_reader], topic="test.hello", subject="Two matches", url="/m/"
    )
    read_already = notification_send(recipients=[owner], topic="test.hello", subject="Seen on the site")
    assert read_already == 1
    Notification.objects.filter(subject="Seen on the site").update(read_at="2026-01-01T00:00:00Z")

    assert notification_digests_send() == 2
    to_owner = next(message for message in mail.outbox if message.to == [owner.email])
    assert "Two matches" in to_owner.body
    assert "Seen on the site" not in to_owner.body
    assert "/m/" in to_owner.body

    mail.outbox.clear()
    assert notification_digests_send() == 0


def test_api_lists_my_notifications_and_marks_them_read(owner, outsider, api_client):
    notification_send(recipients=[owner], topic="test.hello", subject="Mine")
    notification_send(recipients=[outsider], topic="test.hello", subject="Theirs")
    client = api_client(owner)

    listed = client.get("/api/v1/notifications?unread=true").json()
    assert [item["subject"] for item in listed["items"]] == ["Mine"]
    assert listed["count"] == 1

    marked = client.post("/api/v1/notifications/read", {}, content_type="application/json").json()
    assert marked == {"marked_read": 1}
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 0


def test_api_outsider_cannot_mark_someone_elses_notification(owner, outsider, api_client):
    notification_send(recipients=[owner], topic="test.hello", subject="Mine")
    mine = Notification.objects.get(recipient=owner)

    response = api_client(outsider).post(
        "/api/v1/notifications/read", {"ids": [mine.pk]}, content_type="application/json"
    )

    assert response.json() == {"marked_read": 0}
    mine.refresh_from_db()
    assert mine.read_at is None


def test_api_needs_a_token(anonymous):
    assert anonymous.get("/api/v1/notifications").status_code == 401
