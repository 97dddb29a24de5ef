"""Deleting follows what the data means (docs/architecture.md, "Deleting"): an organisation that is party
to an agreement, or hosts a hub, cannot be deleted from under it; a deleted person's steps in an
agreement's history stay, with their name."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db.models import ProtectedError
from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation
from hubs import services
from hubs.models import Agreement, AgreementEvent, AgreementParty, Hub

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(agreement, owner, park, partner, partner_admin):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    services.agreement_approve(
        actor=partner_admin, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    return services.agreement_sign(actor=owner, agreement=agreement)


def test_deleting_a_party_to_a_signed_agreement_is_refused_and_the_agreement_keeps_its_parties(
    signed, partner
):
    with pytest.raises(ProtectedError):
        partner.delete()

    assert Organisation.objects.filter(pk=partner.pk).exists()
    signed.refresh_from_db()
    assert signed.status == Agreement.Status.SIGNED
    assert AgreementParty.objects.filter(agreement=signed, organisation=partner).exists()


def test_deleting_a_hubs_host_is_refused(hub, park):
    with pytest.raises(ProtectedError):
        park.delete()

    assert Hub.objects.filter(pk=hub.pk).exists()


def test_the_admin_refuses_to_delete_a_party_to_a_signed_agreement_and_says_why(make_user, signed, partner):
    superuser = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(superuser, generate_totp_secret())
    client = logged_in_client(superuser)
    delete_url = reverse("admin:directory_organisation_delete", args=[partner.pk])

    page = client.get(delete_url)
    client.post(delete_url, {"post": "yes"})

    assert "protected related objects" in page.content.decode()
    assert Organisation.objects.filter(pk=partner.pk).exists()


def test_a_deleted_persons_steps_stay_in_the_agreements_history_with_their_name(signed, partner_admin):
    partner_admin.delete()

    approval = AgreementEvent.objects.get(agreement=signed, action="approve", actor_name="Partner Ayşe")
    assert approval.actor is None
