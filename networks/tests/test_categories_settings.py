"""The secretariat manages its membership categories and network settings, through the page and the API."""

from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from conftest import logged_in_client
from core.models import AuditEvent
from networks.models import MembershipCategory, NetworkMembership, NetworkSettings


def today_iso() -> str:  # a payment is recorded with the day it was received
    return timezone.localdate().isoformat()


Status = NetworkMembership.Status

NEW_CATEGORY = {
    "name": "Associate",
    "description": "For parks in formation.",
    "annual_fee": "350.50",
    "currency": "usd",
    "term_months": "6",
}


def _page(network) -> str:
    return f"/networks/{network.pk}/"


def _api(network, rest: str = "") -> str:
    return f"/api/v1/networks/{network.pk}{rest}"


# Categories through the page


def test_secretariat_creates_a_category_through_the_page(secretariat, network):
    client = logged_in_client(secretariat)

    response = client.post(f"{_page(network)}categories/", NEW_CATEGORY)

    assert response.status_code == 302
    assert response["Location"] == f"{_page(network)}#categories"
    category = MembershipCategory.objects.get(network=network, name="Associate")
    assert (category.annual_fee, category.currency, category.term_months) == (Decimal("350.50"), "USD", 6)
    assert category.description == "For parks in formation."
    event = AuditEvent.objects.get(action="membership_category.create", organisation_id=network.pk)
    assert event.actor == secretariat
    assert event.changes["currency"] == "USD"
    assert "Associate" in client.get(_page(network)).content.decode()


def test_secretariat_edits_a_category_through_the_page(secretariat, network, full_member):
    client = logged_in_client(secretariat)
    edit_url = f"{_page(network)}categories/{full_member.pk}/"

    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'value="1200.00"' in form.content.decode()
    response = client.post(
        edit_url,
        {
            "name": "Full member",
            "description": "",
            "annual_fee": "1500",
            "currency": "CHF",
            "term_months": 24,
        },
    )

    assert response.status_code == 302
    full_member.refresh_from_db()
    assert (full_member.annual_fee, full_member.currency, full_member.term_months) == (
        Decimal("1500.00"),
        "CHF",
        24,
    )
    event = AuditEvent.objects.get(action="membership_category.update", organisation_id=network.pk)
    assert event.changes["annual_fee"] == ["1200.00", "1500.00"]
    assert event.changes["currency"] == ["EUR", "CHF"]
    assert "name" not in event.changes


def test_secretariat_deactivates_a_category_in_use_without_deleting_it(
    secretariat, network, active_membership, full_member
):
    client = logged_in_client(secretariat)

    response = client.post(f"{_page(network)}categories/{full_member.pk}/deactivate/")

    assert response.status_code == 302
    full_member.refresh_from_db()
    assert full_member.active is False
    active_membership.refresh_from_db()
    assert active_membership.category == full_member
    event = AuditEvent.objects.get(action="membership_category.deactivate", organisation_id=network.pk)
    assert event.changes["active"] == [True, False] and event.changes["memberships"] == 1
    # The secretariat still sees it, marked; deactivating twice is refused with a reason.
    page = client.get(_page(network)).content.decode()
    assert f'id="category-{full_member.pk}"' in page and "No longer offered" in page
    again = client.post(f"{_page(network)}categories/{full_member.pk}/deactivate/", follow=True)
    assert "This category is already no longer offered." in again.content.decode()


def test_deactivated_category_is_not_offered_to_applicants(
    secretariat, outsider, network, full_member, affiliate, other_organisation
):
    logged_in_client(secretariat).post(f"{_page(network)}categories/{affiliate.pk}/deactivate/")
    client = logged_in_client(outsider)  # administers Almaty Robotics, which may apply

    response = client.get(_page(network))
    offered = response.context["form"].fields["category"].queryset
    assert list(offered) == [full_member]
    assert "Affiliate" not in response.content.decode()
    response = client.post(
        f"{_page(network)}apply/", {"member": other_organisation.pk, "category": affiliate.pk}
    )
    assert response.status_code == 422
    assert not NetworkMembership.objects.filter(member=other_organisation).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("currency", "EURO", "Give an ISO 4217 currency code, e.g. EUR."),
        ("currency", "XYZ", "Give an ISO 4217 currency code, e.g. EUR."),
        ("annual_fee", "-5", "Ensure this value is greater than or equal to 0."),
        ("annual_fee", "ten", "Enter a number."),
        ("term_months", "0", "Ensure this value is greater than or equal to 1."),
        ("term_months", "240", "Give a term between 1 and 120 months."),
    ],
)
def test_invalid_category_is_refused_beside_the_field_and_input_kept(
    secretariat, network, field, value, message
):
    data = {**NEW_CATEGORY, "description": "Typed with care", field: value}

    response = logged_in_client(secretariat).post(f"{_page(network)}categories/", data)

    assert response.status_code == 422
    form = response.context["category_form"]
    assert form.errors[field] == [message]
    page = response.content.decode()
    assert message in page
    assert 'value="Associate"' in page and "Typed with care" in page and f'value="{value}"' in page
    assert not MembershipCategory.objects.filter(network=network).exists()


def test_duplicate_category_name_is_refused_on_edit(secretariat, network, full_member, affiliate):
    response = logged_in_client(secretariat).post(
        f"{_page(network)}categories/{affiliate.pk}/",
        {"name": "full MEMBER", "annual_fee": "400", "currency": "EUR", "term_months": 24},
    )

    assert response.status_code == 422
    assert response.context["form"].errors["name"] == ["The network already has a category with this name."]
    assert 'value="full MEMBER"' in response.content.decode()
    affiliate.refresh_from_db()
    assert affiliate.name == "Affiliate"


# Settings through the page


def test_secretariat_requires_ratification_and_approval_then_waits_for_it(
    secretariat, network, applied, full_member
):
    client = logged_in_client(secretariat)
    response = client.post(
        f"{_page(network)}settings/",
        {
            "certificate_languages": ["ru", "en"],
            "ratification_required": "on",
            "grace_days": "30",
            "reminder_days_before_expiry": "45",
            "invoice_prefix": "silk",
            "certificate_title": "Certificate of membership",
        },
    )
    assert response.status_code == 302
    network_settings = NetworkSettings.objects.get(network=network)
    assert network_settings.certificate_languages == ["ru", "en"]
    assert network_settings.invoice_prefix == "SILK"
    assert AuditEvent.objects.filter(action="network_settings.update", organisation_id=network.pk).exists()

    client.post(f"/networks/memberships/{applied.pk}/approve/", {"category": full_member.pk})
    client.post(f"/networks/memberships/{applied.pk}/payment/", {"reference": "paid", "paid_on": today_iso()})
    applied.refresh_from_db()
    assert applied.status == Status.APPROVED
    assert applied.invoices.get().number.startswith("SILK-")
    assert not applied.certificates.exists()

    client.post(f"/networks/memberships/{applied.pk}/ratify/")
    applied.refresh_from_db()
    assert applied.status == Status.ACTIVE
    assert applied.certificates.get().languages == ["fa", "en", "ru"]  # the Iranian member's first


def test_invalid_settings_are_refused_beside_the_field_and_input_kept(secretariat, network):
    response = logged_in_client(secretariat).post(
        f"{_page(network)}settings/",
        {
            "certificate_languages": ["en"],
            "grace_days": "90",
            "reminder_days_before_expiry": "14",
            "invoice_prefix": "SR/PA",
            "certificate_title": "Kept title",
        },
    )

    assert response.status_code == 422
    errors = response.context["settings_form"].errors
    assert errors["invoice_prefix"] == ["Use only the letters A to Z and digits, e.g. IASP."]
    page = response.content.decode()
    assert 'value="SR/PA"' in page and 'value="Kept title"' in page and 'value="90"' in page
    assert not NetworkSettings.objects.filter(network=network).exists()


def test_settings_need_a_certificate_language(secretariat, network):
    response = logged_in_client(secretariat).post(
        f"{_page(network)}settings/", {"grace_days": "60", "reminder_days_before_expiry": "30"}
    )

    assert response.status_code == 422
    assert "certificate_languages" in response.context["settings_form"].errors


def test_operator_manages_categories_and_settings(operator, network):
    TOTP.activate(operator, generate_totp_secret())  # staff pages require two-factor login
    client = logged_in_client(operator)

    page = client.get(_page(network)).content.decode()
    assert 'id="network-settings"' in page
    assert client.post(f"{_page(network)}categories/", NEW_CATEGORY).status_code == 302
    assert MembershipCategory.objects.filter(network=network, name="Associate").exists()


# Who may not


@pytest.fixture
def management_pages(network, full_member):
    return {
        "create": ("post", f"{_page(network)}categories/", NEW_CATEGORY),
        "edit_form": ("get", f"{_page(network)}categories/{full_member.pk}/", None),
        "edit": ("post", f"{_page(network)}categories/{full_member.pk}/", {**NEW_CATEGORY, "name": "X"}),
        "deactivate": ("post", f"{_page(network)}categories/{full_member.pk}/deactivate/", None),
        "settings": (
            "post",
            f"{_page(network)}settings/",
            {"certificate_languages": ["en"], "grace_days": "1", "reminder_days_before_expiry": "1"},
        ),
    }


def _unchanged(network, full_member) -> None:
    full_member.refresh_from_db()
    assert (full_member.name, full_member.active) == ("Full member", True)
    assert list(MembershipCategory.objects.filter(network=network)) == [full_member]
    assert not NetworkSettings.objects.filter(network=network).exists()
    assert not AuditEvent.objects.filter(action__startswith="membership_category.").exists()


@pytest.mark.parametrize("persona", ["outsider", "owner"])
def test_outsider_and_member_owner_are_refused_on_management_pages(
    request, persona, network, full_member, management_pages
):
    client = logged_in_client(request.getfixturevalue(persona))

    for name, (method, url, data) in management_pages.items():
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code == 403, name
    page = client.get(_page(network)).content.decode()
    assert "Full member" in page  # the categories on offer, read-only
    assert 'id="network-settings"' not in page and "Stop offering" not in page
    _unchanged(network, full_member)


def test_anonymous_is_sent_to_log_in_from_management_pages(anonymous, network, full_member, management_pages):
    for name, (method, url, data) in management_pages.items():
        response = getattr(anonymous, method)(url, data) if data else getattr(anonymous, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name
    _unchanged(network, full_member)


# The API


def test_api_secretariat_creates_edits_and_deactivates_a_category(api_client, secretariat, network):
    client = api_client(secretariat)

    created = client.post(
        _api(network, "/categories"),
        {"name": "Associate", "annual_fee": "350.50", "currency": "usd", "term_months": 6},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["currency"], body["term_months"], body["active"]) == ("USD", 6, True)
    category_url = _api(network, f"/categories/{body['id']}")

    edited = client.patch(category_url, {"annual_fee": "400"}, content_type="application/json")
    assert edited.status_code == 200, edited.content
    assert Decimal(edited.json()["annual_fee"]) == Decimal("400")
    assert edited.json()["name"] == "Associate" and edited.json()["currency"] == "USD"

    deactivated = client.post(f"{category_url}/deactivate", content_type="application/json")
    assert deactivated.status_code == 200
    assert deactivated.json()["active"] is False
    assert client.get(_api(network, "/categories")).json() == []
    actions = list(
        AuditEvent.objects.filter(organisation_id=network.pk, action__startswith="membership_category.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "membership_category.create",
        "membership_category.update",
        "membership_category.deactivate",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("currency", "EURO"),
        ("currency", "ABC"),
        ("annual_fee", "-1"),
        ("annual_fee", "10.005"),
        ("term_months", 0),
    ],
)
def test_api_invalid_category_is_422_naming_the_field(api_client, secretariat, network, field, value):
    payload = {"name": "Associate", "annual_fee": "350", "currency": "EUR", "term_months": 12, field: value}

    response = api_client(secretariat).post(
        _api(network, "/categories"), payload, content_type="application/json"
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert not MembershipCategory.objects.filter(network=network).exists()


def test_api_secretariat_reads_and_updates_settings(api_client, secretariat, network):
    client = api_client(secretariat)

    defaults = client.get(_api(network, "/settings"))
    assert defaults.status_code == 200
    assert defaults.json()["certificate_languages"] == ["en"]
    assert defaults.json()["ratification_required"] is False

    updated = client.patch(
        _api(network, "/settings"),
        {"ratification_required": True, "grace_days": 14},
        content_type="application/json",
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["ratification_required"] is True and updated.json()["grace_days"] == 14
    assert updated.json()["reminder_days_before_expiry"] == 30  # left out, so kept
    assert client.get(_api(network, "/settings")).json()["grace_days"] == 14
    assert AuditEvent.objects.filter(action="network_settings.update", organisation_id=network.pk).exists()

    bad = client.patch(
        _api(network, "/settings"), {"certificate_languages": ["xx"]}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert list(bad.json()["errors"]) == ["certificate_languages"]


@pytest.fixture
def management_endpoints(network, full_member):
    category = _api(network, f"/categories/{full_member.pk}")
    return {
        "create": ("post", _api(network, "/categories"), {"name": "X", "annual_fee": "1", "currency": "EUR"}),
        "edit": ("patch", category, {"name": "X"}),
        "deactivate": ("post", f"{category}/deactivate", {}),
        "settings": ("get", _api(network, "/settings"), None),
        "settings_edit": ("patch", _api(network, "/settings"), {"grace_days": 1}),
    }


@pytest.mark.parametrize("persona", ["outsider", "owner"])
def test_api_outsider_and_member_owner_get_403(
    api_client, request, persona, network, full_member, management_endpoints
):
    client = api_client(request.getfixturevalue(persona))

    for name, (method, url, data) in management_endpoints.items():
        if data is None:
            response = getattr(client, method)(url)
        else:
            response = getattr(client, method)(url, data, content_type="application/json")
        assert response.status_code == 403, name
        assert response.json()["code"] == "forbidden", name
    _unchanged(network, full_member)


def test_api_anonymous_gets_401(anonymous, network, full_member, management_endpoints):
    for name, (method, url, data) in management_endpoints.items():
        response = getattr(anonymous, method)(url, data or {}, content_type="application/json")
        assert response.status_code == 401, name
    _unchanged(network, full_member)


def test_api_read_only_token_cannot_change_categories(api_client, secretariat, network, full_member):
    client = api_client(secretariat, scope="read")

    assert client.get(_api(network, "/settings")).status_code == 200
    response = client.patch(
        _api(network, f"/categories/{full_member.pk}"), {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    _unchanged(network, full_member)


# Query counts


def test_network_page_with_management_does_not_query_per_category(
    secretariat, network, django_assert_max_num_queries
):
    for index in range(15):
        MembershipCategory.objects.create(
            network=network,
            name=f"Tier {index}",
            annual_fee=Decimal(index),
            currency="EUR",
            active=index % 3 > 0,
        )
    client = logged_in_client(secretariat)

    with django_assert_max_num_queries(16):
        page = client.get(_page(network))

    assert page.content.decode().count('id="category-') == 15
