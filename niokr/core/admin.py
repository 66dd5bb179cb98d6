from django.contrib import admin

from niokr.core.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from niokr.core.models import AuditEvent, CurrencyRate


@admin.register(CurrencyRate)
class CurrencyRateAdmin(AuditedAdmin):
    list_display = ("currency", "on_date", "rate", "source")
    list_filter = ("currency",)
    date_hierarchy = "on_date"


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "created_at", "actor_name", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "actor_name", "request_id")
