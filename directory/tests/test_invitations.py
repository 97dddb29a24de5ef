import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from directory.models import Invitation, OrganisationMembership, Role


def send_url(organisation):
    return reverse("directory:invitation_send", kwargs={"pk": organisation.pk})


def accept_url(invitation):
    return reverse("directory:invitation_accept", kwargs={"token": invitation.token})


@pytest.fixture
def invitation(owner, park):
    return Invitation.objects.create(
        organisation=park,
        email="newcomer@tabriz-park.example",
        role=Role.MEMBER,
        invited_by=owner,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )


def test_invite_email_accept_makes_a_member(
    owner, park, make_user, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://parklink.example"
    # given an admin invites a colleague
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client(owner).post(
            send_url(park), {"email": "Newcomer@Tabriz-Park.example", "role": "admin"}
        )
    assert response.status_code == 302
    # then an email with an accept link goes out
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Newcomer@Tabriz-Park.example"]
    assert "Tabriz Science Park" in message.subject
    link = re.search(r"https://parklink\.example(/\S+)", str(message.body))
    assert link, message.body
    # when the invitee signs up with that address and follows the link
    newcomer = logged_in_client(make_user("newcomer@tabriz-park.example"))
    assert newcomer.get(link.group(1)).status_code == 200
    response = newcomer.post(link.group(1))
    # then they are an admin of the park
    assert response.status_code == 302
    membership = OrganisationMembership.objects.get(user__email="newcomer@tabriz-park.example")
    assert (membership.organisation, membership.role) == (park, Role.ADMIN)
    assert Invitation.objects.get().accepted_at is not None


def test_pending_invitation_is_listed_for_admin(owner, park, invitation):
    response = logged_in_client(owner).get(reverse("directory:organisation_detail", kwargs={"pk": park.pk}))

    assert "newcomer@tabriz-park.example" in response.text


def test_user_with_another_email_cannot_accept(invitation, outsider):
    client = logged_in_client(outsider)

    assert client.get(accept_url(invitation)).status_code == 403
    response = client.post(accept_url(invitation))

    assert response.status_code == 403
    assert "sent to another email address" in response.text
    assert not invitation.organisation.memberships.filter(user=outsider).exists()


def test_expired_invitation_cannot_be_accepted(invitation, make_user):
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    newcomer = make_user("newcomer@tabriz-park.example")

    response = logged_in_client(newcomer).post(accept_url(invitation))

    assert response.status_code == 409
    assert "This invitation has expired" in response.text
    assert not OrganisationMembership.objects.filter(user=newcomer).exists()


def test_revoked_invitation_cannot_be_accepted(owner, park, invitation, make_user):
    revoke = reverse("directory:invitation_revoke", kwargs={"pk": park.pk, "invitation_pk": invitation.pk})
    assert logged_in_client(owner).post(revoke).status_code == 302
    newcomer = make_user("newcomer@tabriz-park.example")

    response = logged_in_client(newcomer).post(accept_url(invitation))

    assert response.status_code == 409
    assert "withdrawn" in response.text
    assert not OrganisationMembership.objects.filter(user=newcomer).exists()


def test_forged_link_is_not_found(make_user):
    client = logged_in_client(make_user("someone@example.org"))

    response = client.get(reverse("directory:invitation_accept", kwargs={"token": "1:forged"}))

    assert response.status_code == 404


def test_anonymous_is_sent_to_login_and_back(anonymous, invitation):
    response = anonymous.get(accept_url(invitation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_inviting_an_existing_member_is_refused_and_input_kept(owner, colleague, park):
    response = logged_in_client(owner).post(
        send_url(park), {"email": "COLLEAGUE@tabriz-park.example", "role": "member"}
    )

    assert response.status_code == 200
    assert "is already a member of Tabriz Science Park" in response.text
    assert 'value="COLLEAGUE@tabriz-park.example"' in response.text
    assert not Invitation.objects.exists()


def test_secretariat_role_only_on_networks(owner, park):
    response = logged_in_client(owner).post(send_url(park), {"email": "x@example.org", "role": "secretariat"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Invitation.objects.exists()


def test_bad_email_is_refused(owner, park):
    response = logged_in_client(owner).post(send_url(park), {"email": "not an email", "role": "member"})

    assert response.status_code == 200
    assert "Enter a valid email address" in response.text


def test_outsider_cannot_invite_or_revoke(outsider, park, invitation):
    client = logged_in_client(outsider)
    revoke = reverse("directory:invitation_revoke", kwargs={"pk": park.pk, "invitation_pk": invitation.pk})

    assert client.post(send_url(park), {"email": "friend@example.org", "role": "admin"}).status_code == 403
    assert client.post(revoke).status_code == 403
    assert Invitation.objects.get().revoked_at is None


def test_colleague_cannot_invite(colleague, park):
    response = logged_in_client(colleague).post(
        send_url(park), {"email": "friend@example.org", "role": "member"}
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_anonymous_cannot_invite(anonymous, park):
    response = anonymous.post(send_url(park), {"email": "friend@example.org", "role": "member"})

    assert response.status_code == 302
    assert not Invitation.objects.exists()
