"""Registration emails (confirmation, waitlist, approval, rejection), each in the recipient's own
interface language. Other news (meeting requests, the final agenda, the outcome survey) goes through
in-app notifications (`core.notifications`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.notification_kinds import notification_kind_register
from core.timezones import zone_info
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
    # In the person's language and time zone: the event's times are followed by theirs.
    with (
        translation.override(user.preferred_language or settings.LANGUAGE_CODE),
        timezone.override(zone_info(user.time_zone)),
    ):
        context = {
            "message": message,
            "registration": registration,
            "event": registration.event,
            "url": event_url(registration),
        }
        subject = render_to_string("events/email/registration_subject.txt", context).strip()
        body = render_to_string("events/email/registration_body.txt", context)
    return send_mail(subject, body, None, [user.email])


# The kinds of in-app notification the events services send (core/notification_kinds.py).
notification_kind_register(
    "events.meeting_requested",
    name=_("A meeting is requested"),
    description=_("Another participant of an event asks to meet you."),
)
notification_kind_register(
    "events.meeting_accepted",
    name=_("A meeting is accepted"),
    description=_("A participant accepted the meeting you asked for, or a meeting was arranged for you."),
)
notification_kind_register(
    "events.meeting_declined",
    name=_("A meeting is declined"),
    description=_("A participant declined the meeting you asked for."),
)
notification_kind_register(
    "events.agenda_final",
    name=_("An event's final agenda"),
    description=_("The organisers published the final agenda of an event you take part in."),
)
notification_kind_register(
    "events.outcome_survey",
    name=_("An event's outcome survey"),
    description=_("The organisers ask what came of the meetings you had at an event."),
)
