"""Issue 16 item 7: a signed memorandum or agreement tells the people of every party, each in their
own language whoever signed it, and nobody outside the parties."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from core.models import Notification
from hubs import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_immediately")]

MOU_SIGNED = "The memorandum of understanding “{title}” has been signed."


def _sign(agreement, owner, park, partner, partner_admin):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    services.agreement_approve(
        actor=partner_admin, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    with translation.override("en"):
        return services.agreement_sign(actor=owner, agreement=agreement)


def test_the_parties_people_hear_of_the_signature_in_their_language(
    agreement, owner, colleague, park, partner, partner_admin, desk_member, outsider
):
    partner_admin.preferred_language = "fa"
    partner_admin.save(update_fields=["preferred_language"])
    _sign(agreement, owner, park, partner, partner_admin)

    signed = Notification.objects.filter(topic="hubs.agreement_signed")
    assert set(signed.values_list("recipient__email", flat=True)) == {colleague.email, partner_admin.email}
    with translation.override("fa"):
        persian = gettext(MOU_SIGNED).format(title=agreement.title)
    assert signed.get(recipient=partner_admin).subject == persian
    assert signed.get(recipient=colleague).subject == MOU_SIGNED.format(title=agreement.title)
    # Whoever signed knows; a desk park that is no party and an outsider hear nothing.
    assert not signed.filter(recipient__in=[owner, desk_member, outsider]).exists()


def test_an_agreement_that_is_not_a_memorandum_says_so(hub, owner, park, partner, partner_admin):
    agreement = services.agreement_draft(
        actor=owner,
        hub=hub,
        kind="cooperation",
        title="Cooperation on incubation programmes",
        text="Both parks admit each other's start-ups to their incubation programmes.",
        parties=[park, partner],
        scope=["smes"],
    )
    _sign(agreement, owner, park, partner, partner_admin)
    [note] = Notification.objects.filter(topic="hubs.agreement_signed")
    assert note.subject == f"The agreement “{agreement.title}” has been signed."
