"""A viewer's organisations and network peers are read once per page (issue 18), never remembered past
the request or across a change outside one."""

import pytest

from conftest import logged_in_client
from directory.models import OrganisationMembership, Role
from marketplace.models import Profile
from marketplace.selectors import my_organisation_ids

pytestmark = pytest.mark.django_db


def test_a_profile_page_reads_the_viewer_once(make_profile, outsider, django_assert_max_num_queries):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    client = logged_in_client(outsider)
    client.get(f"/marketplace/profiles/{profile.pk}/")
    with django_assert_max_num_queries(22):
        assert client.get(f"/marketplace/profiles/{profile.pk}/").status_code == 200


def test_the_dashboard_reads_the_viewer_once(owner, django_assert_max_num_queries):
    client = logged_in_client(owner)
    client.get("/")
    # 20 today: the open applications and coming registrations are read once for two sections each
    with django_assert_max_num_queries(22):
        assert client.get("/").status_code == 200


def test_outside_a_request_a_new_membership_counts_at_once(outsider, park):
    before = my_organisation_ids(outsider)
    OrganisationMembership.objects.create(user=outsider, organisation=park, role=Role.MEMBER)
    assert my_organisation_ids(outsider) == before | {park.pk}


def test_the_next_page_sees_a_membership_made_in_between(make_profile, outsider, park):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    client = logged_in_client(outsider)
    assert client.get(f"/marketplace/profiles/{profile.pk}/edit/").status_code == 403
    OrganisationMembership.objects.create(user=outsider, organisation=park, role=Role.ADMIN)
    assert client.get(f"/marketplace/profiles/{profile.pk}/edit/").status_code == 200
