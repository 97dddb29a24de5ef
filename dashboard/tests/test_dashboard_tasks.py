"""The tasks of the dashboard that the demo leaves to nobody, with the project's personas: a membership
application reaches the network's secretariat and an expression of interest the profile's people, and
neither reaches anyone else, on the page or over the API."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from core.models import Sector
from directory.models import Organisation, OrganisationMembership, Role
from hubs import services as hubs
from marketplace import services as marketplace
from marketplace.eoi_services import eoi_send
from marketplace.models import Profile
from networks.models import MembershipCategory
from networks.services import membership_apply

pytestmark = pytest.mark.django_db


def tasks_of(user) -> dict:
    response = logged_in_client(user).get(reverse("dashboard:home"))
    assert response.status_code == 200
    return {section.key: section for section in response.context["dashboard"].tasks}


@pytest.fixture
def published_offer(owner, park, secretariat):
    profile = marketplace.profile_create(
        actor=owner,
        owner=park,
        kind=Profile.Kind.TECHNOLOGY_OFFER,
        title="Drip irrigation controller for arid orchards",
        summary="A solar-powered controller that cuts orchard water use by a third.",
        description="Tested on pistachio orchards with soil moisture sensors and weather forecasts.",
        sectors=[Sector.objects.get(code="agriculture-food")],
        partnership_types=["licence"],
    )
    marketplace.profile_submit(actor=owner, profile=profile)
    return marketplace.profile_publish(actor=secretariat, profile=profile)


def test_a_membership_application_is_the_secretariats_task_and_nobody_elses(
    network, secretariat, outsider, other_organisation, owner, api_client
):
    # given the admin of Almaty Robotics applying to the network
    category = MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200.00"), currency="EUR", term_months=12
    )
    membership = membership_apply(
        actor=outsider, network=network, member=other_organisation, category=category
    )

    # then the secretariat's dashboard lists it, linked to where it is decided
    applications = tasks_of(secretariat)["network_applications"]
    assert [item.url for item in applications.items] == [
        reverse("networks:membership_detail", kwargs={"pk": membership.pk})
    ]
    assert applications.items[0].title == f"{other_organisation.name} applies to {network.name}"
    # and neither the applicant nor a member park has it as a task
    assert "network_applications" not in tasks_of(outsider)
    assert "network_applications" not in tasks_of(owner)
    # nor does the API give it to them
    body = api_client(owner).get("/api/v1/dashboard").json()
    assert all(section["key"] != "network_applications" for section in body["tasks"])


def test_an_expression_of_interest_waits_for_the_profiles_people_only(
    published_offer, owner, colleague, outsider, other_organisation, secretariat
):
    # given the outsider's organisation expressing interest in the park's published offer
    eoi = eoi_send(
        sender=outsider,
        sender_organisation=other_organisation,
        profile=published_offer,
        message="We would license it for Kazakh orchards.",
    )

    # then the park's admin and its colleague are asked to answer it
    for person in (owner, colleague):
        eois = tasks_of(person)["eois"]
        assert [item.url for item in eois.items] == [reverse("marketplace:eoi_detail", kwargs={"pk": eoi.pk})]
        assert eois.items[0].title == (
            f"{other_organisation.name} is interested in “{published_offer.title}”"
        )
    # and not the sender, nor the secretariat that moderates the park
    assert "eois" not in tasks_of(outsider)
    assert "eois" not in tasks_of(secretariat)


def test_a_submitted_profile_waits_for_its_networks_secretariat_not_for_an_outsider(
    owner, park, secretariat, outsider
):
    profile = marketplace.profile_create(
        actor=owner,
        owner=park,
        kind=Profile.Kind.TECHNOLOGY_REQUEST,
        title="Looking for a desalination membrane supplier",
        summary="Our residents need membranes for small desalination units.",
        description="Units of five cubic metres a day for farms on the shores of Lake Urmia.",
        sectors=[Sector.objects.get(code="agriculture-food")],
        partnership_types=["licence"],
    )
    marketplace.profile_submit(actor=owner, profile=profile)

    assert [item.title for item in tasks_of(secretariat)["moderation"].items] == [profile.title]
    assert "moderation" not in tasks_of(outsider)
    assert "moderation" not in tasks_of(owner)
    page = logged_in_client(outsider).get(reverse("dashboard:home")).content.decode()
    assert profile.title not in page


@pytest.fixture
def partner(db):
    return Organisation.objects.create(
        name="Teknopark Istanbul", kind=Organisation.Kind.SCIENCE_PARK, country="TR", city="Istanbul"
    )


@pytest.fixture
def partner_admin(make_user, partner):
    user = make_user("admin@teknopark-istanbul.example", full_name="Partner Ayşe")
    OrganisationMembership.objects.create(user=user, organisation=partner, role=Role.ADMIN)
    return user


@pytest.fixture
def agreement_in_negotiation(owner, park, partner, partner_admin):
    hub = hubs.hub_create(
        actor=owner,
        host=park,
        partner_country="TR",
        mandate="Set up a technology and innovation desk for Turkey with the other parks.",
        designated_by="Ministry of Science, Research and Technology",
        designated_on=datetime.date(2023, 1, 15),
        desk_parks=[],
    )
    agreement = hubs.agreement_draft(
        actor=owner,
        hub=hub,
        kind="mou",
        title="Memorandum on joint technology desks",
        text="Both parks open a desk for the other's companies.",
        parties=[park, partner],
        scope=["rd-collaboration", "smes"],
    )
    return hubs.agreement_negotiation_open(actor=owner, agreement=agreement)


def test_an_agreement_in_negotiation_waits_for_each_partys_admin_until_they_approve(
    agreement_in_negotiation, owner, park, partner_admin, colleague, outsider
):
    agreement = agreement_in_negotiation
    url = reverse("hubs:agreement_detail", kwargs={"pk": agreement.pk})
    # given an agreement in negotiation: both parties' admins are asked to approve it
    for admin in (owner, partner_admin):
        assert [item.url for item in tasks_of(admin)["approvals"].items] == [url]
    # but not a mere colleague of a party, nor an outsider
    assert "approvals" not in tasks_of(colleague)
    assert "approvals" not in tasks_of(outsider)

    # when the park approves the current text, the task leaves the owner's dashboard alone
    hubs.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    assert "approvals" not in tasks_of(owner)
    assert [item.url for item in tasks_of(partner_admin)["approvals"].items] == [url]


def test_a_follow_up_action_due_soon_is_its_owners_task(agreement_in_negotiation, owner, colleague):
    due = timezone.localdate() + datetime.timedelta(days=3)
    hubs.follow_up_action_add(
        actor=owner,
        agreement=agreement_in_negotiation,
        title="Send the desk's staffing plan",
        owner=owner,
        due_on=due,
    )

    follow_ups = tasks_of(owner)["follow_ups"]
    assert [(item.title, item.due) for item in follow_ups.items] == [("Send the desk's staffing plan", due)]
    assert "follow_ups" not in tasks_of(colleague)
