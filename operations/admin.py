"""The record of job runs in the admin site: to browse and filter, never to edit (the runner writes it)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from operations.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "period_key", "started_at", "finished_at", "outcome", "forced"]
    list_filter = ["name", "outcome", "forced"]
    search_fields = ["name", "period_key", "detail"]
    date_hierarchy = "started_at"
