"""Serializers of the obligations API: money as decimal strings, codes as stored, reasons in two forms."""

from __future__ import annotations

from django.utils.translation import get_language, gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from niokr.core.api import CompiledRepresentation
from niokr.core.reference import label
from niokr.core.templatetags.niokr import localized
from niokr.obligations.catalogue import regime_notes
from niokr.obligations.choices import Channel
from niokr.obligations.describe import describe_sources, regime_label, reversal_reason
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
    name_display = serializers.SerializerMethodField(help_text="The regime's short name in the request's language")
    reporting_frequency_display = serializers.SerializerMethodField(help_text="The reporting frequency in the request's language")
    gaps_display = serializers.SerializerMethodField(help_text="The open legal questions and the defaults chosen, in the request's language")

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
            "name_display", "reporting_frequency_display", "gaps_display",
        ]
        read_only_fields = fields

    def get_name_display(self, obj) -> str:
        return regime_label(obj.code, _language())

    def get_reporting_frequency_display(self, obj) -> str:
        try:
            return label(obj.reporting_frequency, _language(), enum="obligations.ReportingFrequency")
        except (KeyError, TypeError):
            return obj.reporting_frequency

    def get_gaps_display(self, obj) -> str:
        return regime_notes(obj.code, obj.version, obj.gaps, _language())

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
    regime_display = serializers.SerializerMethodField(help_text="The regime's name in the request's language")

    class Meta:
        model = RightYearBalance
        fields = [
            "id", "right", "right_number", "holder", "mineral_group", "year",
            "regime_code", "regime_version", "base_type", "base_year", "base_amount", "base_figure",
            "obligation", "fulfilled", "ineligible", "credit_in", "credit_out", "arrears", "status",
            "reasons", "reason_texts", "ineligible_detail", "ineligible_texts", "computed_at", "regime_display",
        ]
        read_only_fields = fields

    def get_regime_display(self, obj) -> str:
        return regime_label(obj.regime_code, _language())

    def get_reason_texts(self, obj) -> list[str]:
        language = _language()
        return [render_reason(r, language) for r in obj.reasons or []]

    def get_ineligible_texts(self, obj) -> list[str]:
        language = _language()
        return [render_ineligible(item.get("reason", ""), language) for item in obj.ineligible_detail or []]


class LedgerEntrySerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One append-only ledger entry; ``reverses`` / ``reversed_by`` link a reversal and its entry.

    The ``*_display`` fields say in the request's language what a person reads on the right's page:
    where the entry came from ("Payment No ПП-1234 of 12.03.2025"), the performer with its BIN, a
    reversal's reason — never a database id. A list describes its page's entries in a few queries
    (the view puts the descriptions in the serializer's context).
    """

    reversed_by = serializers.SerializerMethodField()
    channel = serializers.ChoiceField(choices=Channel.choices, allow_blank=True, read_only=True, help_text="Empty for an obligation entry")
    source_display = serializers.SerializerMethodField(help_text="What the entry came from, in the request's language")
    performer_display = serializers.SerializerMethodField(help_text="The performer's name and BIN (empty without a performer)")
    reference_display = serializers.SerializerMethodField(help_text="The entry's reference; for a reversal, its reason in the request's language")

    class Meta:
        model = LedgerEntry
        fields = [
            "id", "right", "year", "kind", "target_kind", "channel", "amount", "entry_date", "performer",
            "reverses", "reversed_by", "source_type", "source_id", "regime_code", "regime_version", "base_figure",
            "reference", "idempotency_key", "created_at", "source_display", "performer_display", "reference_display",
        ]
        read_only_fields = fields

    def get_reversed_by(self, obj) -> int | None:
        reversal = getattr(obj, "reversed_by", None)
        return reversal.pk if reversal is not None else None

    def get_source_display(self, obj) -> str:
        texts = self.context.get("sources")
        if texts is None or obj.pk not in texts:
            texts = describe_sources([obj])
        return texts[obj.pk]

    def get_performer_display(self, obj) -> str:
        performer = obj.performer
        return "" if performer is None else f"{localized(performer, 'name')}, {gettext('BIN')} {performer.bin}"

    def get_reference_display(self, obj) -> str:
        return reversal_reason(obj.reference) if obj.kind == "reversal" else obj.reference
