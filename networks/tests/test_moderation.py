import pytest
from django.core.exceptions import PermissionDenied

from core import permissions
from directory.models import Organisation, OrganisationMembership, Role
from directory.selectors import organisations_visible_to
from networks.models import NetworkMembership
from networks.selectors import moderated_organisation_ids
from networks.services import network_membership_set_status


def test_secretariat_moderates_its_network_and_active_members(secretariat, network, park, other_organisation):
    assert moderated_organisation_ids(secretariat) == {network.pk, park.pk}


def test_core_asks_the_directory_through_the_registered_resolver(secretariat, network, park):
    assert permissions.moderated_organisation_ids(secretariat) == {network.pk, park.pk}


@pytest.mark.parametrize(
    ("status", "moderated"),
    [(status, status in {"active", "grace"}) for status in NetworkMembership.Status.values],
)
def test_only_active_and_grace_members_are_moderated(secretariat, network, park, status, moderated):
    NetworkMembership.objects.filter(member=park).update(status=status)

    assert (park.pk in moderated_organisation_ids(secretariat)) is moderated


def test_inactive_network_moderates_only_itself(secretariat, network, park):
    Organisation.objects.filter(pk=network.pk).update(status=Organisation.Status.INACTIVE)

    assert moderated_organisation_ids(secretariat) == {network.pk}


def test_other_people_moderate_nothing(
    owner, colleague, outsider, operator, anonymous, make_user, network, park
):
    network_admin = make_user("admin@srspa.example")
    OrganisationMembership.objects.create(user=network_admin, organisation=network, role=Role.ADMIN)

    for person in (owner, colleague, outsider, operator, network_admin):
        assert moderated_organisation_ids(person) == set(), person
    # Operators reach everything through their own path instead.
    assert permissions.is_platform_operator(operator)


def test_visibility_of_inactive_organisations(owner, colleague, outsider, secretariat, operator, park):
    Organisation.objects.filter(pk=park.pk).update(status=Organisation.Status.INACTIVE)

    for person in (owner, colleague, secretariat, operator):
        assert organisations_visible_to(person).filter(pk=park.pk).exists(), person
    assert not organisations_visible_to(outsider).filter(pk=park.pk).exists()


def test_secretariat_sets_network_membership_status(secretariat, park):
    link = NetworkMembership.objects.get(member=park)

    network_membership_set_status(actor=secretariat, network_membership=link, status="grace")

    link.refresh_from_db()
    assert link.status == NetworkMembership.Status.GRACE


def test_admin_of_the_member_cannot_set_its_network_status(owner, outsider, park):
    link = NetworkMembership.objects.get(member=park)

    for person in (owner, outsider):
        with pytest.raises(PermissionDenied):
            network_membership_set_status(actor=person, network_membership=link, status="active")


def test_operator_sets_network_membership_status(operator, park):
    link = NetworkMembership.objects.get(member=park)
    NetworkMembership.objects.filter(pk=link.pk).update(status="applied", since=None)
    link.refresh_from_db()

    network_membership_set_status(actor=operator, network_membership=link, status="active")

    link.refresh_from_db()
    assert link.status == NetworkMembership.Status.ACTIVE
    assert link.since is not None


def test_secretariat_of_a_member_network_cannot_set_statuses_inside_it(secretariat, network, make_user):
    """Moderating an organisation that is itself a network does not make one its secretariat."""
    sub_network = Organisation.objects.create(name="Caspian Parks Network", kind="network", country="AZ")
    NetworkMembership.objects.create(network=network, member=sub_network, status="active")
    sub_member = Organisation.objects.create(name="Baku Tech Park", kind="science_park", country="AZ")
    link = NetworkMembership.objects.create(network=sub_network, member=sub_member, status="applied")

    with pytest.raises(PermissionDenied):
        network_membership_set_status(actor=secretariat, network_membership=link, status="active")
