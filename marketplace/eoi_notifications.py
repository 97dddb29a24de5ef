"""The notifications and emails expressions of interest send. Each recipient reads theirs in their own
interface language; an email to the sender's side names an anonymous profile's owner only once that person
may know it (`marketplace.selectors.owner_disclosed`, i.e. after acceptance)."""

from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.notifications import notification_send
from directory.models import OrganisationMembership, Role
from marketplace.models import ExpressionOfInterest
from marketplace.selectors import owner_disclosed

# Who hears of what: the owner's side learns of new and withdrawn interest, the sender of answers.
TO_OWNER_SIDE = frozenset({"received", "withdrawn"})
TO_SENDER_SIDE = frozenset({"accepted", "declined", "expired"})
MESSAGES = TO_OWNER_SIDE | TO_SENDER_SIDE | {"message"}


def eoi_url(eoi: ExpressionOfInterest) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("marketplace:eoi_detail", kwargs={"pk": eoi.pk})


def _people_of(organisation_id: int, *, admins_only: bool = False) -> list[Any]:
    links = OrganisationMembership.objects.filter(
        organisation_id=organisation_id, user__is_active=True
    ).select_related("user")
    if admins_only:
        links = links.filter(role=Role.ADMIN)
    return [link.user for link in links.order_by("user__email")]


def _sender_side(eoi: ExpressionOfInterest) -> list[Any]:
    """The person who sent it, or the sending organisation's admins if that person has gone."""
    if eoi.sender is not None and eoi.sender.is_active:
        return [eoi.sender]
    return _people_of(eoi.sender_organisation_id, admins_only=True)


def recipients_of(eoi: ExpressionOfInterest, message: str, *, from_owner_side: bool = False) -> list[Any]:
    if message in TO_OWNER_SIDE or (message == "message" and not from_owner_side):
        return _people_of(eoi.profile.owner_id)
    return _sender_side(eoi)


# The kind of notification (marketplace/notifications.py) each message is.
KINDS = {
    "received": "marketplace.eoi_received",
    "withdrawn": "marketplace.eoi_withdrawn",
    "accepted": "marketplace.eoi_accepted",
    "declined": "marketplace.eoi_declined",
    "expired": "marketplace.eoi_expired",
    "message": "marketplace.eoi_message",
}


def _prepared(message: EmailMessage, _user: Any) -> EmailMessage:
    return message


def eoi_email_send(*, eoi: ExpressionOfInterest, message: str, from_owner_side: bool = False) -> int:
    """Notify everyone concerned by `message` about `eoi`, each as they chose to hear of its kind: in
    the app, and by this email at once (the default), in the daily digest, or not at all. Subject and
    email are rendered in each recipient's language and name a hidden owner only to whom it is
    disclosed. Returns how many people were notified."""
    if message not in MESSAGES:
        raise ValueError(f"unknown expression-of-interest message {message!r}")
    path = reverse("marketplace:eoi_detail", kwargs={"pk": eoi.pk})
    notified = 0
    for user in recipients_of(eoi, message, from_owner_side=from_owner_side):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "message": message,
                "eoi": eoi,
                "profile": eoi.profile,
                "show_owner": owner_disclosed(user, eoi.profile),
                "owner": eoi.profile.owner,
                "answered_by": eoi.answered_by,
                "sender_organisation": eoi.sender_organisation,
                "decline_reason": eoi.get_decline_reason_display() if eoi.decline_reason else "",
                "url": eoi_url(eoi),
            }
            subject = render_to_string("marketplace/email/eoi_subject.txt", context).strip()
            body = render_to_string("marketplace/email/eoi_body.txt", context)
        email = EmailMessage(subject, body, None, [user.email])
        notified += notification_send(
            recipients=[user],
            kind=KINDS[message],
            subject=subject,
            url=path,
            email=partial(_prepared, email),
        )
    return notified
