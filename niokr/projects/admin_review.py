"""Admin of the state expertise and the competitive selection (imported by ``projects.admin``).

Statuses change only through the workflows, so expertises, calls, applications and reservations
are read-only here. A criteria sheet version in use is frozen (a change is a new version). An
application is listed and opened only through ``Application.objects.readable_by``: before its call's
deadline the admin shows no sealed application to anybody, a superuser included.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from niokr.core.admin_mixins import AuditedAdmin
from niokr.projects.models import Application, Call, CriteriaSheet, Criterion, Expertise, PoolReservation, StateExpert


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StateExpert)
class StateExpertAdmin(AuditedAdmin):
    list_display = ("__str__", "organisation", "position", "term_from", "term_to")
    list_filter = ("position",)
    autocomplete_fields = ("user", "organisation")
    search_fields = ("user__last_name", "user__first_name", "organisation__name_ru", "organisation__bin")


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and obj.in_use) and super().has_change_permission(request, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(CriteriaSheet)
class CriteriaSheetAdmin(AuditedAdmin):
    list_display = ("code", "version", "title_ru", "threshold", "min_experts", "valid_from")
    inlines = [CriterionInline]

    def has_change_permission(self, request, obj=None):
        """A version used by an expertise is frozen."""
        return not (obj is not None and obj.in_use) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and obj.in_use) and super().has_delete_permission(request, obj)


@admin.register(Expertise)
class ExpertiseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "version", "sheet", "status", "score", "positive", "confirmed_at")
    list_filter = ("status", "positive")
    search_fields = ("reference",)


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("reference", "title_ru", "year", "amount", "deadline", "status", "applications_count")
    list_filter = ("status", "year")
    search_fields = ("reference",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("applications", filter=~Q(applications__status="withdrawn")))

    @admin.display(description=_("applications"), ordering="n")
    def applications_count(self, call):
        """Only the count: never an application's content."""
        return call.n


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("reference", "call", "status", "rank", "score", "amount", "amount_awarded")
    list_filter = ("status",)
    search_fields = ("reference",)

    def get_queryset(self, request):
        """The sealed rule: before the deadline no application is listed or opened here."""
        return Application.objects.readable_by(request.user).select_related("call")


@admin.register(PoolReservation)
class PoolReservationAdmin(ReadOnlyAdmin):
    list_display = ("call", "application", "year", "direction", "amount", "created_at")
    list_filter = ("year", "direction")
