from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import logged_in_client
from networks.models import MembershipCategory, NetworkMembership


def today_iso() -> str:  # a payment is recorded with the day it was received
    return timezone.localdate().isoformat()


@pytest.fixture
def applicant_park(park):
    """Tabriz Science Park before it has any membership of the network: `owner` administers it."""
    NetworkMembership.objects.filter(member=park).delete()
    return park


@pytest.fixture
def full_member(network):
    return MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200.00"), currency="EUR", term_months=12
    )


@pytest.fixture
def affiliate(network):
    return MembershipCategory.objects.create(
        network=network, name="Affiliate", annual_fee=Decimal("400.00"), currency="EUR", term_months=24
    )


@pytest.fixture
def applied(owner, network, applicant_park, full_member):
    """An application sent through the page by the park's owner."""
    response = logged_in_client(owner).post(
        f"/networks/{network.pk}/apply/",
        {"member": applicant_park.pk, "category": full_member.pk, "message": "We host 120 companies."},
    )
    assert response.status_code == 302, response.content
    return NetworkMembership.objects.get(network=network, member=applicant_park)


@pytest.fixture
def active_membership(applied, secretariat, full_member):
    client = logged_in_client(secretariat)
    for action, data in (
        ("approve", {"category": full_member.pk}),
        ("payment", {"reference": "SWIFT-1", "paid_on": today_iso()}),
    ):
        response = client.post(f"/networks/memberships/{applied.pk}/{action}/", data)
        assert response.status_code == 302, response.content
    applied.refresh_from_db()
    assert applied.status == NetworkMembership.Status.ACTIVE
    return applied


@pytest.fixture
def certificate(active_membership):
    return active_membership.certificates.get()
