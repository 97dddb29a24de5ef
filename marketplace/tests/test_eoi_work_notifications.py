# ruff: noqa: F811  (the shared EOI fixtures are imported by name, and pytest passes them back in)
"""Issue 16 item 7: expressions of interest notify the people they concern, in the app and (by
default) by email, each in their own language whoever acted, and never name a hidden owner."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from core.models import Notification
from core.notifications import notification_preferences_update
from marketplace.eoi_services import eoi_accept, eoi_decline, eoi_message_post
from marketplace.models import ExpressionOfInterest
from marketplace.tests.test_eoi_flow import (  # noqa: F401 (fixtures)
    anonymous_profile,
    make_profile,
    partner,
    partner_organisation,
    published_profile,
    send_eoi,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_immediately")]


def _speaks(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _subject(eoi, message, language):
    with translation.override(language):
        context = {"message": message, "profile": eoi.profile, "sender_organisation": eoi.sender_organisation}
        return render_to_string("marketplace/email/eoi_subject.txt", context).strip()


def _notes(kind):
    return Notification.objects.filter(topic=kind)


def test_received_tells_the_owners_people_in_their_language(
    owner, colleague, partner, outsider, published_profile, send_eoi
):
    _speaks(colleague, "fa")
    with translation.override("en"):
        eoi = send_eoi(published_profile)
    received = _notes("marketplace.eoi_received")
    assert set(received.values_list("recipient__email", flat=True)) == {owner.email, colleague.email}
    persian = received.get(recipient=colleague).subject
    assert persian == _subject(eoi, "received", "fa")
    assert persian != _subject(eoi, "received", "en")
    assert received.get(recipient=owner).subject == _subject(eoi, "received", "en")
    assert not Notification.objects.filter(recipient__in=[partner, outsider]).exists()
    # The default for this kind is an email at once, in the reader's language too.
    to_colleague = [message for message in mail.outbox if message.to == [colleague.email]]
    assert [message.subject for message in to_colleague] == [persian]


def test_accepted_and_declined_tell_the_author_only(
    owner, partner, outsider, published_profile, make_profile, send_eoi
):
    _speaks(partner, "fa")
    accepted = eoi_accept(actor=owner, eoi=send_eoi(published_profile), message="Welcome.")
    declined = eoi_decline(
        actor=owner,
        eoi=send_eoi(make_profile(title="Field-ready water purification cartridge")),
        reason=ExpressionOfInterest.DeclineReason.PARTNER_FOUND,
    )
    [accept_note] = _notes("marketplace.eoi_accepted")
    [decline_note] = _notes("marketplace.eoi_declined")
    assert accept_note.recipient == decline_note.recipient == partner
    assert accept_note.subject == _subject(accepted, "accepted", "fa")
    assert decline_note.subject == _subject(declined, "declined", "fa")
    assert decline_note.subject != _subject(declined, "declined", "en")
    assert not Notification.objects.filter(
        recipient__in=[owner, outsider], topic__in=["marketplace.eoi_accepted", "marketplace.eoi_declined"]
    ).exists()


def test_a_new_message_tells_the_other_side_only(
    owner, colleague, partner, outsider, published_profile, send_eoi
):
    eoi = eoi_accept(actor=owner, eoi=send_eoi(published_profile), message="Welcome.")
    eoi_message_post(author=partner, eoi=eoi, body="Here is our plan.")
    assert set(_notes("marketplace.eoi_message").values_list("recipient__email", flat=True)) == {
        owner.email,
        colleague.email,
    }
    Notification.objects.all().delete()
    eoi_message_post(author=owner, eoi=eoi, body="Thank you.")
    assert list(_notes("marketplace.eoi_message").values_list("recipient__email", flat=True)) == [
        partner.email
    ]
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_notifications_to_the_sender_never_name_a_hidden_owner(owner, partner, anonymous_profile, send_eoi):
    eoi_decline(
        actor=owner,
        eoi=send_eoi(anonymous_profile),
        reason=ExpressionOfInterest.DeclineReason.OTHER,
        note="Not now.",
    )
    told = Notification.objects.filter(recipient=partner)
    assert told.exists()
    for note in told:
        text = f"{note.subject} {note.body} {note.url}"
        assert "Tabriz" not in text and owner.full_name not in text
    for message in mail.outbox:
        if message.to == [partner.email]:
            assert "Tabriz" not in f"{message.subject} {message.body}"


def test_the_owner_who_switched_received_off_hears_nothing(owner, colleague, published_profile, send_eoi):
    notification_preferences_update(user=owner, preferences={"marketplace.eoi_received": "off"})
    send_eoi(published_profile)
    assert list(_notes("marketplace.eoi_received").values_list("recipient__email", flat=True)) == [
        colleague.email
    ]
    assert owner.email not in [address for message in mail.outbox for address in message.to]


def test_received_in_the_app_only_sends_no_email(owner, published_profile, send_eoi):
    notification_preferences_update(user=owner, preferences={"marketplace.eoi_received": "app"})
    send_eoi(published_profile)
    assert _notes("marketplace.eoi_received").filter(recipient=owner, emailed_at__isnull=True).exists()
    assert owner.email not in [address for message in mail.outbox for address in message.to]
