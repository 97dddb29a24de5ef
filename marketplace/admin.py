"""The admin site only shows the marketplace: every write goes through the services (references,
history, audit trail, permission checks)."""

from django.contrib import admin
from django.http import HttpRequest

from marketplace.models import Attachment, ExpressionOfInterest, Profile, ProfileEvent, SavedSearch


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ProfileEventInline(ReadOnlyInline):
    model = ProfileEvent
    fields = readonly_fields = ("occurred_at", "actor", "action", "from_status", "to_status", "note")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = readonly_fields = ("original_name", "content_type", "size", "created_at")


@admin.register(Profile)
class ProfileAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "kind", "status", "owner", "visibility", "anonymous", "expires_at"]
    list_filter = ["kind", "status", "visibility", "anonymous"]
    search_fields = ["reference", "title"]
    list_select_related = ["owner"]
    inlines = [AttachmentInline, ProfileEventInline]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ReadOnlyAdmin):
    list_display = ["profile", "sender_organisation", "status", "created_at", "expires_at"]
    list_filter = ["status"]
    list_select_related = ["profile", "sender_organisation"]


@admin.register(SavedSearch)
class SavedSearchAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "frequency", "last_sent_at"]
    list_select_related = ["user"]
