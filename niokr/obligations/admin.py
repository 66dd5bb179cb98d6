from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from niokr.core.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from niokr.obligations.models import BaseFigure, BudgetTransfer, LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.services import assign_regime, check_regime_code, confirm_transfer, record_base_figure
from niokr.registry.models import RegimeAssignment


class RegimeAssignmentForm(forms.ModelForm):
    class Meta:
        model = RegimeAssignment
        fields = ("right", "regime_code", "valid_from", "legal_reason", "manual_override")

    def clean(self):
        cleaned = super().clean()
        right = cleaned.get("right")
        if cleaned.get("regime_code"):
            check_regime_code(cleaned["regime_code"], right.mineral_group if right else None, on=cleaned.get("valid_from"))
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
    """A used version is shown read-only (no edit, no delete); a change is a new version from a date.

    ``?copy_from=<id>`` on the add page starts a new version of that regime with its values.
    """

    list_display = ("code", "version", "title_en", "base_type", "rate", "channel", "credit_rule", "effective_from", "effective_to", "used")
    list_filter = ("channel", "base_type")
    readonly_fields = ("new_version",)

    @admin.display(description=_("used"), boolean=True)
    def used(self, obj):
        return obj.is_used()

    @admin.display(description=_("a change"))
    def new_version(self, obj):
        if obj is None or obj.pk is None:
            return ""
        url = reverse("admin:obligations_ruleregime_add") + f"?copy_from={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Add a new version from a date"))

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_used():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_used():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        """No bulk deletion: it would bypass the check that a used version is never deleted."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_changeform_initial_data(self, request):
        """A new version copies the regime named by ``copy_from``; its number follows the latest."""
        initial = super().get_changeform_initial_data(request)
        source = RuleRegime.objects.filter(pk=request.GET.get("copy_from") or 0).first() if str(request.GET.get("copy_from", "")).isdigit() else None
        if source is None:
            return initial
        for field in RuleRegime._meta.concrete_fields:
            if field.name not in {"id", "effective_from", "effective_to"}:
                initial[field.name] = getattr(source, field.name)
        latest = RuleRegime.objects.filter(code=source.code).order_by("-version").values_list("version", flat=True).first()
        initial["version"] = (latest or source.version) + 1
        return initial


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
    """Transfers are read-only; an unconfirmed one is pending and fulfils nothing yet."""

    list_display = ("order_number", "payer", "right", "paid_on", "amount", "for_year", "confirmation_status", "confirmed_on", "confirmation")
    list_filter = ("treasury_confirmed",)
    actions = ("confirm_by_treasury",)

    def has_confirm_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Record the treasury's confirmation (posts the fulfilment)"), permissions=["confirm"])
    def confirm_by_treasury(self, request, queryset):
        """For a confirmation the treasury gave outside a treasury file (a letter, a statement)."""
        confirmed = 0
        for transfer in queryset.filter(treasury_confirmed=False):
            try:
                confirm_transfer(transfer=transfer, confirmed_on=timezone.localdate(), confirmation=f"admin:{request.user.get_username()}", actor=request.user)
                confirmed += 1
            except ValidationError as exc:
                self.message_user(request, f"№{transfer.order_number}: {'; '.join(exc.messages)}", messages.ERROR)
        self.message_user(request, _("Transfers confirmed: %(count)s") % {"count": confirmed}, messages.SUCCESS)

    @admin.display(description=_("treasury"), ordering="treasury_confirmed")
    def confirmation_status(self, obj):
        return _("confirmed") if obj.treasury_confirmed else _("pending: not counted until the treasury confirms it")
