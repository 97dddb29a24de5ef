"""The demo's membership categories and AST Technology Center's IASP membership, taken through the real
workflow (apply, review, approve, payment) so that it ends active with a signed certificate (seed 000).

The networks' settings and categories, and the membership that ends certified, are in
`demo/data/networks.json`. The fees are illustrative demo values, not the associations' published fees.

Idempotent: categories are found by name and a membership that already holds a certificate is left alone.
Certificates are signed with CERTIFICATE_SIGNING_KEY, or in development with the key derived from
SECRET_KEY (networks.signing).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from demo.content import ORGANISATIONS
from demo.datafiles import DataEntry, data_file_read
from directory.models import Organisation
from networks.models import MembershipCategory, NetworkMembership, NetworkSettings
from networks.services import (
    membership_apply,
    membership_approve,
    membership_category_create,
    membership_payment_record,
    membership_renew,
    membership_review_start,
    network_settings_update,
)

# The organisations the networks' demo needs (tests build exactly these).
IASP = "International Association of Science Parks and Areas of Innovation (IASP)"
SRSPA = "Silk Road Science Parks Association (SRSPA)"
AST = "AST Technology Center"


@dataclass(frozen=True)
class DemoCategory:
    name: str
    annual_fee: Decimal
    currency: str
    term_months: int
    description: str


@dataclass(frozen=True)
class DemoNetwork:
    name: str
    certificate_languages: tuple[str, ...]
    ratification_required: bool
    grace_days: int
    reminder_days_before_expiry: int
    invoice_prefix: str
    categories: tuple[DemoCategory, ...]


@dataclass(frozen=True)
class DemoCertifiedMembership:
    """A membership taken through the whole workflow until the member holds its certificate."""

    network: str
    member: str
    category: str
    message: str
    payment_reference: str


def _category_read(entry: DataEntry) -> DemoCategory:
    return DemoCategory(
        name=entry.text("name"),
        annual_fee=entry.decimal("annual_fee"),
        currency=entry.text("currency"),
        term_months=entry.integer("term_months"),
        description=entry.text("description"),
    )


def _network_read(entry: DataEntry) -> DemoNetwork:
    return DemoNetwork(
        name=entry.text("name", choices=[organisation.name for organisation in ORGANISATIONS]),
        certificate_languages=entry.texts("certificate_languages"),
        ratification_required=entry.flag("ratification_required"),
        grace_days=entry.integer("grace_days"),
        reminder_days_before_expiry=entry.integer("reminder_days_before_expiry"),
        invoice_prefix=entry.text("invoice_prefix"),
        categories=entry.entries("categories", _category_read),
    )


def _certified_membership_read(entry: DataEntry) -> DemoCertifiedMembership:
    names = [organisation.name for organisation in ORGANISATIONS]
    return DemoCertifiedMembership(
        network=entry.text("network", choices=names),
        member=entry.text("member", choices=names),
        category=entry.text("category"),
        message=entry.text("message"),
        payment_reference=entry.text("payment_reference"),
    )


NETWORKS: tuple[DemoNetwork, ...]
CERTIFIED_MEMBERSHIP: DemoCertifiedMembership
NETWORKS, CERTIFIED_MEMBERSHIP = data_file_read(
    "networks.json",
    lambda file: (
        file.entries("networks", _network_read),
        file.entry("certified_membership", _certified_membership_read),
    ),
)


def _network_set_up(
    *, operator: User, network: Organisation, wanted: DemoNetwork, changed: list[str]
) -> None:
    if not NetworkSettings.objects.filter(network=network).exists():
        network_settings_update(
            actor=operator,
            network=network,
            certificate_languages=list(wanted.certificate_languages),
            ratification_required=wanted.ratification_required,
            grace_days=wanted.grace_days,
            reminder_days_before_expiry=wanted.reminder_days_before_expiry,
            invoice_prefix=wanted.invoice_prefix,
        )
        changed.append(f"settings of {network.name}")
    for category in wanted.categories:
        if MembershipCategory.objects.filter(network=network, name=category.name).exists():
            continue
        membership_category_create(
            actor=operator,
            network=network,
            name=category.name,
            annual_fee=category.annual_fee,
            currency=category.currency,
            term_months=category.term_months,
            description=category.description,
        )
        changed.append(f"category {category.name} of {network.name}")


def _membership_certified(
    *, operator: User, network: Organisation, member: Organisation, changed: list[str]
) -> None:
    membership = NetworkMembership.objects.filter(network=network, member=member).first()
    if membership is not None and membership.certificates.exists():
        return
    category = MembershipCategory.objects.get(network=network, name=CERTIFIED_MEMBERSHIP.category)
    if membership is None or membership.status not in NetworkMembership.MODERATED_STATUSES:
        membership = membership_apply(
            actor=operator,
            network=network,
            member=member,
            category=category,
            message=CERTIFIED_MEMBERSHIP.message,
        )
        membership_review_start(actor=operator, membership=membership)
        membership_approve(actor=operator, membership=membership, category=category)
    else:
        # Active already (loaded before categories existed): renewing issues the invoice whose payment
        # brings the certificate.
        if membership.category is None:
            NetworkMembership.objects.filter(pk=membership.pk).update(category=category)
            membership.refresh_from_db()
        membership_renew(actor=operator, membership=membership)
    membership_payment_record(
        actor=operator,
        membership=membership,
        reference=CERTIFIED_MEMBERSHIP.payment_reference,
        paid_on=timezone.localdate(),
    )
    changed.append(f"{member.name} → {network.name}: active, certificate issued")


def demo_networks_load(*, operator: User, organisations_by_name: dict[str, Organisation]) -> list[str]:
    """Set up the demo networks; returns what was created (empty on a second run)."""
    changed: list[str] = []
    for wanted in NETWORKS:
        network = organisations_by_name.get(wanted.name)
        if network is not None:
            _network_set_up(operator=operator, network=network, wanted=wanted, changed=changed)
    network = organisations_by_name.get(CERTIFIED_MEMBERSHIP.network)
    member = organisations_by_name.get(CERTIFIED_MEMBERSHIP.member)
    if network is not None and member is not None:
        _membership_certified(operator=operator, network=network, member=member, changed=changed)
    return changed
