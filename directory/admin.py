from django.contrib import admin
from django.http import HttpRequest

from directory.models import (
    ExternalIdentifier,
    Invitation,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
)


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ["user"]


class ReadOnlyInline(admin.TabularInline):
    """Names, identifiers, figures and links are written through the services (search keys, history,
    cycle checks, audit trail); the admin site only shows them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class OrganisationNameInline(ReadOnlyInline):
    model = OrganisationName
    fields = ["value", "language", "kind"]


class ExternalIdentifierInline(ReadOnlyInline):
    model = ExternalIdentifier
    fields = ["scheme", "value", "preferred"]


class OrganisationFigureInline(ReadOnlyInline):
    model = OrganisationFigure
    fields = ["metric", "value", "as_of", "source", "source_url", "recorded_by"]


class OrganisationRelationshipInline(ReadOnlyInline):
    model = OrganisationRelationship
    fk_name = "subject"
    fields = ["kind", "object"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "status", "created_at"]
    list_filter = ["kind", "status", "country"]
    search_fields = ["name", "city", "names__value"]
    filter_horizontal = ["sectors"]
    raw_id_fields = ["merged_into"]
    inlines = [
        OrganisationMembershipInline,
        OrganisationNameInline,
        ExternalIdentifierInline,
        OrganisationFigureInline,
        OrganisationRelationshipInline,
    ]


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
