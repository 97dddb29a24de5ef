"""`{{ change|membership_history_sentence }}`: a membership's history step as a whole sentence in the
reader's language (`networks.history.HISTORY_SENTENCES`), never its internal code."""

from django import template

from networks.history import membership_history_sentence as sentence_of
from networks.models import MembershipStatusChange

register = template.Library()


@register.filter
def membership_history_sentence(change: MembershipStatusChange) -> str:
    return sentence_of(change)
