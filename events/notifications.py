"""Registration emails (confirmation, waitlist, approval, rejection), each in the recipient's own
interface language. Other news (meeting requests, the final agenda, the outcome survey) goes through
in-app notifications (`core.notifications`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import Registration

MESSAGES = frozenset(Registration.Status.values)


def event_url(registration: Registration) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "events:event_detail", kwargs={"pk": registration.event_id}
    )


def registration_email_send(*, registration: Registration, message: str) -> int:
    """Email the registered person about their registration's new state; returns emails sent."""
    if message not in MESSAGES:
        raise ValueError(f"unknown registration message {message!r}")
    user = registration.user
    if not user.is_active:
        return 0
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "message": message,
            "registration": registration,
            "event": registration.event,
            "url": event_url(registration),
        }
        subject = render_to_string("events/email/registration_subject.txt", context).strip()
        body = render_to_string("events/email/registration_body.txt", context)
    return send_mail(subject, body, None, [user.email])
