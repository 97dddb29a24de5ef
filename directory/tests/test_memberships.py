from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent
from directory.models import OrganisationMembership, Role


def membership_of(user, organisation):
    return OrganisationMembership.objects.get(user=user, organisation=organisation)


def role_url(membership):
    return reverse(
        "directory:membership_change_role",
        kwargs={"pk": membership.organisation_id, "membership_pk": membership.pk},
    )


def remove_url(membership):
    return reverse(
        "directory:membership_remove",
        kwargs={"pk": membership.organisation_id, "membership_pk": membership.pk},
    )


def test_owner_promotes_colleague_to_admin(owner, colleague, park):
    membership = membership_of(colleague, park)

    response = logged_in_client(owner).post(role_url(membership), {"role": "admin"})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    event = AuditEvent.objects.get(action="membership.change_role")
    assert (event.organisation_id, event.changes) == (park.pk, {"role": ["member", "admin"]})


def test_owner_removes_colleague(owner, colleague, park):
    response = logged_in_client(owner).post(remove_url(membership_of(colleague, park)))

    assert response.status_code == 302
    assert not park.memberships.filter(user=colleague).exists()
    assert AuditEvent.objects.filter(action="membership.remove", organisation_id=park.pk).exists()


def test_last_admin_cannot_step_down_or_leave(owner, colleague, park):
    client = logged_in_client(owner)
    membership = membership_of(owner, park)

    response = client.post(role_url(membership), {"role": "member"}, follow=True)
    assert "needs at least one admin" in response.text
    response = client.post(remove_url(membership), follow=True)
    assert "needs at least one admin" in response.text

    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_admin_may_step_down_once_another_admin_exists(owner, colleague, park):
    colleague_membership = membership_of(colleague, park)
    colleague_membership.role = Role.ADMIN
    colleague_membership.save()

    logged_in_client(owner).post(role_url(membership_of(owner, park)), {"role": "member"})

    assert membership_of(owner, park).role == Role.MEMBER


def test_colleague_may_leave_but_not_remove_others(owner, colleague, park):
    client = logged_in_client(colleague)

    assert client.post(remove_url(membership_of(owner, park))).status_code == 403
    assert client.post(role_url(membership_of(colleague, park)), {"role": "admin"}).status_code == 403
    assert client.post(remove_url(membership_of(colleague, park))).status_code == 302
    assert not park.memberships.filter(user=colleague).exists()


def test_secretariat_removes_a_member_of_a_network_member(secretariat, colleague, park):
    response = logged_in_client(secretariat).post(remove_url(membership_of(colleague, park)))

    assert response.status_code == 302
    assert not park.memberships.filter(user=colleague).exists()


def test_secretariat_cannot_remove_from_an_organisation_outside_its_network(
    secretariat, outsider, other_organisation, make_user
):
    employee = make_user("employee@almaty-robotics.example")
    OrganisationMembership.objects.create(user=employee, organisation=other_organisation)

    response = logged_in_client(secretariat).post(remove_url(membership_of(employee, other_organisation)))

    assert response.status_code == 403
    assert other_organisation.memberships.filter(user=employee).exists()


def test_secretariat_cannot_change_roles(secretariat, colleague, park):
    response = logged_in_client(secretariat).post(role_url(membership_of(colleague, park)), {"role": "admin"})

    assert response.status_code == 403


def test_secretariat_also_cannot_remove_last_admin(secretariat, owner, park):
    logged_in_client(secretariat).post(remove_url(membership_of(owner, park)))

    assert park.memberships.filter(user=owner).exists()


def test_outsider_gets_403_on_role_change_and_removal(outsider, owner, colleague, park):
    client = logged_in_client(outsider)
    membership = membership_of(colleague, park)

    assert client.post(role_url(membership), {"role": "admin"}).status_code == 403
    assert client.post(remove_url(membership)).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_anonymous_is_sent_to_login(anonymous, colleague, park):
    membership = membership_of(colleague, park)

    for url in (role_url(membership), remove_url(membership)):
        response = anonymous.post(url, {"role": "admin"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert park.memberships.filter(user=colleague).exists()
