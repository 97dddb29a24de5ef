"""Invoices: the network's number prefix, the fee for a term and the numbered invoice."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from core.audit import audit_record
from directory.models import Organisation
from networks.models import Invoice, MembershipCategory, NetworkMembership
from networks.selectors import network_settings_of
from networks.services.numbering import _next_number


def invoice_prefix_for(network: Organisation) -> str:
    configured = network_settings_of(network).invoice_prefix.strip().upper()
    if configured:
        return configured
    name = network.name
    if "(" in name and name.rstrip().endswith(")"):
        acronym = name[name.rindex("(") + 1 : -1].strip()
        if acronym.isalnum():
            return acronym.upper()[:12]
    initials = "".join(word[0] for word in name.split() if word[:1].isalpha())
    return (initials or "NET").upper()[:12]


def _fee_for(category: MembershipCategory) -> Decimal:
    fee = category.annual_fee * Decimal(category.term_months) / Decimal(12)
    return fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _invoice_issue(*, actor: Any, membership: NetworkMembership, description: str) -> Invoice:
    category = membership.category
    assert category is not None
    now = timezone.now()
    prefix = invoice_prefix_for(membership.network)
    number = _next_number(f"invoice:{membership.network_id}", now.year)
    invoice = Invoice.objects.create(
        membership=membership,
        number=f"{prefix}-{now.year}-{number:04d}",
        amount=_fee_for(category),
        currency=category.currency,
        description=description,
        issued_at=now,
        due_on=timezone.localdate(now) + datetime.timedelta(days=settings.INVOICE_DUE_DAYS),
    )
    audit_record(
        actor=actor,
        action="invoice.issue",
        target=invoice,
        changes={"number": invoice.number, "amount": invoice.amount, "currency": invoice.currency},
        organisation_id=membership.network_id,
    )
    return invoice
