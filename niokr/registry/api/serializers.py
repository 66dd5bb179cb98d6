"""Serializers of the registry API (read-only)."""

from __future__ import annotations

from rest_framework import serializers

from niokr.core.api import CompiledRepresentation

from niokr.registry.models import Organisation, OrganisationAttribute, RegimeAssignment, SubsoilRight
from niokr.registry.regimes import regime_name

__all__ = ["OrganisationRefSerializer", "OrganisationSerializer", "SubsoilRightSerializer"]


class OrganisationRefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An organisation named in another record: id, BIN and the names in kk/ru/en."""

    class Meta:
        model = Organisation
        fields = ["id", "bin", "name_kk", "name_ru", "name_en"]
        read_only_fields = fields


class AttributeSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A status held over a period, with its evidence."""

    class Meta:
        model = OrganisationAttribute
        fields = ["kind", "valid_from", "valid_to", "number", "issued_by", "evidence"]
        read_only_fields = fields


class OrganisationSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An organisation of the registry with its statuses and the number of its rights visible to the caller."""

    rights_count = serializers.IntegerField(read_only=True, help_text="Rights of this organisation visible to the caller")
    attributes = AttributeSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "bin", "name_kk", "name_ru", "name_en", "kind", "region", "registered_on", "authority", "rights_count", "attributes"]
        read_only_fields = fields


class RegimeAssignmentSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A rule regime governing the right from ``valid_from`` (to ``valid_to``, open-ended when null)."""

    regime_display = serializers.SerializerMethodField(help_text="The regime's name in the request's language")

    class Meta:
        model = RegimeAssignment
        fields = ["regime_code", "valid_from", "valid_to", "legal_reason", "regime_display"]
        read_only_fields = fields

    def get_regime_display(self, obj) -> str:
        return regime_name(obj.regime_code)


class SubsoilRightSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A contract or licence with its holder, the regime in force today and the regime history."""

    holder = OrganisationRefSerializer(read_only=True)
    current_regime = serializers.CharField(read_only=True, allow_null=True, help_text="Code of the regime assignment in force today")
    current_regime_display = serializers.SerializerMethodField(help_text="The name of the regime in force today, in the request's language")
    regimes = RegimeAssignmentSerializer(source="regime_assignments", many=True, read_only=True)

    class Meta:
        model = SubsoilRight
        fields = [
            "id", "number", "holder", "mineral_group", "right_type", "region", "signed_on", "production_start", "end_date",
            "stability_clause", "field_name", "current_regime", "current_regime_display", "regimes",
        ]
        read_only_fields = fields

    def get_current_regime_display(self, obj) -> str | None:
        code = getattr(obj, "current_regime", None)
        return regime_name(code) if code else None
