"""The emails the membership workflow sends to an applicant's admins (and whoever applied)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from directory.models import OrganisationMembership, Role
from networks.models import NetworkMembership

MESSAGES = frozenset(
    {
        "information_requested",
        "approved",
        "rejected",
        "activated",
        "cancelled",
        "renewal_reminder",
        "grace",
        "expired",
    }
)


def membership_url(membership: NetworkMembership) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("networks:membership_detail", kwargs={"pk": membership.pk})


def membership_email_send(*, membership: NetworkMembership, message: str, note: str = "") -> int:
    """Email each admin of the member (and the person who applied) in their own language; returns how
    many emails went out."""
    if message not in MESSAGES:
        raise ValueError(f"unknown membership message {message!r}")
    recipients = {
        link.user.email: link.user
        for link in OrganisationMembership.objects.filter(
            organisation_id=membership.member_id, role=Role.ADMIN, user__is_active=True
        ).select_related("user")
    }
    if membership.applied_by is not None and membership.applied_by.is_active:
        recipients.setdefault(membership.applied_by.email, membership.applied_by)
    sent = 0
    for email, user in sorted(recipients.items()):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "message": message,
                "membership": membership,
                "network": membership.network,
                "member": membership.member,
                "note": note,
                "url": membership_url(membership),
            }
            subject = render_to_string("networks/email/membership_subject.txt", context).strip()
            body = render_to_string("networks/email/membership_body.txt", context)
        sent += send_mail(subject, body, None, [email])
    return sent
