"""Moderation that reaches someone (issue 16 item 8): a profile of an organisation in no network goes to
ParkLink's operators, who find it in their queue (page and API), and its author is told so; the queue and
its button are only for people who moderate something."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from directory.models import OrganisationMembership, Role
from marketplace.models import Profile

pytestmark = pytest.mark.django_db

OPERATORS_SENTENCE = " ".join(
    [
        "Your profile was sent to ParkLink&#x27;s operators for review,",
        "since your organisation belongs to no network.",
    ]
)
QUEUE_API = "/api/v1/profiles/moderation-queue"


@pytest.fixture
def operator(operator):
    """A platform operator, whose pages need two-factor login, which this one has set up."""
    TOTP.activate(operator, generate_totp_secret())
    return operator


@pytest.fixture
def loner_profile(make_profile, outsider, other_organisation):
    """A draft of Almaty Robotics LLP, which belongs to no network, by its admin (the `outsider`)."""
    return make_profile(actor=outsider, organisation=other_organisation)


def submit_through_the_page(user, profile):
    return logged_in_client(user).post(
        reverse("marketplace:profile_submit", kwargs={"pk": profile.pk}), follow=True
    )


def test_author_in_no_network_is_told_operators_review_it(loner_profile, outsider):
    response = submit_through_the_page(outsider, loner_profile)
    assert OPERATORS_SENTENCE in response.content.decode()
    assert "submitted to its moderators" not in response.content.decode()
    loner_profile.refresh_from_db()
    assert loner_profile.status == Profile.Status.SUBMITTED


def test_author_in_a_network_is_told_its_moderators_review_it(make_profile, owner):
    profile = make_profile()
    response = submit_through_the_page(owner, profile)
    assert "The profile has been submitted to its moderators." in response.content.decode()
    assert OPERATORS_SENTENCE not in response.content.decode()


def test_profile_in_no_network_reaches_the_operators_queue_page(
    loner_profile, outsider, operator, secretariat
):
    submit_through_the_page(outsider, loner_profile)
    page = logged_in_client(operator).get(reverse("marketplace:moderation_queue"))
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == [loner_profile]
    body = page.content.decode()
    assert f'id="for-operators-{loner_profile.pk}"' in body
    # The secretariat of an unrelated network does not get it.
    secretariat_page = logged_in_client(secretariat).get(reverse("marketplace:moderation_queue"))
    assert list(secretariat_page.context["page"].object_list) == []


def test_network_members_profile_is_not_marked_for_operators(make_profile, operator):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    body = logged_in_client(operator).get(reverse("marketplace:moderation_queue")).content.decode()
    assert f'id="queue-{profile.pk}"' in body
    assert f'id="for-operators-{profile.pk}"' not in body


def test_profile_in_no_network_reaches_the_operators_queue_api(
    loner_profile, outsider, operator, secretariat, make_profile, api_client
):
    submit_through_the_page(outsider, loner_profile)
    member_profile = make_profile(status=Profile.Status.SUBMITTED)
    response = api_client(operator, scope="read").get(QUEUE_API)
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["items"]}
    assert items[loner_profile.pk]["for_operators"] is True
    assert items[member_profile.pk]["for_operators"] is False
    secretariat_items = api_client(secretariat, scope="read").get(QUEUE_API).json()["items"]
    assert [item["id"] for item in secretariat_items] == [member_profile.pk]


def test_operator_publishes_the_profile_from_the_queue(loner_profile, outsider, operator):
    submit_through_the_page(outsider, loner_profile)
    logged_in_client(operator).post(
        reverse("marketplace:profile_publish", kwargs={"pk": loner_profile.pk}), {"next": "queue"}
    )
    loner_profile.refresh_from_db()
    assert loner_profile.status == Profile.Status.PUBLISHED


def test_person_who_moderates_nothing_has_no_queue_and_no_button(make_profile, outsider, owner, api_client):
    make_profile(status=Profile.Status.SUBMITTED)
    for persona in (outsider, owner):
        client = logged_in_client(persona)
        assert (
            'id="moderation-queue-link"'
            not in client.get(reverse("marketplace:profile_list")).content.decode()
        )
        assert client.get(reverse("marketplace:moderation_queue")).status_code == 403
        assert api_client(persona, scope="read").get(QUEUE_API).status_code == 403


@pytest.mark.parametrize("persona", ["secretariat", "operator"])
def test_moderators_see_the_button(request, persona):
    user = request.getfixturevalue(persona)
    body = logged_in_client(user).get(reverse("marketplace:profile_list")).content.decode()
    assert 'id="moderation-queue-link"' in body


def test_secretariat_of_a_network_with_a_lapsed_member_is_still_a_moderator(secretariat, network):
    # The network itself is moderated by its secretariat, so the queue opens even with no members.
    assert OrganisationMembership.objects.filter(user=secretariat, role=Role.SECRETARIAT).exists()
    assert logged_in_client(secretariat).get(reverse("marketplace:moderation_queue")).status_code == 200


def test_anonymous_has_no_queue(anonymous):
    assert anonymous.get(QUEUE_API).status_code == 401
    assert anonymous.get(reverse("marketplace:moderation_queue")).status_code == 302
    assert (
        'id="moderation-queue-link"'
        not in anonymous.get(reverse("marketplace:profile_list")).content.decode()
    )
