"""The emails the directory sends."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from directory.models import Invitation


def invitation_accept_url(invitation: Invitation) -> str:
    path = reverse("directory:invitation_accept", kwargs={"token": invitation.token})
    return settings.SITE_URL.rstrip("/") + path


def invitation_email_send(*, invitation: Invitation, language: str) -> None:
    """Email the invitee a link to accept, in the language the inviter was using."""
    with translation.override(language):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display(),
            "accept_url": invitation_accept_url(invitation),
        }
        subject = render_to_string("directory/email/invitation_subject.txt", context).strip()
        body = render_to_string("directory/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
