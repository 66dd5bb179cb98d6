"""Admin of stages, acceptance acts and results: read-only — they change through their services and workflows.

A stage is planned, submitted, accepted or returned, and a result claimed, verified or rejected,
only through :mod:`niokr.projects.lifecycle.delivery` and :mod:`niokr.projects.lifecycle.results`
(which check, audit and notify); the admin lists and finds them.
"""

from django.contrib import admin

from niokr.core.admin_mixins import ReadOnlyAdmin
from niokr.projects.models import AcceptanceAct, Result, Stage


class AcceptanceActInline(admin.StackedInline):
    model = AcceptanceAct
    extra = 0
    can_delete = False
    fields = ("number", "signed_on", "amount", "signed_by", "report_name", "report_sha256", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Stage)
class StageAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "number", "title", "start_date", "end_date", "amount", "status")
    list_filter = ("status",)
    search_fields = ("agreement__number", "agreement__payer__bin", "agreement__performer__bin", "title")
    inlines = [AcceptanceActInline]


@admin.register(AcceptanceAct)
class AcceptanceActAdmin(ReadOnlyAdmin):
    list_display = ("number", "stage", "signed_on", "amount", "signed_by")
    search_fields = ("number", "stage__agreement__number")


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "title", "project", "year", "status")
    list_filter = ("kind", "status", "patent_office", "indexing")
    search_fields = ("reference", "patent_number", "doi", "title", "project__code")
