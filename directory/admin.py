from django.contrib import admin

from directory.models import Invitation, Organisation, OrganisationMembership


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "status", "created_at"]
    list_filter = ["kind", "status", "country"]
    search_fields = ["name", "city"]
    filter_horizontal = ["sectors"]
    inlines = [OrganisationMembershipInline]


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
    readonly_fields = ["invited_by", "accepted_at", "accepted_by", "revoked_at", "created_at", "updated_at"]
    autocomplete_fields = ["organisation"]
