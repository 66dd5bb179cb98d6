"""Serializers of the control API: flags, risk scores, audit cases, the indicator catalogue, notices.

Titles, explanations and notices are written in the request's language (``Accept-Language`` or
the user's language), as the pages write them. Beside the raw values (ids, codes, tiyn) each object
carries ``*_display`` fields as a person reads them: the subject by its business number (a payment
by its document number and date, an agreement by its number, a right by its number, an
organisation by its name), each piece of evidence under its label with its value written out.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from niokr.control.evidence import Reading, json_value
from niokr.control.models import AuditCase, CaseItem, DocumentRequest, Flag, Notice, RiskScore
from niokr.control.tables import SubjectLinks, catalogue_by_code, indicator_title, notice_text, reads_control
from niokr.registry.api.serializers import OrganisationRefSerializer

__all__ = [
    "FlagSerializer",
    "ContributionSerializer",
    "RiskScoreSerializer",
    "CaseItemSerializer",
    "DocumentRequestSerializer",
    "AuditCaseSerializer",
    "AuditCaseDetailSerializer",
    "OpenCaseSerializer",
    "ThresholdSerializer",
    "IndicatorSerializer",
    "NoticeSerializer",
]

_ID = {"min_value": 1, "max_value": 2**63 - 1}


class EvidenceItemSerializer(serializers.Serializer):
    """One piece of evidence as a person reads it."""

    key = serializers.CharField(help_text="The evidence key (as in `evidence`)")
    label = serializers.CharField(help_text="What it is, in the request's language")
    value = serializers.CharField(help_text="The value written out: money in tenge, dates and percentages as the language writes them, organisations by name and BIN")


class _ReadTogether(serializers.ListSerializer):
    """A list of flags, scores or case items: their subjects and evidence are read in one go."""

    def to_representation(self, data):
        rows = list(data.all() if hasattr(data, "all") else data)
        shared = self.child.shared()
        shared["subjects"].add(rows)
        shared["reading"].add(rows)
        return [self.child.to_representation(row) for row in rows]


class _Subject(serializers.ModelSerializer):
    """A flagged or scored subject, named as people know it (``subject_display``)."""

    subject_type_display = serializers.SerializerMethodField()
    subject_display = serializers.SerializerMethodField()

    def shared(self) -> dict:
        """What the rows of one response read together (kept in the serializer's context)."""
        context = self.context if isinstance(self.context, dict) else {}
        return context.setdefault("_control_read", {"subjects": SubjectLinks(), "reading": Reading(), "by_code": catalogue_by_code()})

    def get_subject_type_display(self, obj) -> str:
        """The subject type in the request's language."""
        return str(obj.get_subject_type_display())

    def get_subject_display(self, obj) -> str:
        """The subject by its business number: «Payment ПП-12 of 01.03.2025», «Agreement No НИР-1», a right's number, an organisation's name."""
        subjects = self.shared()["subjects"]
        subjects.add([obj])
        return subjects.text(obj)


class _Explained(_Subject):
    """A flag or a case item: its indicator's title and its explanation in the request's language."""

    title = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    evidence_display = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    def get_title(self, obj) -> str:
        """The indicator's title (empty for a code no longer in the catalogue)."""
        return indicator_title(obj.indicator, by_code=self.shared()["by_code"])

    @extend_schema_field({"type": "object", "additionalProperties": True, "description": "The values the indicator fired on and the threshold it used (money in tiyn; `names`: the organisations named, by BIN)"})
    def get_evidence(self, obj) -> dict:
        return dict(json_value(obj.evidence) or {})

    @extend_schema_field(EvidenceItemSerializer(many=True))
    def get_evidence_display(self, obj) -> list[dict]:
        """The evidence under labels in the request's language, values written out; row numbers and raw codes left out."""
        return self.shared()["reading"].items(obj.evidence)

    def get_explanation(self, obj) -> str:
        """The explanation sentence, from the indicator's template and the evidence."""
        shared = self.shared()
        return shared["reading"].explanation(obj.indicator, obj.evidence, by_code=shared["by_code"])


class FlagSerializer(_Explained):
    """An indicator that fired on a subject, with its evidence and explanation."""

    payer = OrganisationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Flag
        fields = [
            "id", "run", "indicator", "version", "title", "subject_type", "subject_type_display", "subject_id", "subject_display", "year", "payer", "amount",
            "evidence", "evidence_display", "explanation",
        ]
        read_only_fields = fields
        list_serializer_class = _ReadTogether


class ContributionSerializer(serializers.Serializer):
    """What one indicator adds to a score: its weight, materiality, flags, amount and points."""

    indicator = serializers.CharField()
    weight = serializers.IntegerField()
    materiality = serializers.FloatField()
    flags = serializers.IntegerField()
    amount_tiyn = serializers.IntegerField(allow_null=True, help_text="Amount at stake in tiyn (1 ₸ = 100 tiyn)")
    points = serializers.FloatField(help_text="Points of the score this indicator accounts for")


class RiskScoreSerializer(_Subject):
    """A risk score 0–100 with the contributions that add up to it."""

    payer = OrganisationRefSerializer(read_only=True, allow_null=True)
    contributions = serializers.SerializerMethodField()

    class Meta:
        model = RiskScore
        fields = ["id", "run", "subject_type", "subject_type_display", "subject_id", "subject_display", "year", "payer", "score", "flags", "amount", "contributions"]
        read_only_fields = fields
        list_serializer_class = _ReadTogether

    @extend_schema_field(ContributionSerializer(many=True))
    def get_contributions(self, obj) -> list[dict]:
        return ContributionSerializer(json_value(obj.contributions) or [], many=True).data


class CaseItemSerializer(_Explained):
    """A flag taken into a case, and the decision on it."""

    decision_display = serializers.CharField(source="get_decision_display", read_only=True, help_text="The decision in the request's language")

    class Meta:
        model = CaseItem
        fields = [
            "id", "indicator", "version", "title", "subject_type", "subject_type_display", "subject_id", "subject_display", "year", "amount",
            "evidence", "evidence_display", "explanation", "decision", "decision_display", "excluded",
        ]
        read_only_fields = fields
        list_serializer_class = _ReadTogether


class DocumentRequestSerializer(serializers.ModelSerializer):
    """Documents asked of the company, and its answer."""

    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    answered_by = serializers.CharField(source="answered_by.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = DocumentRequest
        fields = ["id", "text", "due_on", "requested_by", "requested_at", "answer", "answer_file", "answer_sha256", "answered_by", "answered_at"]
        read_only_fields = fields


class AuditCaseSerializer(serializers.ModelSerializer):
    """An audit case of one subsoil user."""

    payer = OrganisationRefSerializer(read_only=True)
    assignee = serializers.CharField(source="assignee.username", read_only=True, allow_null=True, default=None)
    opened_by = serializers.CharField(source="opened_by.username", read_only=True)

    class Meta:
        model = AuditCase
        fields = ["id", "reference", "payer", "title", "status", "assignee", "opened_by", "opened_at", "closed_at", "excluded_total", "decision_reason"]
        read_only_fields = fields


class AuditCaseDetailSerializer(AuditCaseSerializer):
    """A case with its items and document requests (the findings once the case is closed, or to the control body)."""

    findings = serializers.SerializerMethodField()
    items = CaseItemSerializer(many=True, read_only=True)
    requests = DocumentRequestSerializer(many=True, read_only=True)

    class Meta(AuditCaseSerializer.Meta):
        fields = [*AuditCaseSerializer.Meta.fields, "findings", "items", "requests"]
        read_only_fields = fields

    def get_findings(self, obj) -> str:
        """The auditor's findings: working notes until the case is closed, shown then to the company."""
        request = self.context.get("request")
        return obj.findings if obj.is_closed or reads_control(getattr(request, "user", None)) else ""


class OpenCaseSerializer(serializers.Serializer):
    """Open a case from flags of one subsoil user."""

    flags = serializers.ListField(child=serializers.IntegerField(**_ID), allow_empty=False, max_length=10_000, help_text="Ids of the flags (of one subsoil user)")
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ThresholdSerializer(serializers.Serializer):
    """A tunable parameter of an indicator: its default and the value configured now."""

    name = serializers.CharField()
    label = serializers.CharField(help_text="What it is, in the request's language")
    default = serializers.JSONField(help_text="Number or text")
    value = serializers.JSONField(help_text="The value in force (number or text)")
    default_display = serializers.CharField(help_text="The default written out (money in tenge, shares as percentages)")
    value_display = serializers.CharField(help_text="The value in force written out")
    description = serializers.CharField(help_text="What it does, in the request's language")


class IndicatorSerializer(serializers.Serializer):
    """An indicator of the catalogue, in the request's language, with the latest national run's figures."""

    code = serializers.CharField()
    version = serializers.IntegerField()
    subject_type = serializers.CharField()
    subject_type_display = serializers.CharField(source="subject_type_label", help_text="The subject type in the request's language")
    weight = serializers.IntegerField(help_text="Severity 1–100 used by the risk score")
    title = serializers.CharField()
    rationale = serializers.CharField()
    legal_basis = serializers.CharField()
    thresholds = ThresholdSerializer(many=True)
    subjects = serializers.IntegerField(allow_null=True, help_text="Subjects evaluated by the latest national run")
    flagged = serializers.IntegerField(allow_null=True)
    clear = serializers.IntegerField(allow_null=True)
    not_computable = serializers.IntegerField(allow_null=True)
    share_flagged = serializers.FloatField(allow_null=True, help_text="Flagged among the subjects it could judge (0–1)")
    too_loose = serializers.BooleanField(help_text="True: it flagged more than the configured share of its subjects")


class NoticeSerializer(serializers.ModelSerializer):
    """A notice sent to an organisation, worded in the request's language."""

    organisation = OrganisationRefSerializer(read_only=True)
    case_reference = serializers.CharField(source="case.reference", read_only=True, allow_null=True, default=None)
    text = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "organisation", "case", "case_reference", "kind", "params", "text", "created_at"]
        read_only_fields = fields

    def get_text(self, obj) -> str:
        """The notice as the reader reads it."""
        return notice_text(obj)
