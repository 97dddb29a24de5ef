"""Every write to exchanges. Each function checks who may do it, validates, runs in one transaction,
records the write to the audit trail and, for applications, adds a step to the application's history.

Notifications to reviewers name the application by its reference only, so a blind review stays blind.

One module per concept: `programmes`, `calls` (with their form and criteria), `placements` (what hosts
offer), `applications` (the applicant's side), `reviews` (with conflicts and the reviewer pool),
`selection` (eligibility, decision, offer), `mobility` (placement, reports, completion) and `documents`
(signed letters and certificates); `access` (who may act) and `workflow` (what every application step
shares) serve them all. Callers import from here: `from exchanges import services`.
"""

from directory.services import field_error
from exchanges.services.applications import (
    APPLICATION_FIELDS,
    LANGUAGE_LEVEL_ORDER,
    UPLOAD_MAX_BYTES,
    application_answers_save,
    application_create,
    application_problems,
    application_submit,
    application_update,
    application_withdraw,
    referee_letter_upload,
    referee_request_send,
)
from exchanges.services.calls import (
    CALL_FIELDS,
    MAX_CRITERIA,
    MAX_FORM_FIELDS,
    call_close,
    call_create,
    call_field_add,
    call_field_remove,
    call_open,
    call_update,
    criterion_add,
    criterion_remove,
)
from exchanges.services.documents import (
    DOCUMENT_PREFIXES,
    DOCUMENT_STATUSES,
    document_issue,
    document_revoke,
    invitation_letter_issue,
)
from exchanges.services.mobility import (
    application_final_report,
    application_host_evaluation,
    application_place,
)
from exchanges.services.placements import placement_publish, placement_withdraw
from exchanges.services.programmes import PROGRAMME_FIELDS, programme_create, programme_update
from exchanges.services.reviews import (
    conflict_declare,
    review_assign,
    review_submit,
    reviewer_profile_save,
    weighted_score,
)
from exchanges.services.selection import (
    application_check_eligibility,
    application_decide,
    application_offer,
    application_offer_answer,
    offers_expire,
)

__all__ = [
    "APPLICATION_FIELDS",
    "CALL_FIELDS",
    "DOCUMENT_PREFIXES",
    "DOCUMENT_STATUSES",
    "LANGUAGE_LEVEL_ORDER",
    "MAX_CRITERIA",
    "MAX_FORM_FIELDS",
    "PROGRAMME_FIELDS",
    "UPLOAD_MAX_BYTES",
    "application_answers_save",
    "application_check_eligibility",
    "application_create",
    "application_decide",
    "application_final_report",
    "application_host_evaluation",
    "application_offer",
    "application_offer_answer",
    "application_place",
    "application_problems",
    "application_submit",
    "application_update",
    "application_withdraw",
    "call_close",
    "call_create",
    "call_field_add",
    "call_field_remove",
    "call_open",
    "call_update",
    "conflict_declare",
    "criterion_add",
    "criterion_remove",
    "document_issue",
    "document_revoke",
    "field_error",
    "invitation_letter_issue",
    "offers_expire",
    "placement_publish",
    "placement_withdraw",
    "programme_create",
    "programme_update",
    "referee_letter_upload",
    "referee_request_send",
    "review_assign",
    "review_submit",
    "reviewer_profile_save",
    "weighted_score",
]
