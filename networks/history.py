"""What each step of a membership's history says, as one whole sentence per step in the reader's language.

The membership page and the API's `description` read these; the code stays in `action`. Placeholders:
%(actor)s (who, or ParkLink for a scheduled job) and %(status)s (the status the step led to, translated).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

HISTORY_SENTENCES: dict[str, StrOrPromise] = {
    "apply": _("%(actor)s applied for membership."),
    "review_start": _("%(actor)s started reviewing the application."),
    "request_information": _("%(actor)s asked the applicant for more information."),
    "approve": _("%(actor)s approved the application."),
    "reject": _("%(actor)s rejected the application."),
    "payment_record": _("%(actor)s recorded the membership fee as paid."),
    "ratify": _("%(actor)s ratified the membership."),
    "renew": _("%(actor)s renewed the membership."),
    "cancel": _("%(actor)s cancelled the membership."),
    "set_status": _("%(actor)s set the membership's status to %(status)s."),
    "expiry": _("The membership expired."),
}
HISTORY_SENTENCE_OTHER = _("%(actor)s changed the membership's status to %(status)s.")


def membership_history_sentence(change: Any) -> str:
    """The step as a sentence in the active language ("Dana Seitkali approved the application.")."""
    person = change.actor if change.actor_id else None
    actor = change.actor_name or (person.get_full_name() or person.email if person else "") or _("ParkLink")
    sentence = HISTORY_SENTENCES.get(change.action, HISTORY_SENTENCE_OTHER)
    return str(sentence) % {"actor": actor, "status": change.get_to_status_display()}
