"""How a network runs its memberships (its settings)."""

import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless
from directory.models import Organisation
from directory.services import field_error
from networks.models import NetworkSettings
from networks.selectors import is_secretariat_of

INVOICE_PREFIX_PATTERN = re.compile(r"[A-Z0-9]*")


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
    network_settings, _created = NetworkSettings.objects.select_for_update().get_or_create(network=network)
    fields = [
        "certificate_languages",
        "ratification_required",
        "grace_days",
        "reminder_days_before_expiry",
        "certificate_title",
        "invoice_prefix",
    ]
    before = snapshot(network_settings, fields)
    network_settings.certificate_languages = list(certificate_languages)
    network_settings.ratification_required = ratification_required
    network_settings.grace_days = grace_days
    network_settings.reminder_days_before_expiry = reminder_days_before_expiry
    network_settings.certificate_title = certificate_title.strip()
    network_settings.invoice_prefix = invoice_prefix.strip().upper()
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
