"""Serializers of the intake API: submissions with their problems, uploads, commits, jobs."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from niokr.core.bin import BinError, validate_bin
from niokr.intake import services
from niokr.intake.choices import SubmissionKind
from niokr.intake.models import JobRecord, Submission
from niokr.intake.naming import job_label, submission_label
from niokr.registry.models import Organisation

__all__ = [
    "ProblemSerializer",
    "SubmissionSerializer",
    "SubmissionDetailSerializer",
    "ReceivedSubmissionSerializer",
    "UploadSerializer",
    "CommitSummarySerializer",
    "CommitResultSerializer",
    "JobSerializer",
]


def _language(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    language = getattr(user, "language", "") or getattr(request, "LANGUAGE_CODE", "") or "ru"
    return language if language in ("kk", "ru", "en") else "ru"


class ProblemSerializer(serializers.Serializer):
    """One problem of a file, where it is and what it means."""

    severity = serializers.ChoiceField(choices=["error", "warning"])
    code = serializers.CharField(help_text="Stable problem code (docs/formats/intake.md)")
    sheet = serializers.CharField(allow_blank=True)
    row = serializers.IntegerField(allow_null=True, help_text="Row number in the file (1-based)")
    column = serializers.CharField(allow_null=True, help_text="Column letter in the file")
    cell = serializers.CharField(allow_blank=True, help_text="Cell reference such as C7 (the row alone where no column applies)")
    field = serializers.CharField(allow_blank=True, help_text="The form column's code, where known")
    value = serializers.CharField(allow_null=True, help_text="The value as it was read")
    message = serializers.CharField(help_text="The message in the user's language")


class SubmissionSerializer(serializers.ModelSerializer):
    """A submission with its counts (the problems are in the single-submission answer)."""

    organisation_bin = serializers.CharField(source="organisation.bin", read_only=True)
    organisation_name = serializers.SerializerMethodField()
    superseded_by = serializers.IntegerField(source="successor_id", read_only=True, allow_null=True, help_text="The submission that superseded this one, if any: a correction of the same period, or the annual report of its year")
    display = serializers.SerializerMethodField(help_text="The submission as people name it, in the user's language: reference, kind, period, organisation and the day it was received")
    supersedes_reference = serializers.CharField(source="supersedes.reference", read_only=True, allow_null=True, default=None, help_text="The reference of the submission this one corrects, if any")
    superseded_by_reference = serializers.CharField(source="successor_reference", read_only=True, allow_null=True, default=None, help_text="The reference of the submission that superseded this one, if any")

    class Meta:
        model = Submission
        fields = [
            "id", "reference", "display", "organisation", "organisation_bin", "organisation_name", "kind", "period_year", "period_quarter", "filename", "sha256", "size",
            "status", "rows", "errors", "warnings", "created_at", "created_by", "committed_at", "supersedes", "supersedes_reference", "superseded_by",
            "superseded_by_reference", "failure_reason",
        ]
        read_only_fields = fields

    def get_organisation_name(self, obj) -> str:
        """The organisation's name in the user's language."""
        return obj.organisation.name(_language(self.context))

    def get_display(self, obj) -> str:
        with translation.override(_language(self.context)):
            return submission_label(obj)



class SubmissionDetailSerializer(SubmissionSerializer):
    """A submission with the problems found (at most the first 1,000), messages in the user's language."""

    problems = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "problems"]
        read_only_fields = fields

    @extend_schema_field(ProblemSerializer(many=True))
    def get_problems(self, obj) -> list[dict]:
        rows = services.describe_problems(obj.problems, kind=obj.kind, language=_language(self.context))
        return [{k: row[k] for k in ("severity", "code", "sheet", "row", "column", "cell", "field", "value", "message")} for row in rows]


class ReceivedSubmissionSerializer(SubmissionDetailSerializer):
    """The answer to an upload: the submission and whether the same file had been received before."""

    duplicate = serializers.BooleanField(read_only=True, help_text="True: this very file was received before; nothing changed")

    class Meta(SubmissionDetailSerializer.Meta):
        fields = [*SubmissionDetailSerializer.Meta.fields, "duplicate"]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    """A report file sent as multipart/form-data."""

    kind = serializers.ChoiceField(choices=SubmissionKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="Reporting year")
    quarter = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True, help_text="Reporting quarter; empty for an annual report")
    organisation = serializers.CharField(max_length=20, help_text="The submitting organisation: its BIN (12 digits) or its id")
    file = serializers.FileField(help_text="XLSX, CSV or JSON in the layout of the template")

    def validate_organisation(self, value: str) -> Organisation:
        request = self.context["request"]
        visible = Organisation.objects.visible_to(request.user)
        value = value.strip()
        organisation = None
        if len(value) == 12 and value.isdigit():
            try:
                validate_bin(value)
            except BinError:
                raise serializers.ValidationError(_("%(value)s is no valid BIN: its check digit does not match its first 11 digits.") % {"value": value}, code="invalid_bin") from None
            organisation = visible.filter(bin=value).first()
        elif value.isdigit():
            organisation = visible.filter(pk=int(value)).first()
        if organisation is None:
            raise serializers.ValidationError(_("No organisation with this BIN or id is visible to you."), code="not_found")
        return organisation


class CommitSummarySerializer(serializers.Serializer):
    """What a commit posted."""

    lines = serializers.IntegerField()
    entries_posted = serializers.IntegerField()
    entries_reversed = serializers.IntegerField()
    superseded = serializers.IntegerField(allow_null=True, help_text="The submission this one corrects")
    rights_recomputed = serializers.IntegerField()


class CommitResultSerializer(serializers.Serializer):
    """The answer to a commit done at once."""

    submission = SubmissionSerializer()
    summary = CommitSummarySerializer()


class JobSerializer(serializers.ModelSerializer):
    """A background job: its status and, once finished, its outcome or error."""

    display = serializers.SerializerMethodField()
    submission_reference = serializers.CharField(source="submission.reference", read_only=True, allow_null=True, default=None, help_text="The reference of the submission the job worked on")
    submission_display = serializers.SerializerMethodField()

    class Meta:
        model = JobRecord
        fields = ["id", "reference", "display", "kind", "status", "organisation", "submission", "submission_reference", "submission_display", "parameters", "outcome", "error", "created_at", "started_at", "finished_at"]
        read_only_fields = fields

    def get_display(self, obj) -> str:
        """The job as people name it, in the user's language: reference, kind and when it started."""
        with translation.override(_language(self.context)):
            return job_label(obj)

    def get_submission_display(self, obj) -> str | None:
        """The submission the job worked on, as people name it (``None`` for a recompute)."""
        if obj.submission is None:
            return None
        with translation.override(_language(self.context)):
            return submission_label(obj.submission)
