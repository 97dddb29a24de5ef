"""Every write of the hubs app: keyword-only, typed, atomic; each checks who may do it (PermissionDenied),
checks the input (ValidationError, translated) and records itself in the audit trail.

Split by concept into the modules below; every public name is re-exported here, so `from hubs import
services` and `from hubs.services import ...` keep working."""

from hubs.services.actions import follow_up_action_add, follow_up_action_status_set, follow_up_reminders_send
from hubs.services.agreements import (
    AGREEMENT_DOCUMENT_MAX_BYTES,
    agreement_approve,
    agreement_document_add,
    agreement_draft,
    agreement_negotiation_open,
    agreement_renew,
    agreement_sign,
    agreement_terminate,
    agreement_update,
    agreements_expire_due,
)
from hubs.services.briefings import briefing_report_build, briefing_report_request
from hubs.services.hubs import (
    HUB_FIELDS,
    hub_create,
    hub_digests_send,
    hub_subscription_set,
    hub_update,
)
from hubs.services.interactions import interaction_log, interactions_import
from hubs.services.needs import NEED_TRANSITIONS, need_announce, need_register, need_status_set
from hubs.services.programmes import (
    kpi_add,
    kpi_snapshot_take,
    kpi_snapshots_take,
    programme_action_add,
    programme_action_status_set,
    programme_create,
)

__all__ = [
    "AGREEMENT_DOCUMENT_MAX_BYTES",
    "HUB_FIELDS",
    "NEED_TRANSITIONS",
    "agreement_approve",
    "agreement_document_add",
    "agreement_draft",
    "agreement_negotiation_open",
    "agreement_renew",
    "agreement_sign",
    "agreement_terminate",
    "agreement_update",
    "agreements_expire_due",
    "briefing_report_build",
    "briefing_report_request",
    "follow_up_action_add",
    "follow_up_action_status_set",
    "follow_up_reminders_send",
    "hub_create",
    "hub_digests_send",
    "hub_subscription_set",
    "hub_update",
    "interaction_log",
    "interactions_import",
    "kpi_add",
    "kpi_snapshot_take",
    "kpi_snapshots_take",
    "need_announce",
    "need_register",
    "need_status_set",
    "programme_action_add",
    "programme_action_status_set",
    "programme_create",
]
