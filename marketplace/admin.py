"""The admin site only shows the marketplace: every write goes through the services (references,
history, audit trail, permission checks)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from marketplace.models import Attachment, ExpressionOfInterest, Profile, ProfileEvent, SavedSearch


class ProfileEventInline(ReadOnlyInline):
    model = ProfileEvent
    fields = readonly_fields = ("occurred_at", "actor", "action", "from_status", "to_status", "note")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = readonly_fields = ("original_name", "content_type", "size", "created_at")


@admin.register(Profile)
class ProfileAdmin(ReadOnlyAdmin):
    deletable = False
    list_display = ["reference", "title", "kind", "status", "owner", "visibility", "anonymous", "expires_at"]
    list_filter = ["kind", "status", "visibility", "anonymous"]
    search_fields = ["reference", "title"]
    list_select_related = ["owner"]
    inlines = [AttachmentInline, ProfileEventInline]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ReadOnlyAdmin):
    deletable = False
    list_display = ["profile", "sender_organisation", "status", "created_at", "expires_at"]
    list_filter = ["status"]
    list_select_related = ["profile", "sender_organisation"]


@admin.register(SavedSearch)
class SavedSearchAdmin(ReadOnlyAdmin):
    deletable = False
    list_display = ["name", "user", "frequency", "last_sent_at"]
    list_select_related = ["user"]
