from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent
from directory.models import Organisation


def detail_url(organisation):
    return reverse("directory:organisation_detail", kwargs={"pk": organisation.pk})


def edit_url(organisation):
    return reverse("directory:organisation_edit", kwargs={"pk": organisation.pk})


def test_anonymous_sees_the_page_but_is_sent_to_login_to_edit(anonymous, park):
    assert anonymous.get(detail_url(park)).status_code == 200  # public (issue 16 item 2)
    response = anonymous.get(edit_url(park))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_owner_sees_members_with_roles_and_management_forms(owner, colleague, park):
    response = logged_in_client(owner).get(detail_url(park))

    assert response.status_code == 200
    assert "colleague@tabriz-park.example" in response.text
    assert "Invite a colleague" in response.text
    assert "Pending invitations" in response.text


def test_colleague_sees_members_but_cannot_manage(colleague, owner, park):
    response = logged_in_client(colleague).get(detail_url(park))

    assert "owner@tabriz-park.example" in response.text
    assert "Invite a colleague" not in response.text
    assert "Edit profile" not in response.text


def test_outsider_sees_profile_but_not_members(outsider, owner, park):
    response = logged_in_client(outsider).get(detail_url(park))

    assert response.status_code == 200
    assert "Tabriz Science Park" in response.text
    assert "owner@tabriz-park.example" not in response.text


def test_inactive_organisation_is_hidden_from_outsider_but_not_from_its_secretariat(
    outsider, secretariat, park
):
    park.status = Organisation.Status.INACTIVE
    park.save()

    assert logged_in_client(outsider).get(detail_url(park)).status_code == 404
    assert logged_in_client(secretariat).get(detail_url(park)).status_code == 200


def test_outsider_cannot_edit(outsider, park):
    client = logged_in_client(outsider)

    assert client.get(edit_url(park)).status_code == 403
    assert client.post(edit_url(park), {"name": "Hijacked"}).status_code == 403
    park.refresh_from_db()
    assert park.name == "Tabriz Science Park"


def test_colleague_cannot_edit(colleague, park):
    assert logged_in_client(colleague).get(edit_url(park)).status_code == 403


def test_owner_edits_profile(owner, park):
    response = logged_in_client(owner).post(
        edit_url(park),
        {
            "name": "Tabriz Science and Technology Park",
            "kind": "science_park",
            "country": "IR",
            "city": "Tabriz",
            "website": "https://tstp.example",
            "description": "East Azerbaijan.",
        },
    )

    assert response.status_code == 302
    park.refresh_from_db()
    assert park.name == "Tabriz Science and Technology Park"
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.organisation_id == park.pk
    assert event.changes["name"] == ["Tabriz Science Park", "Tabriz Science and Technology Park"]


def test_network_with_secretariat_cannot_stop_being_a_network(make_user, network, secretariat):
    from directory.models import OrganisationMembership, Role

    admin = make_user("admin@srspa.example")
    OrganisationMembership.objects.create(user=admin, organisation=network, role=Role.ADMIN)

    response = logged_in_client(admin).post(
        edit_url(network), {"name": network.name, "kind": "company", "country": "CN"}
    )

    assert response.status_code == 200
    assert "still has secretariat staff" in response.text
    network.refresh_from_db()
    assert network.kind == Organisation.Kind.NETWORK
