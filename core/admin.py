"""The one base for records the admin site shows but never writes.

A record with a workflow (a status that moves only through its services' transition table), a
signature (a certificate, a signed letter) or side effects kept in step by its services (search keys,
embeddings, history, the audit trail) is changed only through those services: an edit in the admin
would skip all of them. Apps register such models with `ReadOnlyAdmin` and show their rows inside
another record with `ReadOnlyInline`."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added or edited. Deleting is left to Django's permissions, so that erasing a person
    or an organisation in the admin still removes what cascades from them; a model that must not be
    deleted even then sets `deletable = False`."""

    deletable = True

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)


class ReadOnlyInline(admin.TabularInline):
    """Rows of a read-only model shown on another record's admin page."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Every shown field is read-only, so timestamps and other non-editable fields may be shown too.
        return self.fields or [field.name for field in self.model._meta.fields]
