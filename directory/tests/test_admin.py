"""The admin site shows the registry but cannot write it: an organisation's record (its names' search
keys, its embedding, its merge state) and who belongs to it with which role change only through the
directory's services."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation, OrganisationMembership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_superuser_sees_an_organisation_but_cannot_rename_or_merge_it(superuser, park, other_organisation):
    client = logged_in_client(superuser)
    change_url = reverse("admin:directory_organisation_change", args=[park.pk])
    assert client.get(change_url).status_code == 200

    response = client.post(
        change_url,
        {
            "name": "Renamed behind the services' back",
            "kind": park.kind,
            "country": park.country,
            "status": Organisation.Status.MERGED,
            "merged_into": other_organisation.pk,
        },
    )

    assert response.status_code == 403
    park.refresh_from_db()
    assert park.name != "Renamed behind the services' back"
    assert park.status == Organisation.Status.ACTIVE
    assert park.merged_into_id is None


def test_a_superuser_cannot_change_a_role_or_add_a_member_in_the_admin(superuser, owner, colleague, park):
    client = logged_in_client(superuser)
    membership = OrganisationMembership.objects.get(user=colleague, organisation=park)

    response = client.post(
        reverse("admin:directory_organisationmembership_change", args=[membership.pk]),
        {"user": colleague.pk, "organisation": park.pk, "role": Role.ADMIN},
    )

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER
    assert client.get(reverse("admin:directory_organisationmembership_add")).status_code == 403
    assert client.get(reverse("admin:directory_organisation_add")).status_code == 403
    assert client.get(reverse("admin:directory_invitation_add")).status_code == 403
