"""`{{ event|agreement_history_sentence }}`: an agreement's history step as a whole sentence in the
reader's language (`hubs.agreement_workflow.HISTORY_SENTENCES`), never its internal code."""

from django import template

from hubs.agreement_workflow import agreement_history_sentence as sentence_of
from hubs.models import AgreementEvent

register = template.Library()


@register.filter
def agreement_history_sentence(event: AgreementEvent) -> str:
    return sentence_of(event)
