"""The admin site shows the registry but never writes it: an organisation, its names, identifiers,
figures and links, who belongs to it with which role, and its invitations change only through
`directory.services`, which keep the search keys and the matching embeddings in step, check roles (an
organisation never loses its last admin) and cycles, send the emails, and record the audit trail. A
merge, likewise, goes through the duplicates pages. Deleting is left to Django's permissions, so that
erasing a person or an organisation still removes what cascades from them."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from directory.models import (
    ExternalIdentifier,
    Invitation,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
)


class OrganisationMembershipInline(ReadOnlyInline):
    model = OrganisationMembership
    fields = ["user", "role", "created_at"]


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
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "country", "city", "status", "created_at"]
    list_filter = ["kind", "status", "country"]
    search_fields = ["name", "city", "names__value"]
    inlines = [
        OrganisationMembershipInline,
        OrganisationNameInline,
        ExternalIdentifierInline,
        OrganisationFigureInline,
        OrganisationRelationshipInline,
    ]


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
