from django.contrib import admin

from niokr.core.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from niokr.obligations.models import BaseFigure, BudgetTransfer, LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.services import record_base_figure


@admin.register(RuleRegime)
class RuleRegimeAdmin(AuditedAdmin):
    list_display = ("code", "version", "title_en", "base_type", "rate", "channel", "credit_rule", "effective_from")
    list_filter = ("channel", "base_type")


@admin.register(BaseFigure)
class BaseFigureAdmin(admin.ModelAdmin):
    """Base figures are revised, never edited: saving always records a new revision."""

    list_display = ("right", "year", "base_type", "amount", "status", "revision", "source")
    list_filter = ("base_type", "status", "source", "year")
    search_fields = ("right__number",)
    raw_id_fields = ("right",)
    exclude = ("revision",)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        new = record_base_figure(
            right=obj.right, year=obj.year, base_type=obj.base_type, amount=obj.amount, source=obj.source,
            status=obj.status, document=obj.document, note=obj.note, actor=request.user,
        )
        obj.pk = new.pk
        obj.revision = new.revision


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "right", "year", "kind", "channel", "amount", "entry_date", "reference")
    list_filter = ("kind", "channel", "year")
    search_fields = ("right__number", "idempotency_key", "reference")


@admin.register(RightYearBalance)
class RightYearBalanceAdmin(ReadOnlyAdmin):
    list_display = ("right", "year", "regime_code", "obligation", "fulfilled", "credit_in", "credit_out", "arrears", "status")
    list_filter = ("status", "year", "regime_code")
    search_fields = ("right__number",)


@admin.register(BudgetTransfer)
class BudgetTransferAdmin(ReadOnlyAdmin):
    list_display = ("order_number", "payer", "right", "paid_on", "amount", "for_year", "treasury_confirmed")
    list_filter = ("treasury_confirmed",)
