from django.contrib import admin

from niokr.core.admin_mixins import AuditedAdmin
from niokr.registry.models import Affiliation, Organisation, OrganisationAttribute, RegimeAssignment, SubsoilRight


class AttributeInline(admin.TabularInline):
    model = OrganisationAttribute
    extra = 0


class RegimeAssignmentInline(admin.TabularInline):
    """Assignments are shown here; they are added through "Regime assignments", which checks the
    regime code and closes the previous assignment (obligations.services.assign_regime)."""

    model = RegimeAssignment
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("bin", "name_ru", "kind", "region", "registered_on")
    list_filter = ("kind", "region")
    search_fields = ("bin", "name_ru", "name_kk", "name_en")
    inlines = [AttributeInline]


@admin.register(SubsoilRight)
class SubsoilRightAdmin(AuditedAdmin):
    list_display = ("number", "holder", "mineral_group", "right_type", "region", "signed_on", "production_start", "end_date")
    list_filter = ("mineral_group", "right_type", "region")
    search_fields = ("number", "holder__bin", "holder__name_ru")
    raw_id_fields = ("holder",)
    inlines = [RegimeAssignmentInline]


@admin.register(Affiliation)
class AffiliationAdmin(AuditedAdmin):
    list_display = ("source", "kind", "target", "share", "valid_from", "valid_to")
    list_filter = ("kind",)
    raw_id_fields = ("source", "target")
