"""Serializers of the projects API (read-only). Money is a decimal string (``"1234567.89"``)."""

from __future__ import annotations

from rest_framework import serializers

from niokr.core.api import CompiledRepresentation
from niokr.core.choices import PriorityDirection
from niokr.projects.models import Agreement, Payment
from niokr.registry.api.serializers import OrganisationRefSerializer

__all__ = ["AgreementSerializer", "PaymentSerializer"]


class AgreementSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An R&D agreement: the payer engages the performer for an amount over a period."""

    payer = OrganisationRefSerializer(read_only=True)
    performer = OrganisationRefSerializer(read_only=True)
    priority_direction = serializers.ChoiceField(choices=PriorityDirection.choices, allow_blank=True, read_only=True, help_text="Empty when the agreement names none")
    project_code = serializers.CharField(source="project.code", read_only=True, allow_null=True, default=None, help_text="Code of the R&D project, if any")
    project_trl_start = serializers.IntegerField(source="project.trl_start", read_only=True, allow_null=True, default=None, help_text="The project's TRL at start; null: not reported (or no project)")
    project_trl_target = serializers.IntegerField(source="project.trl_target", read_only=True, allow_null=True, default=None, help_text="The project's target TRL; null: not reported (or no project)")
    project_trl_start_display = serializers.CharField(source="project.trl_start_display", read_only=True, allow_null=True, default=None, help_text='The TRL at start as read, "not reported" in the user\'s language; null without a project')
    project_trl_target_display = serializers.CharField(source="project.trl_target_display", read_only=True, allow_null=True, default=None, help_text='The target TRL as read, "not reported" in the user\'s language; null without a project')

    class Meta:
        model = Agreement
        fields = ["id", "number", "signed_on", "payer", "performer", "subject", "amount", "period_start", "period_end", "priority_direction", "project_code",
                  "project_trl_start", "project_trl_target", "project_trl_start_display", "project_trl_target_display"]
        read_only_fields = fields


class PaymentSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A payment under an agreement in KZT (with the original currency, amount and rate when foreign)."""

    agreement_number = serializers.CharField(source="agreement.number", read_only=True)
    payer = OrganisationRefSerializer(source="agreement.payer", read_only=True)
    performer = OrganisationRefSerializer(source="agreement.performer", read_only=True)
    right_number = serializers.CharField(source="right.number", read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id", "paid_on", "amount", "currency", "original_amount", "rate", "document_number", "purpose",
            "agreement", "agreement_number", "payer", "performer", "right", "right_number", "for_year", "source_submission",
        ]
        read_only_fields = fields
