"""What each step of a profile's history says, as one whole sentence per step in the reader's language.

The profile page reads these; the code stays in `ProfileEvent.action`. Placeholders: %(actor)s (who, or
ParkLink for a scheduled job) and, for an edit, %(fields)s (the changed fields by their translated names).
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_stubs_ext import StrOrPromise

from marketplace.models import Profile

HISTORY_SENTENCES: dict[str, StrOrPromise] = {
    "create": _("%(actor)s created the profile."),
    "update": _("%(actor)s edited the profile."),
    "submit": _("%(actor)s submitted the profile for moderation."),
    "publish": _("%(actor)s published the profile."),
    "return": _("%(actor)s returned the profile with comments."),
    "reject": _("%(actor)s rejected the profile."),
    "extend": _("%(actor)s extended the profile."),
    "archive": _("%(actor)s archived the profile."),
    "expire": _("The profile expired."),
    "expiry_warning": _("The profile's people were warned that it expires soon."),
    "open_for_eoi": _("%(actor)s opened the profile for expressions of interest."),
    "close_for_eoi": _("%(actor)s closed the profile for expressions of interest."),
    "attachment_add": _("%(actor)s attached a file."),
    "attachment_remove": _("%(actor)s removed a file."),
    "eoi_received": _("%(actor)s sent an expression of interest."),
    "eoi_accepted": _("%(actor)s accepted an expression of interest."),
    "eoi_declined": _("%(actor)s declined an expression of interest."),
    "eoi_withdrawn": _("%(actor)s withdrew an expression of interest."),
    "eoi_expired": _("An expression of interest expired without an answer."),
    "eoi_outcome_recorded": _("%(actor)s recorded the outcome of an expression of interest."),
}
HISTORY_SENTENCE_EDITED_FIELDS = _("%(actor)s edited the profile: %(fields)s.")
HISTORY_SENTENCE_OTHER = _("%(actor)s changed the profile.")


def _field_names(changes: dict[str, Any]) -> str:
    names = []
    for name in changes:
        try:
            field = Profile._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        names.append(str(getattr(field, "verbose_name", name.replace("_", " "))))
    return pgettext("between the items of a list", ", ").join(names)


def profile_history_sentence(event: Any) -> str:
    """The step as a sentence in the active language ("Leyla Aliyeva published the profile.")."""
    person = event.actor if event.actor_id else None
    actor = event.actor_name or (person.get_full_name() or person.email if person else "") or _("ParkLink")
    if event.action == "update" and event.changes:
        return str(HISTORY_SENTENCE_EDITED_FIELDS) % {"actor": actor, "fields": _field_names(event.changes)}
    sentence = HISTORY_SENTENCES.get(event.action, HISTORY_SENTENCE_OTHER)
    return str(sentence) % {"actor": actor}
