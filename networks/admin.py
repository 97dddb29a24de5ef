"""The admin site shows memberships, their history, invoices and certificates but never changes them:
each of those moves only through a step of the workflow (`networks.services`), which checks the
transition table, writes the history and the audit trail, and issues or revokes what it signs. An edit
here would skip all of that. Categories and settings stay editable."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from networks.models import (
    Certificate,
    Invoice,
    MembershipCategory,
    MembershipStatusChange,
    NetworkMembership,
    NetworkSettings,
)


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "network", "status", "category", "valid_until", "updated_at"]
    list_filter = ["status", "network"]
    search_fields = ["member__name", "network__name"]
    list_select_related = ["member", "network", "category"]


@admin.register(MembershipCategory)
class MembershipCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "annual_fee", "currency", "term_months", "active"]
    list_select_related = ["network"]


@admin.register(NetworkSettings)
class NetworkSettingsAdmin(admin.ModelAdmin):
    list_display = ["network", "ratification_required", "grace_days", "reminder_days_before_expiry"]
    list_select_related = ["network"]


@admin.register(MembershipStatusChange)
class MembershipStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["membership", "from_status", "to_status", "action", "actor", "at"]
    list_select_related = ["membership__member", "membership__network", "actor"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "membership", "amount", "currency", "issued_at", "paid_at"]
    search_fields = ["number"]
    list_select_related = ["membership__member", "membership__network"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "membership", "issued_at", "valid_until", "revoked_at"]
    search_fields = ["number"]
    list_select_related = ["membership__member", "membership__network"]
