"""The admin site shows applications, their history and reviews, and the signed documents, but never
changes them: an application moves only through its transition table (`exchanges.transitions`, enforced
by `exchanges.services`), which writes the history, notifies the parties and keeps the quota, a review
is scored through its service, and a document is signed once and only revoked through its service."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from exchanges.models import Application, ApplicationEvent, Document, ReviewAssignment


class ApplicationEventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["occurred_at", "actor_name", "action", "from_status", "to_status", "note"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "call", "applicant", "home_organisation", "host_organisation", "status"]
    list_filter = ["status"]
    search_fields = ["reference", "applicant__email"]
    list_select_related = ["call", "applicant", "home_organisation", "host_organisation"]
    inlines = [ApplicationEventInline]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "status", "weighted_score", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["application", "reviewer"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "application", "issued_at", "revoked_at"]
    list_filter = ["kind"]
    search_fields = ["number"]
    list_select_related = ["application"]
