"""How a network runs its memberships (its settings), and where its members pay."""

import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless
from directory.models import Organisation
from directory.services import field_error
from networks.models import PAYMENT_FIELDS, NetworkSettings
from networks.selectors import is_secretariat_of

INVOICE_PREFIX_PATTERN = re.compile(r"[A-Z0-9]*")
ACCOUNT_NUMBER_PATTERN = re.compile(r"[A-Z0-9 -]*")
SWIFT_BIC_PATTERN = re.compile(r"([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?)?")


def _check_payment_details(details: dict[str, str]) -> dict[str, str]:
    """The payment details cleaned (account number and SWIFT/BIC in capitals), or a field error."""
    cleaned = {field: " ".join(details.get(field, "").split()) for field in PAYMENT_FIELDS}
    cleaned["account_number"] = cleaned["account_number"].upper()
    cleaned["swift_bic"] = cleaned["swift_bic"].replace(" ", "").upper()
    if not ACCOUNT_NUMBER_PATTERN.fullmatch(cleaned["account_number"]):
        raise field_error(
            "account_number",
            _("Use only letters, digits and spaces in the IBAN or account number."),
            code="invalid_account_number",
        )
    if not SWIFT_BIC_PATTERN.fullmatch(cleaned["swift_bic"]):
        raise field_error(
            "swift_bic",
            _("A SWIFT/BIC code has 8 or 11 letters and digits, e.g. DEUTDEFF."),
            code="invalid_swift_bic",
        )
    if cleaned["account_number"] and not cleaned["account_holder"]:
        raise field_error(
            "account_holder", _("Give the account holder's name with the account number."), code="required"
        )
    return cleaned


@transaction.atomic
def network_settings_update(
    *,
    actor: Any,
    network: Organisation,
    certificate_languages: list[str],
    ratification_required: bool,
    grace_days: int,
    reminder_days_before_expiry: int,
    certificate_title: str = "",
    invoice_prefix: str = "",
    bank_name: str = "",
    account_holder: str = "",
    account_number: str = "",
    swift_bic: str = "",
    payment_instructions: str = "",
) -> NetworkSettings:
    """How the network runs its memberships; applies to the next approval, certificate and reminder."""
    deny_unless(
        is_secretariat_of(actor, network.pk), _("Only the network secretariat can change its settings.")
    )
    if not network.is_network:
        raise field_error("network", _("Only a network can have members."), code="not_a_network")
    known = {code for code, _name in settings.LANGUAGES}
    if not certificate_languages or any(code not in known for code in certificate_languages):
        raise field_error(
            "certificate_languages",
            _("Choose one or more of the interface languages."),
            code="invalid_language",
        )
    if len(set(certificate_languages)) != len(certificate_languages):
        raise field_error(
            "certificate_languages", _("Choose each language only once."), code="duplicate_language"
        )
    for field, days in (
        ("grace_days", grace_days),
        ("reminder_days_before_expiry", reminder_days_before_expiry),
    ):
        if days < 0:
            raise field_error(field, _("Give a number of days, zero or more."), code="invalid_days")
    if not INVOICE_PREFIX_PATTERN.fullmatch(invoice_prefix.strip().upper()):
        raise field_error(
            "invoice_prefix",
            _("Use only the letters A to Z and digits, e.g. IASP."),
            code="invalid_prefix",
        )
    payment = _check_payment_details(
        {
            "bank_name": bank_name,
            "account_holder": account_holder,
            "account_number": account_number,
            "swift_bic": swift_bic,
            "payment_instructions": payment_instructions,
        }
    )
    network_settings, _created = NetworkSettings.objects.select_for_update().get_or_create(network=network)
    fields = [
        "certificate_languages",
        "ratification_required",
        "grace_days",
        "reminder_days_before_expiry",
        "certificate_title",
        "invoice_prefix",
        *PAYMENT_FIELDS,
    ]
    before = snapshot(network_settings, fields)
    network_settings.certificate_languages = list(certificate_languages)
    network_settings.ratification_required = ratification_required
    network_settings.grace_days = grace_days
    network_settings.reminder_days_before_expiry = reminder_days_before_expiry
    network_settings.certificate_title = certificate_title.strip()
    network_settings.invoice_prefix = invoice_prefix.strip().upper()
    for field, value in payment.items():
        setattr(network_settings, field, value)
    network_settings.full_clean()
    network_settings.save()
    audit_record(
        actor=actor,
        action="network_settings.update",
        target=network_settings,
        changes=changes_between(before, snapshot(network_settings, fields)),
        organisation_id=network.pk,
    )
    return network_settings
