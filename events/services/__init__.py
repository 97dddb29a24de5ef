"""Every write to events: checked, atomic and in the audit trail (under the event's first organiser).

One module per concept: `events` (the event, its rooms, timetable and questions), `registration`
(registering, the organisers' decisions, the waitlist), `registration_workflow` (the table of which
action may start from which status, and who may take it), `attendance` (check-in and certificates),
`brokerage` (participants and their availability), `meetings` (meeting requests), `agenda` (the
scheduler and the published agenda) and `surveys` (outcomes after the event). Callers import from
here, `from events import services`, so the split stays an internal matter.
"""

from events.services._shared import RequestStatus, Status, validation_messages
from events.services.agenda import (
    SCHEDULE_TIME_LIMIT_SECONDS,
    agenda_publish,
    meeting_lock,
    meeting_move,
    schedule_run,
    scheduling_instance,
)
from events.services.attendance import certificate_issue, registration_check_in
from events.services.brokerage import availability_set, participant_update
from events.services.events import (
    EVENT_FIELDS,
    event_create,
    event_set_status,
    event_update,
    question_add,
    room_add,
    session_add,
    session_delete,
)
from events.services.meetings import (
    MESSAGE_MAX_LENGTH,
    meeting_request_accept,
    meeting_request_decline,
    meeting_request_send,
    meeting_requests_expire,
)
from events.services.registration import (
    ANSWER_MAX_LENGTH,
    registration_approve,
    registration_create,
    registration_reject,
    registration_withdraw,
)
from events.services.registration_workflow import (
    REGISTRATION_TRANSITIONS,
    RegistrationTransition,
    registration_actions_for,
)
from events.services.surveys import meeting_outcome_record, outcome_surveys_send

__all__ = [
    "ANSWER_MAX_LENGTH",
    "EVENT_FIELDS",
    "MESSAGE_MAX_LENGTH",
    "REGISTRATION_TRANSITIONS",
    "SCHEDULE_TIME_LIMIT_SECONDS",
    "RegistrationTransition",
    "RequestStatus",
    "Status",
    "agenda_publish",
    "availability_set",
    "certificate_issue",
    "event_create",
    "event_set_status",
    "event_update",
    "meeting_lock",
    "meeting_move",
    "meeting_outcome_record",
    "meeting_request_accept",
    "meeting_request_decline",
    "meeting_request_send",
    "meeting_requests_expire",
    "outcome_surveys_send",
    "participant_update",
    "question_add",
    "registration_actions_for",
    "registration_approve",
    "registration_check_in",
    "registration_create",
    "registration_reject",
    "registration_withdraw",
    "room_add",
    "schedule_run",
    "scheduling_instance",
    "session_add",
    "session_delete",
    "validation_messages",
]
