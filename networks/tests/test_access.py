"""Every page and endpoint, for the anonymous visitor and the outsider; and the query counts of lists."""

from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from conftest import logged_in_client
from directory.models import Organisation
from networks.models import MembershipCategory, NetworkMembership

Status = NetworkMembership.Status


@pytest.fixture
def pages(network, certificate):
    membership = certificate.membership
    invoice = membership.invoices.get()
    return {
        "network_list": ("get", "/networks/"),
        "network_detail": ("get", f"/networks/{network.pk}/"),
        "applications": ("get", "/networks/applications/"),
        "membership_detail": ("get", f"/networks/memberships/{membership.pk}/"),
        "invoice": ("get", f"/networks/invoices/{invoice.number}.pdf"),
        "certificate_pdf": ("get", f"/networks/certificates/{certificate.number}/certificate.pdf"),
        "apply": ("post", f"/networks/{network.pk}/apply/"),
        "action": ("post", f"/networks/memberships/{membership.pk}/cancel/"),
        "revoke": ("post", f"/networks/certificates/{certificate.number}/revoke/"),
    }


PUBLIC_PAGES = {"network_list", "network_detail"}  # public since issue 16 item 2
PUBLIC_READS = {"networks", "categories", "memberships"}


def test_anonymous_is_sent_to_log_in_everywhere_but_verification(anonymous, pages, certificate):
    for name, (method, url) in pages.items():
        if name in PUBLIC_PAGES:
            continue
        response = getattr(anonymous, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name
    assert anonymous.get("/networks/verify/").status_code == 200
    # The networks' pages are public (issue 16 item 2, networks/tests/test_public_api.py).
    assert anonymous.get("/networks/").status_code == 200
    assert anonymous.get(f"/networks/certificates/{certificate.number}/").status_code == 200


def test_outsider_sees_public_pages_only(outsider, pages, certificate, network):
    client = logged_in_client(outsider)

    assert client.get(pages["network_list"][1]).status_code == 200
    detail = client.get(pages["network_detail"][1]).content.decode()
    assert "Tabriz Science Park" in detail  # active members are public to signed-in people
    assert "Applications to handle" not in detail
    assert "Tabriz Science Park" not in client.get(pages["applications"][1]).content.decode()
    for name in ("membership_detail", "invoice", "certificate_pdf"):
        assert client.get(pages[name][1]).status_code == 404, name
    assert client.post(pages["action"][1]).status_code == 404
    assert client.post(pages["revoke"][1], {"reason": "x"}).status_code == 403
    # The outsider administers Almaty Robotics, which may apply; Tabriz Science Park may not be named.
    park = certificate.membership.member
    assert client.post(pages["apply"][1], {"member": park.pk}).status_code == 422
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert NetworkMembership.objects.get(member=park).status == Status.ACTIVE


def test_outsider_does_not_see_applications_in_network_list(outsider, applied, network):
    detail = logged_in_client(outsider).get(f"/networks/{network.pk}/").content.decode()

    assert "Tabriz Science Park" not in detail


def test_secretariat_of_another_network_cannot_act(make_user, applied, full_member):
    from directory.models import OrganisationMembership, Role

    other_network = Organisation.objects.create(name="Caspian Parks", kind="network", country="AZ")
    stranger = make_user("secretariat@caspian.example")
    OrganisationMembership.objects.create(user=stranger, organisation=other_network, role=Role.SECRETARIAT)

    response = logged_in_client(stranger).post(
        f"/networks/memberships/{applied.pk}/approve/", {"category": full_member.pk}
    )

    assert response.status_code == 404
    applied.refresh_from_db()
    assert applied.status == Status.APPLIED


def test_operator_downloads_invoice(operator, certificate):
    invoice = certificate.membership.invoices.get()
    TOTP.activate(operator, generate_totp_secret())  # staff pages require two-factor login

    assert logged_in_client(operator).get(f"/networks/invoices/{invoice.number}.pdf").status_code == 200


# The API


@pytest.fixture
def endpoints(network, certificate):
    membership = certificate.membership
    return {
        "networks": ("get", "/api/v1/networks"),
        "categories": ("get", f"/api/v1/networks/{network.pk}/categories"),
        "memberships": ("get", f"/api/v1/networks/{network.pk}/memberships"),
        "apply": ("post", f"/api/v1/networks/{network.pk}/memberships"),
        "membership": ("get", f"/api/v1/memberships/{membership.pk}"),
        "action": ("post", f"/api/v1/memberships/{membership.pk}/cancel"),
        "revoke": ("post", f"/api/v1/certificates/{certificate.number}/revoke"),
    }


def test_api_anonymous_gets_401_except_public_reads(anonymous, endpoints, certificate):
    for name, (method, url) in endpoints.items():
        if name in PUBLIC_READS:
            assert anonymous.get(url).status_code == 200, name
            continue
        response = getattr(anonymous, method)(url, content_type="application/json")
        assert response.status_code == 401, name
        assert response.json()["code"] == "not_authenticated"
    assert anonymous.get(f"/api/v1/certificates/{certificate.number}").status_code == 200
    assert anonymous.get("/api/v1/networks").status_code == 200  # public (issue 16 item 2)


def test_api_outsider(api_client, outsider, endpoints, certificate, other_organisation):
    client = api_client(outsider)

    assert client.get(endpoints["networks"][1]).json()["count"] == 1
    assert [c["name"] for c in client.get(endpoints["categories"][1]).json()] == ["Full member"]
    assert client.get(endpoints["memberships"][1]).json()["count"] == 1  # the active member only
    assert client.get(endpoints["membership"][1]).status_code == 404
    assert client.post(endpoints["action"][1], {}, content_type="application/json").status_code == 404
    revoke = client.post(endpoints["revoke"][1], {"reason": "x"}, content_type="application/json")
    assert revoke.status_code == 403
    park = certificate.membership.member
    apply = client.post(endpoints["apply"][1], {"member_id": park.pk}, content_type="application/json")
    assert apply.status_code == 403
    # Their own organisation may apply, in one of the network's categories.
    own = client.post(
        endpoints["apply"][1],
        {"member_id": other_organisation.pk, "category_id": certificate.membership.category_id},
        content_type="application/json",
    )
    assert own.status_code == 201


def test_api_read_only_token_cannot_apply(api_client, owner, network, applicant_park):
    response = api_client(owner, scope="read").post(
        f"/api/v1/networks/{network.pk}/memberships",
        {"member_id": applicant_park.pk},
        content_type="application/json",
    )

    assert response.status_code == 403


# Query counts


@pytest.fixture
def many_members(network, full_member):
    for index in range(12):
        member = Organisation.objects.create(name=f"Park {index}", kind="science_park", country="KZ")
        NetworkMembership.objects.create(
            network=network, member=member, status=Status.ACTIVE, category=full_member
        )
        NetworkMembership.objects.create(
            network=Organisation.objects.create(name=f"Network {index}", kind="network", country="KZ"),
            member=member,
            status=Status.APPLIED,
        )


def test_list_pages_do_not_query_per_row(
    secretariat, operator, network, many_members, django_assert_max_num_queries
):
    client = logged_in_client(secretariat)
    with django_assert_max_num_queries(20):
        assert client.get(f"/networks/{network.pk}/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/networks/").status_code == 200
    TOTP.activate(operator, generate_totp_secret())  # staff pages require two-factor login
    operator_client = logged_in_client(operator)
    with django_assert_max_num_queries(15):
        page = operator_client.get("/networks/applications/")
    assert page.content.decode().count('id="application-') == 12


def test_list_endpoints_do_not_query_per_row(
    api_client, secretariat, network, many_members, django_assert_max_num_queries
):
    client = api_client(secretariat)
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/v1/networks/{network.pk}/memberships").json()
    assert body["count"] == 12
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/networks").json()["count"] == 13
    for index in range(9):
        MembershipCategory.objects.create(
            network=network, name=f"Tier {index}", annual_fee=Decimal(index), currency="EUR"
        )
    with django_assert_max_num_queries(10):
        assert len(client.get(f"/api/v1/networks/{network.pk}/categories").json()) == 10
