"""Endpoints of the intake API: submissions (list, retrieve, upload, commit), templates, jobs.

The same services as the pages: an upload is received and validated at once when it is small,
else queued (202 with the job); a commit likewise. Objects are looked up inside ``visible_to``.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from niokr.intake import commit, jobs, services, tasks
from niokr.intake.api.serializers import (
    CommitResultSerializer,
    JobSerializer,
    ReceivedSubmissionSerializer,
    SubmissionDetailSerializer,
    SubmissionSerializer,
    UploadSerializer,
)
from niokr.intake.choices import SubmissionKind
from niokr.intake.filtersets import JobFilterSet, SubmissionFilterSet
from niokr.intake.models import JobRecord, Submission
from niokr.intake.templates_xlsx import build_template, template_filename

__all__ = ["SubmissionViewSet", "JobViewSet", "TemplateView"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _job_response(request, record: JobRecord) -> Response:
    record.refresh_from_db()
    location = request.build_absolute_uri(reverse("intake-api:job-detail", args=[record.pk]))
    return Response(JobSerializer(record, context={"request": request}).data, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


@extend_schema_view(
    list=extend_schema(summary="Submissions you may see", description="Counts only; retrieve one for its problems."),
    retrieve=extend_schema(summary="One submission with its problems"),
)
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Report submissions: list, retrieve, upload a file, commit a valid one."""

    filterset_class = SubmissionFilterSet
    ordering_fields = ["id", "reference", "created_at", "period_year", "status", "rows", "errors", "warnings"]
    ordering = ["-created_at", "-id"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        successor = Submission.objects.filter(supersedes=OuterRef("pk")).values("pk")[:1]
        successor_reference = Submission.objects.filter(supersedes=OuterRef("pk")).values("reference")[:1]
        queryset = (
            Submission.objects.visible_to(self.request.user).select_related("organisation", "supersedes").defer("supersedes__problems")
            .annotate(successor_id=Coalesce(F("superseded_in"), Subquery(successor)), successor_reference=Coalesce(F("superseded_in__reference"), Subquery(successor_reference)))
        )
        if self.action == "list":
            queryset = queryset.defer("problems")
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return SubmissionSerializer
        if self.action == "create":
            return UploadSerializer
        return SubmissionDetailSerializer

    @extend_schema(
        summary="Send a report file",
        description=(
            "multipart/form-data with `kind`, `year`, `quarter` (optional), `organisation` (BIN or id) and `file`. "
            "201: received and validated (see `status` and `problems`). 200 with `duplicate: true`: the same file was received before, nothing changed. "
            "202: the file is large and is validated by a background job (poll the job)."
        ),
        request={"multipart/form-data": UploadSerializer},
        responses={
            201: ReceivedSubmissionSerializer,
            200: ReceivedSubmissionSerializer,
            202: JobSerializer,
            400: OpenApiResponse(description="Invalid form (error format of the API)"),
            403: OpenApiResponse(description="You may not send this kind of file for this organisation"),
        },
    )
    def create(self, request, *args, **kwargs):
        upload = UploadSerializer(data=request.data, context={"request": request})
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        organisation, kind = data["organisation"], data["kind"]
        year, quarter = data["year"], data.get("quarter")
        services.check_may_submit(actor=request.user, organisation=organisation, kind=kind)
        file = data["file"]
        filename = file.name or "upload"
        stored = services.store_upload(file.chunks())
        if not jobs.is_small(size=stored.size, rows=stored.rows_estimate):
            record = tasks.start_validation(actor=request.user, organisation=organisation, kind=kind, year=year, quarter=quarter, filename=filename, stored=stored)
            return _job_response(request, record)
        received = services.submit_file(actor=request.user, organisation=organisation, kind=kind, data=stored.path, filename=filename, period_year=year, period_quarter=quarter)
        submission = self.get_queryset().get(pk=received.submission.pk)
        submission.duplicate = received.duplicate
        body = ReceivedSubmissionSerializer(submission, context={"request": request}).data
        return Response(body, status=status.HTTP_200_OK if received.duplicate else status.HTTP_201_CREATED)

    @extend_schema(
        summary="Commit a valid submission",
        description=(
            "Posts the submission to the ledger (a correction supersedes the committed submission of the same period). "
            "200: committed at once. 202: large, committed by a background job. 400: not valid or already committed."
        ),
        request=None,
        responses={200: CommitResultSerializer, 202: JobSerializer, 400: OpenApiResponse(description="Refused (error format of the API)"), 403: OpenApiResponse(description="Not allowed"), 404: OpenApiResponse(description="Not found")},
    )
    @action(detail=True, methods=["post"])
    def commit(self, request, pk=None):
        submission = self.get_object()
        services.check_may_submit(actor=request.user, organisation=submission.organisation, kind=submission.kind)
        if submission.status in commit.COMMITTABLE and not jobs.is_small(size=submission.size, rows=submission.rows):
            return _job_response(request, tasks.start_commit(actor=request.user, submission=submission))
        summary = commit.commit_for(submission=submission, actor=request.user)
        submission = self.get_queryset().get(pk=submission.pk)
        body = {
            "submission": SubmissionSerializer(submission, context={"request": request}).data,
            "summary": {k: getattr(summary, k) for k in ("lines", "entries_posted", "entries_reversed", "superseded", "rights_recomputed")},
        }
        return Response(body)


@extend_schema_view(
    list=extend_schema(summary="Your background jobs (administrators and auditors: all)"),
    retrieve=extend_schema(summary="One background job"),
)
class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """Background jobs: validation of large files, commits, recomputes."""

    serializer_class = JobSerializer
    filterset_class = JobFilterSet
    ordering_fields = ["id", "created_at", "finished_at", "status"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return JobRecord.objects.visible_to(self.request.user).select_related("submission__organisation").defer("submission__problems")

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        jobs.reconcile([record])
        return Response(self.get_serializer(record).data)


class _AnyAccept(BaseContentNegotiation):
    """The file is XLSX whatever the client accepts; an error is JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class TemplateView(APIView):
    """The XLSX template of a report kind."""

    renderer_classes = [renderers.JSONRenderer]
    content_negotiation_class = _AnyAccept

    @extend_schema(
        summary="Download the XLSX template of a report kind",
        parameters=[OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=SubmissionKind.values)],
        responses={(200, XLSX): OpenApiTypes.BINARY, 404: OpenApiResponse(description="Unknown kind")},
    )
    def get(self, request, kind: str):
        if kind not in SubmissionKind.values:
            raise Http404("unknown kind")
        response = HttpResponse(build_template(kind), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{template_filename(kind)}"'
        return response
