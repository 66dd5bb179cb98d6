from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from niokr.core.admin_mixins import ReadOnlyAdmin
from niokr.intake.models import JobRecord, Submission


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "received", "sender", "kind", "period_year", "period_quarter", "filename", "status", "rows", "errors", "warnings")
    list_filter = ("kind", "status", "period_year")
    search_fields = ("reference", "organisation__bin", "organisation__name_ru", "filename", "sha256")
    list_select_related = ("organisation",)

    @admin.display(description=_("Received"), ordering="created_at")
    def received(self, submission):
        return submission.created_at

    @admin.display(description=_("Organisation"), ordering="organisation__name_ru")
    def sender(self, submission):
        return submission.organisation


@admin.register(JobRecord)
class JobRecordAdmin(ReadOnlyAdmin):
    list_display = ("reference", "created_at", "kind", "status", "started_by", "organisation", "submission", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("reference", "organisation__bin", "started_by__username", "task_id")


# Background jobs are read on the job pages (intake:job-list), which name them by reference, kind,
# person and outcome in the reader's language; the task backend's own admin lists the same rows by
# internal id and function name in English, and is not offered.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
