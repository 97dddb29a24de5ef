import pytest
from django.core import mail

from directory.models import Invitation, Organisation, OrganisationMembership, Role


def org_url(organisation):
    return f"/api/v1/organisations/{organisation.pk}"


def members_url(organisation):
    return f"/api/v1/organisations/{organisation.pk}/members"


def member_url(membership):
    return f"/api/v1/organisations/{membership.organisation_id}/members/{membership.pk}"


def membership_of(user, organisation):
    return OrganisationMembership.objects.get(user=user, organisation=organisation)


def test_anonymous_gets_401_everywhere(anonymous, owner, colleague, park):
    membership = membership_of(colleague, park)
    requests = [
        ("get", "/api/v1/me/organisations", None),
        ("get", members_url(park), None),
        ("post", f"{org_url(park)}/invitations", {"email": "x@example.org", "role": "member"}),
        ("patch", member_url(membership), {"role": "admin"}),
        ("delete", member_url(membership), None),
    ]
    for method, url, body in requests:
        response = getattr(anonymous, method)(url, body, content_type="application/json")
        assert response.status_code == 401, url
        assert response.json()["code"] == "not_authenticated"


def test_my_organisations_lists_role(api_client, owner, park):
    response = api_client(owner, scope="read").get("/api/v1/me/organisations")

    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "id": park.pk,
            "name": "Tabriz Science Park",
            "kind": "science_park",
            "country": "IR",
            "role": "admin",
            "membership_id": membership_of(owner, park).pk,
        }
    ]


def test_my_organisations_queries_do_not_grow(api_client, owner, django_assert_max_num_queries):
    for number in range(15):
        organisation = Organisation.objects.create(name=f"Park {number}", kind="science_park", country="TR")
        OrganisationMembership.objects.create(user=owner, organisation=organisation)
    client = api_client(owner, scope="read")

    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/me/organisations")

    assert response.json()["count"] == 16


def test_organisation_detail_shows_my_permissions(api_client, owner, park):
    body = api_client(owner).get(org_url(park)).json()

    assert body["name"] == "Tabriz Science Park"
    assert body["my_role"] == "admin"
    assert body["permissions"]["can_manage_members"] is True


def test_outsider_reads_active_profile_but_not_inactive_one(api_client, outsider, park):
    client = api_client(outsider)
    body = client.get(org_url(park)).json()
    assert body["my_role"] is None
    assert body["permissions"] == {
        "can_view_members": False,
        "can_edit": False,
        "can_manage_members": False,
        "can_moderate": False,
    }

    Organisation.objects.filter(pk=park.pk).update(status=Organisation.Status.INACTIVE)

    response = client.get(org_url(park))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_members_listed_for_colleague(
    api_client, make_user, owner, colleague, park, django_assert_max_num_queries
):
    for number in range(10):
        OrganisationMembership.objects.create(
            user=make_user(f"engineer{number}@tabriz-park.example"), organisation=park, role=Role.MEMBER
        )
    client = api_client(colleague, scope="read")

    with django_assert_max_num_queries(10):
        response = client.get(members_url(park))

    assert response.status_code == 200
    assert {(item["email"], item["role"]) for item in response.json()["items"]} == {
        ("owner@tabriz-park.example", "admin"),
        ("colleague@tabriz-park.example", "member"),
    } | {(f"engineer{number}@tabriz-park.example", "member") for number in range(10)}


def test_secretariat_lists_members_of_network_member(api_client, secretariat, owner, park):
    assert api_client(secretariat).get(members_url(park)).json()["count"] == 1


def test_outsider_gets_403_on_members_and_every_write(api_client, outsider, owner, colleague, park):
    client = api_client(outsider)
    membership = membership_of(colleague, park)

    responses = [
        client.get(members_url(park)),
        client.post(
            f"{org_url(park)}/invitations", {"email": "x@example.org"}, content_type="application/json"
        ),
        client.patch(member_url(membership), {"role": "admin"}, content_type="application/json"),
        client.delete(member_url(membership)),
    ]

    assert [response.status_code for response in responses] == [403] * 4
    assert all(response.json()["code"] == "forbidden" for response in responses)
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_owner_invites_by_api(api_client, owner, park, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(owner).post(
            f"{org_url(park)}/invitations",
            {"email": "new@tabriz-park.example", "role": "admin"},
            content_type="application/json",
        )

    assert response.status_code == 201
    assert response.json()["state"] == "pending"
    assert Invitation.objects.get().role == Role.ADMIN
    assert mail.outbox[0].to == ["new@tabriz-park.example"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"email": "not-an-email"}, "email"), ({"email": "colleague@tabriz-park.example"}, "email")],
)
def test_bad_invitation_is_422_naming_the_field(api_client, owner, colleague, park, payload, field):
    response = api_client(owner).post(
        f"{org_url(park)}/invitations", payload, content_type="application/json"
    )

    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_secretariat_role_refused_on_a_park(api_client, owner, park):
    response = api_client(owner).post(
        f"{org_url(park)}/invitations",
        {"email": "x@example.org", "role": "secretariat"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "network secretariat" in response.json()["message"]


def test_read_only_token_cannot_invite(api_client, owner, park):
    response = api_client(owner, scope="read").post(
        f"{org_url(park)}/invitations", {"email": "x@example.org"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_owner_changes_role_and_removes_by_api(api_client, owner, colleague, park):
    client = api_client(owner)
    membership = membership_of(colleague, park)

    response = client.patch(member_url(membership), {"role": "admin"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["role"] == "admin"

    assert client.delete(member_url(membership)).status_code == 204
    assert not park.memberships.filter(user=colleague).exists()


def test_last_admin_protection_by_api(api_client, owner, park):
    client = api_client(owner)
    membership = membership_of(owner, park)

    response = client.patch(member_url(membership), {"role": "member"}, content_type="application/json")
    assert response.status_code == 422
    assert "needs at least one admin" in response.json()["message"]
    assert client.delete(member_url(membership)).status_code == 422


def test_colleague_cannot_change_roles_by_api(api_client, owner, colleague, park):
    response = api_client(colleague).patch(
        member_url(membership_of(owner, park)), {"role": "member"}, content_type="application/json"
    )

    assert response.status_code == 403


def test_secretariat_removes_by_api_only_within_its_network(
    api_client, secretariat, colleague, park, outsider, other_organisation, make_user
):
    client = api_client(secretariat)
    employee = make_user("employee@almaty-robotics.example")
    outside_membership = OrganisationMembership.objects.create(user=employee, organisation=other_organisation)

    assert client.delete(member_url(membership_of(colleague, park))).status_code == 204
    assert client.delete(member_url(outside_membership)).status_code == 403
    assert other_organisation.memberships.filter(user=employee).exists()


def test_membership_of_another_organisation_is_not_found(
    api_client, owner, park, outsider, other_organisation
):
    foreign = membership_of(outsider, other_organisation)

    response = api_client(owner).delete(f"/api/v1/organisations/{park.pk}/members/{foreign.pk}")

    assert response.status_code == 404
    assert other_organisation.memberships.filter(user=outsider).exists()
