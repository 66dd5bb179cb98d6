"""Serializers of the obligations API: money as decimal strings, codes as stored, reasons in two forms."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from niokr.core.api import CompiledRepresentation

from niokr.obligations.choices import Channel
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.reasons import render_ineligible, render_reason

__all__ = ["RuleRegimeSerializer", "BaseFigureSerializer", "RightYearBalanceSerializer", "LedgerEntrySerializer"]


def _language() -> str:
    return (get_language() or "ru")[:2]


class RuleRegimeSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One version of a rule regime with its legal basis in kk / ru / en."""

    eligible_performers = serializers.SerializerMethodField()
    mineral_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    source_url = serializers.CharField(read_only=True, help_text="Where the act was read (empty when not recorded)")

    class Meta:
        model = RuleRegime
        fields = [
            "id", "code", "version",
            "title_kk", "title_ru", "title_en",
            "legal_basis_kk", "legal_basis_ru", "legal_basis_en",
            "act_date", "act_number", "moj_registration", "source_url",
            "effective_from", "effective_to", "mineral_groups",
            "base_type", "rate", "rate_kind", "first_due_rule", "channel",
            "eligible_performers", "requires_accreditation", "count_direct_before_change",
            "credit_rule", "credit_from_year", "rounding", "reporting_frequency", "gaps",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField(child=serializers.CharField(allow_null=True))))
    def get_eligible_performers(self, obj) -> list[dict]:
        return [{"attribute": rule.get("attribute"), "from": rule.get("from")} for rule in obj.eligible_performers or []]


class BaseFigureSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One revision of a right's base figure for a year."""

    class Meta:
        model = BaseFigure
        fields = ["id", "right", "year", "base_type", "amount", "source", "document", "status", "revision", "note", "created_at"]
        read_only_fields = fields


class RightYearBalanceSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """The engine's result for a right-year, with the reasons behind every figure.

    ``reasons`` are the machine-readable codes with their parameters; ``reason_texts`` the same
    reasons rendered in the request's language (``Accept-Language`` or the user's language).
    """

    holder = serializers.IntegerField(source="right.holder_id", read_only=True)
    right_number = serializers.CharField(source="right.number", read_only=True)
    mineral_group = serializers.CharField(source="right.mineral_group", read_only=True)
    reasons = serializers.ListField(child=serializers.DictField(), read_only=True)
    ineligible_detail = serializers.ListField(child=serializers.DictField(), read_only=True)
    reason_texts = serializers.SerializerMethodField()
    ineligible_texts = serializers.SerializerMethodField()

    class Meta:
        model = RightYearBalance
        fields = [
            "id", "right", "right_number", "holder", "mineral_group", "year",
            "regime_code", "regime_version", "base_type", "base_year", "base_amount", "base_figure",
            "obligation", "fulfilled", "ineligible", "credit_in", "credit_out", "arrears", "status",
            "reasons", "reason_texts", "ineligible_detail", "ineligible_texts", "computed_at",
        ]
        read_only_fields = fields

    def get_reason_texts(self, obj) -> list[str]:
        language = _language()
        return [render_reason(r, language) for r in obj.reasons or []]

    def get_ineligible_texts(self, obj) -> list[str]:
        language = _language()
        return [render_ineligible(item.get("reason", ""), language) for item in obj.ineligible_detail or []]


class LedgerEntrySerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One append-only ledger entry; ``reverses`` / ``reversed_by`` link a reversal and its entry."""

    reversed_by = serializers.SerializerMethodField()
    channel = serializers.ChoiceField(choices=Channel.choices, allow_blank=True, read_only=True, help_text="Empty for an obligation entry")

    class Meta:
        model = LedgerEntry
        fields = [
            "id", "right", "year", "kind", "target_kind", "channel", "amount", "entry_date", "performer",
            "reverses", "reversed_by", "source_type", "source_id", "regime_code", "regime_version", "base_figure",
            "reference", "idempotency_key", "created_at",
        ]
        read_only_fields = fields

    def get_reversed_by(self, obj) -> int | None:
        reversal = getattr(obj, "reversed_by", None)
        return reversal.pk if reversal is not None else None
