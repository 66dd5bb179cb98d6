from django import forms
from django.contrib import admin

from niokr.core.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from niokr.obligations.models import BaseFigure, BudgetTransfer, LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.services import assign_regime, check_regime_code, record_base_figure
from niokr.registry.models import RegimeAssignment


class RegimeAssignmentForm(forms.ModelForm):
    class Meta:
        model = RegimeAssignment
        fields = ("right", "regime_code", "valid_from", "legal_reason", "manual_override")

    def clean(self):
        cleaned = super().clean()
        right = cleaned.get("right")
        if cleaned.get("regime_code"):
            check_regime_code(cleaned["regime_code"], right.mineral_group if right else None)
        return cleaned


@admin.register(RegimeAssignment)
class RegimeAssignmentAdmin(admin.ModelAdmin):
    """New assignments go through the service: the code is checked, the previous one closed, audited."""

    list_display = ("right", "regime_code", "valid_from", "valid_to", "manual_override")
    list_filter = ("regime_code", "manual_override")
    search_fields = ("right__number",)
    raw_id_fields = ("right",)
    form = RegimeAssignmentForm

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        new = assign_regime(right=obj.right, regime_code=obj.regime_code, valid_from=obj.valid_from, legal_reason=obj.legal_reason, manual_override=obj.manual_override, actor=request.user)
        obj.pk = new.pk


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
