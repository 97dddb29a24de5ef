"""The admin site shows registrations and attendance certificates but never changes them: a
registration moves only through the workflow table (`events.services.registration_workflow`), which
also frees places for the waitlist and emails the person, and a certificate is signed once."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from events.models import AttendanceCertificate, Registration


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["user", "event", "organisation", "status", "checked_in_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__full_name", "event__title"]
    list_select_related = ["user", "event", "organisation"]


@admin.register(AttendanceCertificate)
class AttendanceCertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "registration", "issued_at", "revoked_at"]
    search_fields = ["number"]
    list_select_related = ["registration__user", "registration__event"]
