"""Membership categories: the kinds of membership a network offers, with fee and term."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pycountry
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless
from directory.models import Organisation
from directory.services import field_error
from networks.models import MembershipCategory
from networks.selectors import is_secretariat_of

ISO_CURRENCY_LENGTH = 3
CATEGORY_AUDIT_FIELDS = ("name", "description", "annual_fee", "currency", "term_months", "active")
MAX_TERM_MONTHS = 120


def _deny_unless_category_manager(actor: Any, network_id: int) -> None:
    deny_unless(
        is_secretariat_of(actor, network_id),
        _("Only the network secretariat can define membership categories."),
    )


def _clean_currency(currency: str) -> str:
    code = currency.strip().upper()
    if len(code) != ISO_CURRENCY_LENGTH or pycountry.currencies.get(alpha_3=code) is None:
        raise field_error("currency", _("Give an ISO 4217 currency code, e.g. EUR."), code="invalid_currency")
    return code


CENT = Decimal("0.01")


def _clean_category_terms(*, annual_fee: Decimal, term_months: int) -> Decimal:
    """Check the fee and term; the fee comes back to the cent, so 1500 and 1500.00 are the same fee."""
    if not annual_fee.is_finite() or annual_fee < 0:
        raise field_error("annual_fee", _("Give an annual fee of zero or more."), code="invalid_fee")
    if annual_fee != annual_fee.quantize(CENT, rounding=ROUND_HALF_UP):
        raise field_error("annual_fee", _("Give the fee to the cent at most."), code="invalid_fee")
    if not 1 <= term_months <= MAX_TERM_MONTHS:
        raise field_error(
            "term_months",
            _("Give a term between 1 and %(max)s months."),
            code="invalid_term",
            params={"max": MAX_TERM_MONTHS},
        )
    return annual_fee.quantize(CENT)


def _check_category_name_free(*, network_id: int, name: str, exclude_pk: int | None = None) -> None:
    if not name:
        raise field_error("name", _("Give the category a name."), code="required")
    taken = MembershipCategory.objects.filter(network_id=network_id, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise field_error("name", _("The network already has a category with this name."), code="duplicate")


@transaction.atomic
def membership_category_create(
    *,
    actor: Any,
    network: Organisation,
    name: str,
    annual_fee: Decimal,
    currency: str,
    term_months: int = 12,
    description: str = "",
) -> MembershipCategory:
    """The secretariat offers a new kind of membership, with its annual fee and term."""
    _deny_unless_category_manager(actor, network.pk)
    if not network.is_network:
        raise field_error("network", _("Only a network can have members."), code="not_a_network")
    currency = _clean_currency(currency)
    annual_fee = _clean_category_terms(annual_fee=annual_fee, term_months=term_months)
    _check_category_name_free(network_id=network.pk, name=name.strip())
    category = MembershipCategory(
        network=network,
        name=name.strip(),
        annual_fee=annual_fee,
        currency=currency,
        term_months=term_months,
        description=description.strip(),
    )
    category.full_clean()
    category.save()
    audit_record(
        actor=actor,
        action="membership_category.create",
        target=category,
        changes=snapshot(category, CATEGORY_AUDIT_FIELDS),
        organisation_id=network.pk,
    )
    return category


@transaction.atomic
def membership_category_update(
    *,
    actor: Any,
    category: MembershipCategory,
    name: str,
    annual_fee: Decimal,
    currency: str,
    term_months: int,
    description: str = "",
) -> MembershipCategory:
    """Change a category. Invoices already issued keep their amount; the new fee and term apply from
    the next approval or renewal."""
    _deny_unless_category_manager(actor, category.network_id)
    category = MembershipCategory.objects.select_for_update().get(pk=category.pk)
    currency = _clean_currency(currency)
    annual_fee = _clean_category_terms(annual_fee=annual_fee, term_months=term_months)
    _check_category_name_free(network_id=category.network_id, name=name.strip(), exclude_pk=category.pk)
    before = snapshot(category, CATEGORY_AUDIT_FIELDS)
    category.name = name.strip()
    category.description = description.strip()
    category.annual_fee = annual_fee
    category.currency = currency
    category.term_months = term_months
    category.full_clean()
    category.save(
        update_fields=["name", "description", "annual_fee", "currency", "term_months", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="membership_category.update",
        target=category,
        changes=changes_between(before, snapshot(category, CATEGORY_AUDIT_FIELDS)),
        organisation_id=category.network_id,
    )
    return category


@transaction.atomic
def membership_category_deactivate(*, actor: Any, category: MembershipCategory) -> MembershipCategory:
    """Stop offering a category. It is never deleted: memberships and invoices keep pointing at it, and
    it stays on their history; it is no longer offered to applicants nor used for approvals or renewals."""
    _deny_unless_category_manager(actor, category.network_id)
    category = MembershipCategory.objects.select_for_update().get(pk=category.pk)
    if not category.active:
        raise field_error("active", _("This category is already no longer offered."), code="already_inactive")
    before = snapshot(category, CATEGORY_AUDIT_FIELDS)
    category.active = False
    category.save(update_fields=["active", "updated_at"])
    audit_record(
        actor=actor,
        action="membership_category.deactivate",
        target=category,
        changes={
            **changes_between(before, snapshot(category, CATEGORY_AUDIT_FIELDS)),
            "memberships": category.memberships.count(),
        },
        organisation_id=category.network_id,
    )
    return category
