"""Endpoints of the control API: flags, risk scores, audit cases, the indicator catalogue, notices.

The FilterSets and the scoping are those of the pages: objects are looked up inside
``visible_to`` (404 for what the caller may not see); lists of flags and scores hold the rows of
the current runs. Opening a case calls the same service as the page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from niokr.control import services
from niokr.control.api.serializers import (
    AuditCaseDetailSerializer,
    AuditCaseSerializer,
    FlagSerializer,
    IndicatorSerializer,
    NoticeSerializer,
    OpenCaseSerializer,
    RiskScoreSerializer,
)
from niokr.control.filtersets import AuditCaseFilterSet, FlagFilterSet, NoticeFilterSet, RiskScoreFilterSet
from niokr.control.models import AuditCase, CaseItem, DocumentRequest, Flag, Notice, RiskScore
from niokr.control.tables import catalogue_rows

__all__ = ["FlagViewSet", "RiskScoreViewSet", "AuditCaseViewSet", "IndicatorViewSet", "NoticeViewSet"]


@extend_schema_view(
    list=extend_schema(
        summary="Flags of the current runs you may see",
        description="Filter by indicator code, subject type, subsoil user (BIN or name), year and minimum amount at stake. "
        "Title and explanation are in the request's language. Company staff receive none: flags are the control body's working papers.",
    ),
    retrieve=extend_schema(summary="One flag with its evidence and explanation"),
)
class FlagViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicators that fired on a subject, with their evidence."""

    queryset = Flag.objects.all()
    serializer_class = FlagSerializer
    filterset_class = FlagFilterSet
    ordering_fields = ["id", "indicator", "subject_type", "year", "amount"]
    ordering = ["-id"]

    def get_queryset(self):
        queryset = Flag.objects.visible_to(self.request.user).select_related("payer")
        return queryset.current() if self.action == "list" else queryset


@extend_schema_view(
    list=extend_schema(
        summary="Risk scores of the current runs you may see",
        description="Subsoil-user-years unless `subject_type` asks for payments, agreements or performers; filter by subsoil user (BIN or name), year and minimum score. "
        "The contributions add up to the score, largest first.",
    ),
)
class RiskScoreViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Risk scores 0–100 of payments, agreements, performers and subsoil-user-years."""

    queryset = RiskScore.objects.all()
    serializer_class = RiskScoreSerializer
    filterset_class = RiskScoreFilterSet
    ordering_fields = ["id", "score", "year", "flags", "amount"]
    ordering = ["-score", "-id"]

    def get_queryset(self):
        return RiskScore.objects.visible_to(self.request.user).current().select_related("payer")


@extend_schema_view(
    list=extend_schema(summary="Audit cases you may see", description="Company staff see their own cases once documents were requested or the case is closed."),
    retrieve=extend_schema(summary="One audit case with its items and document requests"),
)
class AuditCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Audit cases: list, retrieve, open one from flags (auditors)."""

    queryset = AuditCase.objects.all()
    filterset_class = AuditCaseFilterSet
    ordering_fields = ["id", "reference", "opened_at", "closed_at", "status", "excluded_total"]
    ordering = ["-opened_at", "-id"]

    def get_queryset(self):
        queryset = AuditCase.objects.visible_to(self.request.user).select_related("payer", "assignee", "opened_by")
        if self.action != "list":
            requests = DocumentRequest.objects.select_related("requested_by", "answered_by").order_by("requested_at", "pk")
            queryset = queryset.prefetch_related(Prefetch("items", queryset=CaseItem.objects.order_by("pk")), Prefetch("requests", queryset=requests))
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return AuditCaseSerializer
        if self.action == "create":
            return OpenCaseSerializer
        return AuditCaseDetailSerializer

    @extend_schema(
        summary="Open an audit case from flags",
        description="The flags must be of one subsoil user; the case keeps a copy of each. Auditors and administrators open cases on any subsoil user, "
        "a regulator on the subsoil users of its ministry's competence (the case then waits, unassigned, for the control body).",
        request=OpenCaseSerializer,
        responses={
            201: AuditCaseDetailSerializer,
            400: OpenApiResponse(description="Refused (error format of the API): no flags, unknown flags, flags of several subsoil users"),
            403: OpenApiResponse(description="Only auditors, administrators and the regulators of the competent ministry open cases"),
        },
    )
    def create(self, request, *args, **kwargs):
        if not services.can_open_case(request.user):
            raise PermissionDenied(_("Only auditors, administrators and the regulators of the competent ministry open audit cases."))
        body = OpenCaseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = services.open_case(actor=request.user, flag_ids=body.validated_data["flags"], title=body.validated_data["title"])
        case = self.get_queryset().get(pk=case.pk)
        return Response(AuditCaseDetailSerializer(case, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="The indicator catalogue",
        description="Every indicator with its rationale, legal basis and thresholds (default and value in force) in the request's language, "
        "and the figures of the latest national run. Listed to auditors and regulators; empty for anyone else.",
    ),
)
class IndicatorViewSet(viewsets.GenericViewSet):
    """The indicators the control engine evaluates."""

    serializer_class = IndicatorSerializer
    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(catalogue_rows(request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(list=extend_schema(summary="Notices sent to your organisations", description="Worded in the request's language from the kind and parameters."))
class NoticeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Notices of audit cases: documents requested, violation confirmed, case closed without findings."""

    queryset = Notice.objects.all()
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilterSet
    ordering_fields = ["id", "created_at", "kind"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return Notice.objects.visible_to(self.request.user).select_related("organisation", "case")
