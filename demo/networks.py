"""The demo's membership categories and AST Technology Center's IASP membership, taken through the real
workflow (apply, review, approve, payment) so that it ends active with a signed certificate (seed 000).

Idempotent: categories are found by name and a membership that already holds a certificate is left alone.
Certificates are signed with CERTIFICATE_SIGNING_KEY, or in development with the key derived from
SECRET_KEY (networks.signing).
"""

from decimal import Decimal

from accounts.models import User
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

IASP = "International Association of Science Parks and Areas of Innovation (IASP)"
SRSPA = "Silk Road Science Parks Association (SRSPA)"
AST = "AST Technology Center"

# Fees are illustrative demo values, not the associations' published fees.
CATEGORIES: dict[str, tuple[tuple[str, str, str, int, str], ...]] = {
    IASP: (
        ("Full member", "2900.00", "EUR", 12, "Science and technology parks and areas of innovation."),
        ("Affiliate", "1450.00", "EUR", 12, "Organisations planning or developing a park."),
        ("Associate", "700.00", "EUR", 12, "Universities, agencies and companies close to the parks."),
    ),
    SRSPA: (
        ("Council member", "30000.00", "CNY", 12, "Parks and high-tech zones on the association's council."),
        ("Member", "10000.00", "CNY", 12, "Parks, zones and incubators along the Silk Road."),
    ),
}
SETTINGS: dict[str, dict[str, object]] = {
    IASP: {"certificate_languages": ["en", "ru"], "invoice_prefix": "IASP", "ratification_required": False},
    SRSPA: {
        "certificate_languages": ["en", "zh-hans"],
        "invoice_prefix": "SRSPA",
        "ratification_required": True,
    },
}


def _network_set_up(*, operator: User, network: Organisation, changed: list[str]) -> None:
    if not NetworkSettings.objects.filter(network=network).exists():
        wanted = SETTINGS[network.name]
        network_settings_update(
            actor=operator,
            network=network,
            certificate_languages=list(wanted["certificate_languages"]),  # type: ignore[call-overload]
            ratification_required=bool(wanted["ratification_required"]),
            grace_days=60,
            reminder_days_before_expiry=30,
            invoice_prefix=str(wanted["invoice_prefix"]),
        )
        changed.append(f"settings of {network.name}")
    for name, fee, currency, term, description in CATEGORIES[network.name]:
        if MembershipCategory.objects.filter(network=network, name=name).exists():
            continue
        membership_category_create(
            actor=operator,
            network=network,
            name=name,
            annual_fee=Decimal(fee),
            currency=currency,
            term_months=term,
            description=description,
        )
        changed.append(f"category {name} of {network.name}")


def _ast_certified(*, operator: User, iasp: Organisation, ast: Organisation, changed: list[str]) -> None:
    membership = NetworkMembership.objects.filter(network=iasp, member=ast).first()
    if membership is not None and membership.certificates.exists():
        return
    full_member = MembershipCategory.objects.get(network=iasp, name="Full member")
    if membership is None or membership.status not in NetworkMembership.MODERATED_STATUSES:
        membership = membership_apply(
            actor=operator,
            network=iasp,
            member=ast,
            category=full_member,
            message="Technology Center of the Academy of Sciences of Turkmenistan, Ashgabat.",
        )
        membership_review_start(actor=operator, membership=membership)
        membership_approve(actor=operator, membership=membership, category=full_member)
    else:
        # Active already (loaded before categories existed): renewing issues the invoice whose payment
        # brings the certificate.
        if membership.category is None:
            NetworkMembership.objects.filter(pk=membership.pk).update(category=full_member)
            membership.refresh_from_db()
        membership_renew(actor=operator, membership=membership)
    membership_payment_record(actor=operator, membership=membership, reference="DEMO-IASP-AST")
    changed.append(f"{ast.name} → {iasp.name}: active, certificate issued")


def demo_networks_load(*, operator: User, organisations_by_name: dict[str, Organisation]) -> list[str]:
    """Set up the demo networks; returns what was created (empty on a second run)."""
    changed: list[str] = []
    for name in (IASP, SRSPA):
        network = organisations_by_name.get(name)
        if network is not None:
            _network_set_up(operator=operator, network=network, changed=changed)
    iasp, ast = organisations_by_name.get(IASP), organisations_by_name.get(AST)
    if iasp is not None and ast is not None:
        _ast_certified(operator=operator, iasp=iasp, ast=ast, changed=changed)
    return changed
