"""The admin site shows agreements with their parties and history but never changes them: an agreement
moves only through its transition table (`hubs.agreement_workflow`, enforced by `hubs.services`), and
each party's approval is bound to the hash of the text it approved, so an edit here would either skip
the history or leave approvals standing for a text nobody approved."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from hubs.models import Agreement, AgreementEvent, AgreementParty


class AgreementPartyInline(ReadOnlyInline):
    model = AgreementParty
    fields = ["organisation", "approved_hash", "approved_at", "approved_by"]


class AgreementEventInline(ReadOnlyInline):
    model = AgreementEvent
    fields = ["occurred_at", "actor_name", "action", "organisation", "text_hash", "note"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "hub", "kind", "status", "signed_on", "ends_on"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    list_select_related = ["hub__host"]
    inlines = [AgreementPartyInline, AgreementEventInline]
