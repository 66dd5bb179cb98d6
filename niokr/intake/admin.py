from django.contrib import admin

from niokr.core.admin_mixins import ReadOnlyAdmin
from niokr.intake.models import JobRecord, Submission


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "created_at", "organisation", "kind", "period_year", "period_quarter", "filename", "status", "rows", "errors", "warnings")
    list_filter = ("kind", "status", "period_year")
    search_fields = ("reference", "organisation__bin", "organisation__name_ru", "filename", "sha256")


@admin.register(JobRecord)
class JobRecordAdmin(ReadOnlyAdmin):
    list_display = ("reference", "created_at", "kind", "status", "started_by", "organisation", "submission", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("reference", "organisation__bin", "started_by__username", "task_id")
