"""Admin of programmes: read-only — a programme changes through its services (its status through the workflow),
and a submitted version never changes; the admin shows them with their versions and budget."""

from django.contrib import admin

from niokr.core.admin_mixins import ReadOnlyAdmin
from niokr.projects.models import Programme, ProgrammeBudget, ProgrammeVersion


class ProgrammeVersionInline(admin.TabularInline):
    model = ProgrammeVersion
    extra = 0
    can_delete = False
    fields = ("number", "title_ru", "priority_direction", "trl_start", "trl_target", "performer", "submitted_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ProgrammeBudgetInline(admin.TabularInline):
    model = ProgrammeBudget
    extra = 0
    can_delete = False
    fields = ("year", "amount")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "applicant", "authority", "status", "created_at")
    list_filter = ("status", "kind", "authority")
    search_fields = ("reference", "applicant__bin", "applicant__name_ru", "versions__title_ru")
    inlines = [ProgrammeVersionInline]


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(ReadOnlyAdmin):
    list_display = ("programme", "number", "title_ru", "priority_direction", "trl_start", "trl_target", "submitted_at")
    list_filter = ("priority_direction",)
    search_fields = ("programme__reference", "title_ru", "title_kk", "title_en")
    inlines = [ProgrammeBudgetInline]
