"""Control in the admin: read-only (runs, flags, cases and notices change only through the services)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from niokr.accounts.people import person_name
from niokr.control.models import AuditCase, CaseItem, ControlRun, DocumentRequest, Flag, Notice
from niokr.control.tables import SubjectLinks
from niokr.core.admin_mixins import ReadOnlyAdmin


@admin.register(ControlRun)
class ControlRunAdmin(ReadOnlyAdmin):
    list_display = ("as_of", "payer", "status", "started_at", "finished_at", "who_started")
    list_filter = ("status",)
    search_fields = ("payer__bin", "payer__name_ru", "started_by")
    raw_id_fields = ("payer",)

    @admin.display(description=_("Started by"), ordering="started_by")
    def who_started(self, run):
        return person_name(run.started_by or "system")


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ("run", "indicator", "version", "subject", "year", "payer", "amount")
    list_per_page = 50
    list_filter = ("indicator", "subject_type")
    search_fields = ("payer__bin", "indicator")
    list_select_related = ("run", "payer")
    raw_id_fields = ("run", "payer")

    @admin.display(description=pgettext_lazy("control", "Subject"))
    def subject(self, flag) -> str:
        """The flagged subject as people name it (a payment by its document number and date): a query a row,
        on an admin page of at most :attr:`list_per_page` rows."""
        subjects = SubjectLinks()
        subjects.add([flag])
        return subjects.text(flag)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CaseItemInline(_ReadOnlyInline):
    model = CaseItem
    fields = ("indicator", "version", "subject_type", "subject_id", "year", "amount", "evidence", "decision", "excluded")


class DocumentRequestInline(_ReadOnlyInline):
    model = DocumentRequest
    fields = ("text", "due_on", "requested_by", "requested_at", "answer", "answer_file", "answer_sha256", "answered_by", "answered_at")


@admin.register(AuditCase)
class AuditCaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "payer", "title", "status", "assigned_to", "opened_at", "closed_at", "excluded_total")
    list_filter = ("status",)
    search_fields = ("reference", "payer__bin", "payer__name_ru", "title")
    list_select_related = ("payer", "assignee")
    raw_id_fields = ("payer",)
    inlines = (CaseItemInline, DocumentRequestInline)

    @admin.display(description=_("Assigned to"), ordering="assignee__last_name")
    def assigned_to(self, case):
        return person_name(case.assignee)


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "organisation", "kind", "case")
    list_filter = ("kind",)
    search_fields = ("organisation__bin", "organisation__name_ru", "case__reference")
    list_select_related = ("organisation", "case")
    raw_id_fields = ("organisation", "case")
