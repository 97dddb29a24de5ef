"""No one-click surprises (issue 16, item 5), walked in the browser by the personas concerned: the
network's secretariat records a payment only with its reference and date and after reading what will
happen (an active membership and a certificate); the brokerage organiser publishes the final agenda only
after reading how many participants will be notified."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, Role
from events import services as event_services
from events.models import Event
from networks import services as network_services
from networks.models import Certificate, MembershipCategory, NetworkMembership
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_the_secretariat_records_a_payment_only_with_its_data_and_after_confirming(
    page, owner, secretariat, network, park
):
    # given Tabriz Science Park's application, approved by the secretariat, with its invoice open
    NetworkMembership.objects.filter(member=park).delete()
    category = MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200"), currency="EUR", term_months=12
    )
    membership = network_services.membership_apply(
        actor=owner, network=network, member=park, category=category
    )
    network_services.membership_approve(actor=secretariat, membership=membership, category=category)
    invoice = membership.invoices.get()

    # when the secretariat opens the membership and tries to confirm with no reference
    log_in(page, secretariat.email)
    page.goto(f"/networks/memberships/{membership.pk}/")
    payment = page.locator("#action-payment")
    payment.locator("input[name=paid_on]").fill("")
    payment.locator("summary", has_text="Record payment…").click()
    consequence = payment.locator(".confirm-consequence")
    expect(consequence).to_be_visible()
    expect(consequence).to_contain_text(f"Invoice {invoice.number} (1200.00 EUR) will be marked paid")
    expect(consequence).to_contain_text("a signed membership certificate is issued")
    payment.get_by_role("button", name="Yes, record the payment").click()

    # then the browser asks for the missing reference and date, and nothing happened
    assert payment.locator("input[name=reference]").evaluate("field => field.validity.valueMissing")
    assert payment.locator("input[name=paid_on]").evaluate("field => field.validity.valueMissing")
    membership.refresh_from_db()
    assert membership.status == NetworkMembership.Status.APPROVED
    assert not Certificate.objects.filter(membership=membership).exists()

    # when the reference and the day the money arrived are given and the payment confirmed
    payment.locator("input[name=reference]").fill("SWIFT 2026-118")
    payment.locator("input[name=paid_on]").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        payment.get_by_role("button", name="Yes, record the payment").click()

    # then the membership is active with its certificate
    expect(page.locator("#membership-status")).to_have_text("Active")
    assert Certificate.objects.filter(membership=membership).count() == 1


def _company_person(make_user, name: str):
    organisation = Organisation.objects.create(
        name=f"{name} Systems", kind=Organisation.Kind.COMPANY, country="KZ"
    )
    user = make_user(f"{name.lower()}@{name.lower()}-systems.example", full_name=f"{name} Example")
    OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    return user, organisation


def test_the_organiser_sees_how_many_are_notified_before_publishing_the_agenda(page, owner, park, make_user):
    # given a brokerage day of the park with two accepted meetings among three companies, scheduled
    start = (timezone.now() + datetime.timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = event_services.event_create(
        actor=owner,
        organisers=[park],
        title="Tabriz B2B Day",
        kind=Event.Kind.BROKERAGE,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        venue="Tabriz Science Park, Hall B",
        meetings_start_at=start + datetime.timedelta(hours=1),
        slot_minutes=20,
        slot_count=6,
        table_count=3,
    )
    event_services.event_set_status(actor=owner, event=event, status=Event.Status.PUBLISHED)
    people = [_company_person(make_user, name) for name in ("Aibek", "Dana", "Erlan")]
    entries = [
        event_services.registration_create(actor=user, event=event, organisation=organisation).participant
        for user, organisation in people
    ]
    for requester, recipient in ((0, 1), (0, 2)):
        request = event_services.meeting_request_send(
            actor=people[requester][0],
            requester=entries[requester],
            recipient=entries[recipient],
            message="Hi",
        )
        event_services.meeting_request_accept(actor=people[recipient][0], request=request)
    event_services.schedule_run(actor=owner, event=event)

    # when the organiser opens the schedule and starts publishing
    log_in(page, owner.email)
    page.goto(f"/events/{event.pk}/schedule/")
    publish = page.locator("#agenda-publish")
    publish.locator("summary", has_text="Publish the final agenda…").click()

    # then the page says three participants will be notified, and nothing is sent before the confirmation
    expect(publish.locator(".confirm-consequence")).to_contain_text(
        "The agenda becomes final and 3 participants with scheduled meetings are notified at once."
    )
    event.refresh_from_db()
    assert event.agenda_published_at is None
    with page.expect_navigation():
        publish.get_by_role("button", name="Yes, publish and notify 3 participants").click()
    expect(page.get_by_text("Final agenda published")).to_be_visible()
    event.refresh_from_db()
    assert event.agenda_published_at is not None


def test_the_owner_archives_a_profile_only_after_reading_that_it_is_for_good(page, owner, park, secretariat):
    from marketplace import services as marketplace_services
    from marketplace.models import Profile
    from marketplace.tests.conftest import profile_arguments

    # given Tabriz Science Park's published offer
    profile = marketplace_services.profile_create(actor=owner, owner=park, **profile_arguments())
    profile = marketplace_services.profile_submit(actor=owner, profile=profile)
    profile = marketplace_services.profile_publish(actor=secretariat, profile=profile)

    # when its owner opens it and chooses "Archive…"
    log_in(page, owner.email)
    page.goto(f"/marketplace/profiles/{profile.pk}/")
    archive = page.locator("#archive-confirm")
    archive.locator("summary", has_text="Archive…").click()

    # then the page says what archiving means, and only the second button archives
    expect(archive.locator(".confirm-consequence")).to_contain_text("This cannot be undone.")
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED
    with page.expect_navigation():
        archive.get_by_role("button", name="Yes, archive the profile").click()
    profile.refresh_from_db()
    assert profile.status == Profile.Status.ARCHIVED
