"""Who sees which profile: public, members of the owner's networks only, or selected organisations."""

import datetime

import pytest
from django.urls import reverse

from conftest import logged_in_client
from marketplace.models import Profile
from marketplace.selectors import profiles_visible_to
from networks.models import NetworkMembership

pytestmark = pytest.mark.django_db


def detail(client, profile):
    return client.get(reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}))


def listed(client, profile):
    response = client.get(reverse("marketplace:profile_list"))
    return profile in list(response.context["page"].object_list)


def test_public_published_profile_seen_by_everyone(make_profile, anonymous, outsider, colleague, secretariat):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    for client in (
        anonymous,
        logged_in_client(outsider),
        logged_in_client(colleague),
        logged_in_client(secretariat),
    ):
        assert detail(client, profile).status_code == 200
        assert listed(client, profile)


def test_draft_seen_only_by_the_owners_people(make_profile, anonymous, outsider, colleague, secretariat):
    profile = make_profile()
    assert detail(logged_in_client(colleague), profile).status_code == 200
    for client in (anonymous, logged_in_client(outsider), logged_in_client(secretariat)):
        assert detail(client, profile).status_code == 404
        assert not listed(client, profile)


def test_submitted_profile_seen_by_its_moderator_not_by_outsiders(
    make_profile, outsider, secretariat, anonymous
):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    assert detail(logged_in_client(secretariat), profile).status_code == 200
    assert detail(logged_in_client(outsider), profile).status_code == 404
    assert detail(anonymous, profile).status_code == 404


def test_members_only_profile(make_profile, network_peer, outsider, anonymous, colleague, secretariat):
    profile = make_profile(status=Profile.Status.PUBLISHED, visibility=Profile.Visibility.NETWORK_MEMBERS)
    assert detail(logged_in_client(network_peer), profile).status_code == 200
    assert listed(logged_in_client(network_peer), profile)
    assert detail(logged_in_client(colleague), profile).status_code == 200
    assert detail(logged_in_client(secretariat), profile).status_code == 200
    assert detail(logged_in_client(outsider), profile).status_code == 404
    assert not listed(logged_in_client(outsider), profile)
    assert detail(anonymous, profile).status_code == 404


def test_members_only_profile_hidden_from_a_peer_whose_membership_lapsed(make_profile, network_peer):
    NetworkMembership.objects.filter(member__name="Isfahan Science Park").update(
        status=NetworkMembership.Status.EXPIRED
    )
    profile = make_profile(status=Profile.Status.PUBLISHED, visibility=Profile.Visibility.NETWORK_MEMBERS)
    assert detail(logged_in_client(network_peer), profile).status_code == 404


def test_selected_organisations_profile(make_profile, other_organisation, outsider, network_peer, anonymous):
    profile = make_profile(
        status=Profile.Status.PUBLISHED,
        visibility=Profile.Visibility.SELECTED,
        visible_to=[other_organisation],
    )
    assert detail(logged_in_client(outsider), profile).status_code == 200
    assert listed(logged_in_client(outsider), profile)
    assert detail(logged_in_client(network_peer), profile).status_code == 404
    assert detail(anonymous, profile).status_code == 404


def test_expired_profile_leaves_the_marketplace_but_stays_with_its_owner(make_profile, outsider, owner):
    from marketplace import services

    now = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    profile = make_profile(status=Profile.Status.PUBLISHED, now=now)
    services.profile_expire(profile=profile, now=now + datetime.timedelta(days=400))
    assert detail(logged_in_client(outsider), profile).status_code == 404
    assert detail(logged_in_client(owner), profile).status_code == 200


def test_published_profile_past_its_expiry_is_hidden_even_before_the_task_runs(make_profile, outsider):
    long_ago = datetime.datetime(2020, 1, 5, tzinfo=datetime.UTC)
    profile = make_profile(status=Profile.Status.PUBLISHED, now=long_ago)
    assert profile not in profiles_visible_to(outsider)


def test_operator_sees_drafts_of_everyone(make_profile, operator):
    profile = make_profile()
    assert profile in profiles_visible_to(operator)
