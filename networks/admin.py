from django.contrib import admin

from networks.models import (
    Certificate,
    Invoice,
    MembershipCategory,
    MembershipStatusChange,
    NetworkMembership,
    NetworkSettings,
)


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "network", "status", "category", "valid_until", "updated_at"]
    list_filter = ["status", "network"]
    search_fields = ["member__name", "network__name"]
    list_select_related = ["member", "network", "category"]
    autocomplete_fields = ["network", "member"]


@admin.register(MembershipCategory)
class MembershipCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "annual_fee", "currency", "term_months", "active"]
    list_select_related = ["network"]


@admin.register(NetworkSettings)
class NetworkSettingsAdmin(admin.ModelAdmin):
    list_display = ["network", "ratification_required", "grace_days", "reminder_days_before_expiry"]
    list_select_related = ["network"]


@admin.register(MembershipStatusChange)
class MembershipStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["membership", "from_status", "to_status", "action", "actor", "at"]
    list_select_related = ["membership__member", "membership__network", "actor"]


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "membership", "amount", "currency", "issued_at", "paid_at"]
    search_fields = ["number"]
    list_select_related = ["membership__member", "membership__network"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    # Certificates change only through the services (signing, revocation), never in the admin.
    list_display = ["number", "membership", "issued_at", "valid_until", "revoked_at"]
    search_fields = ["number"]
    list_select_related = ["membership__member", "membership__network"]
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
