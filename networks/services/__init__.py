"""Every write to network memberships: checked, atomic, on the membership's history and in the audit
trail. The workflow is a state machine (`workflow.TRANSITIONS`); anything else is refused.

One module per concept: `workflow` (the table and what every step shares), `applications` (applying
and the secretariat's decisions), `activation` (payment and ratification), `terms` (renewal,
cancellation, expiry, corrections), `invoices`, `certificates`, `numbering`, `categories` and
`network_settings`. Callers import from here, `from networks import services`.
"""

from networks.services.activation import add_months, membership_payment_record, membership_ratify
from networks.services.applications import (
    membership_apply,
    membership_approve,
    membership_reject,
    membership_request_information,
    membership_review_start,
    network_membership_create,
)
from networks.services.categories import (
    membership_category_create,
    membership_category_deactivate,
    membership_category_update,
)
from networks.services.certificates import certificate_payload, certificate_revoke
from networks.services.invoices import invoice_prefix_for
from networks.services.network_settings import network_settings_update
from networks.services.terms import (
    membership_cancel,
    membership_expiry_sweep,
    membership_renew,
    network_membership_set_status,
)
from networks.services.workflow import MEMBERSHIP_AUDIT_FIELDS, TRANSITIONS, Status

__all__ = [
    "MEMBERSHIP_AUDIT_FIELDS",
    "TRANSITIONS",
    "Status",
    "add_months",
    "certificate_payload",
    "certificate_revoke",
    "invoice_prefix_for",
    "membership_apply",
    "membership_approve",
    "membership_cancel",
    "membership_category_create",
    "membership_category_deactivate",
    "membership_category_update",
    "membership_expiry_sweep",
    "membership_payment_record",
    "membership_ratify",
    "membership_reject",
    "membership_renew",
    "membership_request_information",
    "membership_review_start",
    "network_membership_create",
    "network_membership_set_status",
    "network_settings_update",
]
