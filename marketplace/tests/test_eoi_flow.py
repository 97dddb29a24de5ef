"""Expressions of interest through the pages: send → accept → contacts → conversation → outcomes, and
the ways an EOI is refused, declined, withdrawn or times out.

Fixtures here (`partner`, `published_profile`, `make_profile`, `send_eoi`) are imported by the other
EOI test modules.
"""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from core.models import AuditEvent, Sector
from directory.models import Organisation, OrganisationMembership, Role
from marketplace import services as profile_services
from marketplace.eoi_services import eoi_accept, eoi_send
from marketplace.models import EoiMessage, EoiOutcome, ExpressionOfInterest, Profile, ProfileEvent

ANONYMOUS_TITLE = "Portable cold-plasma sterilisation unit for field clinics"


@pytest.fixture
def partner_organisation(db):
    return Organisation.objects.create(
        name="Kazan Technopark Ventures",
        kind=Organisation.Kind.COMPANY,
        country="RU",
        city="Kazan",
        email="bd@kazan-ventures.example",
        phone="+7 843 000 00 00",
    )


@pytest.fixture
def partner(make_user, partner_organisation):
    """The person who expresses interest, admin of another organisation than the owner's."""
    user = make_user("rustam@kazan-ventures.example", full_name="Rustam Partner")
    OrganisationMembership.objects.create(user=user, organisation=partner_organisation, role=Role.ADMIN)
    return user


@pytest.fixture
def make_profile(owner, park, secretariat):
    """`make_profile(**fields)`: a profile of the owner's park, published by the network secretariat
    through the profile services (pass `publish=False` to leave it a draft)."""

    def make(*, publish: bool = True, now: datetime.datetime | None = None, **fields):
        sector, _created = Sector.objects.get_or_create(code="ict")
        values = {
            "kind": Profile.Kind.TECHNOLOGY_OFFER,
            "title": ANONYMOUS_TITLE,
            "summary": "A battery-powered unit that sterilises instruments in ten minutes without water.",
            "description": "Developed at the park's plasma laboratory and tested in two rural clinics. "
            "We seek a manufacturer under licence.",
            "sectors": [sector],
            "partnership_types": ["licence"],
            **fields,
        }
        profile = profile_services.profile_create(actor=owner, owner=park, now=now, **values)
        if publish:
            profile_services.profile_submit(actor=owner, profile=profile, now=now)
            profile = profile_services.profile_publish(actor=secretariat, profile=profile, now=now)
        return profile

    return make


@pytest.fixture
def published_profile(make_profile):
    return make_profile()


@pytest.fixture
def anonymous_profile(make_profile):
    return make_profile(anonymous=True)


@pytest.fixture
def send_eoi(partner, partner_organisation):
    def send(profile, **extra):
        return eoi_send(
            sender=partner,
            sender_organisation=partner_organisation,
            profile=profile,
            message=extra.pop("message", "We manufacture medical devices and would like to license it."),
            contribution=extra.pop("contribution", "A certified production line in Tatarstan."),
            **extra,
        )

    return send


def eoi_url(name: str, eoi: ExpressionOfInterest) -> str:
    return reverse(f"marketplace:{name}", kwargs={"pk": eoi.pk})


def send_url(profile: Profile) -> str:
    return reverse("marketplace:eoi_send", kwargs={"profile_pk": profile.pk})


def test_partner_sends_owner_accepts_both_talk_and_record_outcomes(
    owner, colleague, partner, partner_organisation, anonymous_profile, django_capture_on_commit_callbacks
):
    sender, answerer = logged_in_client(partner), logged_in_client(owner)

    # given the partner sends an EOI from the profile page's form
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            send_url(anonymous_profile),
            {
                "eoi-sender_organisation": partner_organisation.pk,
                "eoi-message": "We would license it for Russia and Central Asia.",
                "eoi-contribution": "A certified production line.",
            },
        )
    eoi = ExpressionOfInterest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == eoi_url("eoi_detail", eoi)
    assert eoi.status == ExpressionOfInterest.Status.PENDING
    assert eoi.sender == partner
    # the owner's people were emailed, each in their own language
    assert sorted(message.to[0] for message in mail.outbox) == [colleague.email, owner.email]
    assert "Kazan Technopark Ventures" in mail.outbox[0].subject

    # before acceptance the sender sees neither the anonymous owner nor its contacts
    page = sender.get(eoi_url("eoi_detail", eoi)).content.decode()
    assert "Tabriz Science Park" not in page
    assert 'id="eoi-contacts"' not in page

    # when the owner accepts with a first message
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = answerer.post(eoi_url("eoi_accept", eoi), {"accept-message": "Welcome, let us talk."})
    assert response.status_code == 302
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.ACCEPTED
    assert eoi.answered_by == owner
    assert [message.to for message in mail.outbox] == [[partner.email]]
    assert "Tabriz Science Park" in mail.outbox[0].body

    # then both sides see each other's contacts
    page = sender.get(eoi_url("eoi_detail", eoi)).content.decode()
    assert "Tabriz Science Park" in page
    assert owner.email in page
    assert "Welcome, let us talk." in page
    page = answerer.get(eoi_url("eoi_detail", eoi)).content.decode()
    assert partner.email in page
    assert "bd@kazan-ventures.example" in page

    # and they talk in the thread
    response = sender.post(eoi_url("eoi_message_post", eoi), {"post-body": "When can we visit the lab?"})
    assert response.status_code == 302
    assert list(EoiMessage.objects.values_list("body", flat=True)) == [
        "Welcome, let us talk.",
        "When can we visit the lab?",
    ]

    # and each side records an outcome; the owner's side changes its mind once
    answerer.post(eoi_url("eoi_outcome_record", eoi), {"outcome-outcome": "negotiation_started"})
    answerer.post(
        eoi_url("eoi_outcome_record", eoi),
        {"outcome-outcome": "agreement_signed", "outcome-agreement_type": "licence"},
    )
    sender.post(
        eoi_url("eoi_outcome_record", eoi),
        {"outcome-outcome": "agreement_signed", "outcome-agreement_type": "licence"},
    )
    outcomes = {outcome.organisation_id: outcome for outcome in EoiOutcome.objects.all()}
    assert set(outcomes) == {anonymous_profile.owner_id, partner_organisation.pk}
    assert {(o.outcome, o.agreement_type) for o in outcomes.values()} == {("agreement_signed", "licence")}

    # the outcomes feed the statistics on the dashboard
    statistics = sender.get(reverse("marketplace:my_eois")).context["statistics"]
    assert statistics.total == 2
    assert ("agreement_signed", "Agreement signed", 2) in statistics.by_outcome
    assert statistics.by_agreement_type == [("licence", "Licence agreement", 2)]

    # and every step is on the profile's history and the audit trail, under the owner
    actions = list(ProfileEvent.objects.filter(profile=anonymous_profile).values_list("action", flat=True))
    assert {"eoi_received", "eoi_accepted", "eoi_outcome_recorded"} <= set(actions)
    assert set(
        AuditEvent.objects.filter(action__startswith="eoi.").values_list("organisation_id", flat=True)
    ) == {anonymous_profile.owner_id}


def test_agreement_signed_needs_the_kind_of_agreement(owner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)
    eoi_accept(actor=owner, eoi=eoi)

    response = logged_in_client(owner).post(
        eoi_url("eoi_outcome_record", eoi), {"outcome-outcome": "agreement_signed"}
    )

    assert response.status_code == 200
    assert "Say which kind of agreement was signed." in response.content.decode()
    assert response.context["outcome_form"]["outcome"].value() == "agreement_signed"
    assert not EoiOutcome.objects.exists()


def test_owner_declines_with_reason_and_sender_is_told_without_the_anonymous_owner(
    owner, partner, anonymous_profile, send_eoi, django_capture_on_commit_callbacks
):
    eoi = send_eoi(anonymous_profile)
    mail.outbox.clear()
    partner.preferred_language = "ru"
    partner.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client(owner).post(
            eoi_url("eoi_decline", eoi),
            {"decline-reason": "partner_found", "decline-note": "We signed with another manufacturer."},
        )

    assert response.status_code == 302
    eoi.refresh_from_db()
    assert (eoi.status, eoi.decline_reason) == (ExpressionOfInterest.Status.DECLINED, "partner_found")
    [email] = mail.outbox
    assert email.to == [partner.email]
    assert "We signed with another manufacturer." in email.body
    assert "Мы уже нашли партнёра" in email.body
    # the partner reads Russian, and the anonymous owner stays hidden
    for text in (email.subject, email.body):
        assert "Tabriz" not in text
        assert owner.email not in text
    page = logged_in_client(partner).get(eoi_url("eoi_detail", eoi)).content.decode()
    assert "Tabriz Science Park" not in page


def test_decline_for_other_reason_needs_a_note_and_keeps_what_was_chosen(owner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    response = logged_in_client(owner).post(eoi_url("eoi_decline", eoi), {"decline-reason": "other"})

    assert response.status_code == 200
    assert response.context["decline_form"].errors == {"note": ["This field is required."]}
    assert response.context["decline_form"]["reason"].value() == "other"
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING


def test_second_eoi_from_the_same_organisation_is_refused_and_the_text_kept(
    partner, partner_organisation, published_profile, send_eoi
):
    send_eoi(published_profile)

    response = logged_in_client(partner).post(
        send_url(published_profile),
        {"eoi-sender_organisation": partner_organisation.pk, "eoi-message": "Once more, with feeling."},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["sender_organisation"] == [
        "This organisation has already expressed interest in this profile."
    ]
    assert form["message"].value() == "Once more, with feeling."
    assert ExpressionOfInterest.objects.count() == 1


def test_after_a_decline_the_organisation_may_express_interest_again(owner, published_profile, send_eoi):
    first = send_eoi(published_profile)
    logged_in_client(owner).post(eoi_url("eoi_decline", first), {"decline-reason": "not_relevant"})

    second = send_eoi(published_profile)

    assert second.pk != first.pk


def test_eoi_on_an_unpublished_profile_is_refused(owner, partner, partner_organisation, make_profile, park):
    draft = make_profile(publish=False, visibility=Profile.Visibility.PUBLIC)
    # the partner cannot even see a draft: the page is not found
    response = logged_in_client(partner).post(
        send_url(draft), {"eoi-sender_organisation": partner_organisation.pk, "eoi-message": "Hello"}
    )
    assert response.status_code == 404
    assert not ExpressionOfInterest.objects.exists()


def test_eoi_on_a_profile_closed_for_eois_is_refused(owner, partner, partner_organisation, make_profile):
    profile = make_profile(open_for_eoi=False)

    response = logged_in_client(partner).post(
        send_url(profile), {"eoi-sender_organisation": partner_organisation.pk, "eoi-message": "Hello"}
    )

    assert response.status_code == 200
    assert "This profile does not take expressions of interest." in response.content.decode()
    assert not ExpressionOfInterest.objects.exists()


def test_eoi_on_an_expired_profile_is_refused(partner, partner_organisation, make_profile, send_eoi):
    profile = make_profile(now=timezone.now() - datetime.timedelta(days=400))

    with pytest.raises(Exception) as refused:
        send_eoi(profile)

    assert "cannot see this profile" in str(refused.value) or "not published" in str(refused.value)
    assert not ExpressionOfInterest.objects.exists()


def test_eoi_on_a_members_only_profile_is_not_found_for_an_organisation_outside_the_network(
    partner, partner_organisation, make_profile
):
    profile = make_profile(visibility=Profile.Visibility.NETWORK_MEMBERS)

    response = logged_in_client(partner).post(
        send_url(profile), {"eoi-sender_organisation": partner_organisation.pk, "eoi-message": "Hello"}
    )

    assert response.status_code == 404
    assert not ExpressionOfInterest.objects.exists()


def test_nobody_expresses_interest_for_an_organisation_they_do_not_belong_to(
    outsider, partner_organisation, published_profile
):
    response = logged_in_client(outsider).post(
        send_url(published_profile),
        {"eoi-sender_organisation": partner_organisation.pk, "eoi-message": "Hello"},
    )

    assert response.status_code == 200
    assert "sender_organisation" in response.context["form"].errors
    assert not ExpressionOfInterest.objects.exists()


def test_owner_cannot_express_interest_in_own_profile(owner, park, published_profile):
    response = logged_in_client(owner).post(
        send_url(published_profile), {"eoi-sender_organisation": park.pk, "eoi-message": "Hello"}
    )

    assert response.status_code == 200
    assert "sender_organisation" in response.context["form"].errors
    assert not ExpressionOfInterest.objects.exists()


def test_unanswered_eoi_expires_after_the_configured_days_and_sender_is_told(
    settings, partner, anonymous_profile, send_eoi, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EOI_RESPONSE_DAYS = 10
    sent_at = timezone.now()
    eoi = send_eoi(anonymous_profile, now=sent_at)
    assert eoi.expires_at == sent_at + datetime.timedelta(days=10)
    mail.outbox.clear()

    # a day before the limit nothing happens
    monkeypatch.setattr(timezone, "now", lambda: sent_at + datetime.timedelta(days=9))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_eois", stdout=StringIO())
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING
    assert mail.outbox == []

    # past the limit it expires and its sender is told, without the anonymous owner's name
    monkeypatch.setattr(timezone, "now", lambda: sent_at + datetime.timedelta(days=10, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_eois", stdout=StringIO())
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.EXPIRED
    [email] = mail.outbox
    assert email.to == [partner.email]
    assert "Tabriz" not in f"{email.subject} {email.body}"
    assert ProfileEvent.objects.filter(profile=anonymous_profile, action="eoi_expired").exists()


def test_an_overdue_eoi_can_no_longer_be_accepted(owner, published_profile, send_eoi):
    eoi = send_eoi(published_profile, now=timezone.now() - datetime.timedelta(days=30))

    response = logged_in_client(owner).post(eoi_url("eoi_accept", eoi), follow=True)

    assert response.redirect_chain == [(eoi_url("eoi_detail", eoi), 302)]
    assert "no longer waiting for an answer" in response.content.decode()
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING


def test_sender_withdraws_a_pending_eoi_and_the_owner_is_told(
    owner, partner, published_profile, send_eoi, django_capture_on_commit_callbacks
):
    eoi = send_eoi(published_profile)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client(partner).post(eoi_url("eoi_withdraw", eoi))

    assert response.status_code == 302
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.WITHDRAWN
    assert owner.email in [message.to[0] for message in mail.outbox]


def test_the_sender_cannot_answer_and_the_owner_cannot_withdraw(owner, partner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    assert logged_in_client(partner).post(eoi_url("eoi_accept", eoi)).status_code == 403
    assert logged_in_client(owner).post(eoi_url("eoi_withdraw", eoi)).status_code == 403
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING


def test_no_conversation_before_acceptance(partner, published_profile, send_eoi):
    eoi = send_eoi(published_profile)

    response = logged_in_client(partner).post(
        eoi_url("eoi_message_post", eoi), {"post-body": "Hello?"}, follow=True
    )

    assert "Only an accepted expression of interest has a conversation" in response.content.decode()
    assert not EoiMessage.objects.exists()


def test_the_secretariat_sees_the_eoi_of_its_member_but_cannot_answer(
    secretariat, published_profile, send_eoi
):
    eoi = send_eoi(published_profile)
    client = logged_in_client(secretariat)

    assert client.get(eoi_url("eoi_detail", eoi)).status_code == 200
    assert client.post(eoi_url("eoi_accept", eoi)).status_code == 403


# Anonymous visitors and outsiders, on every page.

EOI_PAGES = [
    "eoi_detail",
    "eoi_accept",
    "eoi_decline",
    "eoi_withdraw",
    "eoi_message_post",
    "eoi_outcome_record",
]


@pytest.mark.parametrize("name", EOI_PAGES)
def test_anonymous_visitor_is_sent_to_log_in(anonymous, published_profile, send_eoi, name):
    eoi = send_eoi(published_profile)
    response = (
        anonymous.post(eoi_url(name, eoi)) if name != "eoi_detail" else anonymous.get(eoi_url(name, eoi))
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_anonymous_visitor_is_sent_to_log_in_from_dashboard_and_send_form(anonymous, published_profile):
    for url in (reverse("marketplace:my_eois"), send_url(published_profile)):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", EOI_PAGES)
def test_outsider_finds_no_eoi_of_others(outsider, published_profile, send_eoi, name):
    eoi = send_eoi(published_profile)
    client = logged_in_client(outsider)
    response = client.get(eoi_url(name, eoi)) if name == "eoi_detail" else client.post(eoi_url(name, eoi))
    assert response.status_code == 404
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING


def test_outsider_dashboard_lists_nothing_of_others(outsider, published_profile, send_eoi):
    send_eoi(published_profile)

    response = logged_in_client(outsider).get(reverse("marketplace:my_eois"))

    assert response.status_code == 200
    assert list(response.context["sent"]) == [] and list(response.context["received"]) == []


def test_dashboard_hides_the_anonymous_owner_until_acceptance(owner, partner, anonymous_profile, send_eoi):
    eoi = send_eoi(anonymous_profile)
    client = logged_in_client(partner)
    assert "Tabriz Science Park" not in client.get(reverse("marketplace:my_eois")).content.decode()

    eoi_accept(actor=owner, eoi=eoi)

    assert "Tabriz Science Park" in client.get(reverse("marketplace:my_eois")).content.decode()


def test_dashboard_queries_do_not_grow_with_eois(
    make_user, owner, partner, partner_organisation, make_profile, send_eoi, django_assert_max_num_queries
):
    for index in range(10):
        profile = make_profile(title=f"Cold-plasma unit, variant {index}", anonymous=index % 2 == 0)
        eoi = send_eoi(profile)
        if index % 3 == 0:
            eoi_accept(actor=owner, eoi=eoi)

    for viewer in (owner, partner):
        client = logged_in_client(viewer)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("marketplace:my_eois"))
        assert response.status_code == 200
    assert len(response.context["sent"]) == 10


def test_profile_page_offers_the_form_to_others_and_the_answers_to_the_owner(
    owner, partner, published_profile, send_eoi, outsider
):
    detail = reverse("marketplace:profile_detail", kwargs={"pk": published_profile.pk})
    page = logged_in_client(partner).get(detail).content.decode()
    assert 'id="eoi-send"' in page
    assert "Kazan Technopark Ventures" in page  # the organisations the partner may speak for

    eoi = send_eoi(published_profile)
    page = logged_in_client(owner).get(detail).content.decode()
    assert f'id="eoi-{eoi.pk}"' in page
    assert reverse("marketplace:eoi_accept", kwargs={"pk": eoi.pk}) in page
    assert 'id="eoi-send"' not in page

    # an outsider sees the form but not the partner's EOI
    page = logged_in_client(outsider).get(detail).content.decode()
    assert f'id="eoi-{eoi.pk}"' not in page
