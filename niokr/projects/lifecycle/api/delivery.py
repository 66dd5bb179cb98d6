"""API of stages, acceptance acts and results (``/api/v1/lifecycle/``): the same services and refusals as the pages.

A refusal is 400 (the state, a guard or the input; ``detail`` says why, in the request's language)
or 403 (the caller's role; ``detail``). Labels come with ``*_display`` fields. A result is addressed
by its reference (its ``id`` comes along, as on every list); a stage by its id (a stage has no number of its own outside its agreement, whose
number and payer's BIN come with it).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from niokr.projects.choices import Indexing, PatentOffice, ResultKind
from niokr.projects.lifecycle import delivery as delivery_svc
from niokr.projects.lifecycle import results as results_svc
from niokr.projects.lifecycle.documents import EVIDENCE, EVIDENCE_KINDS, REPORT_KINDS, REPORTS, keep_document
from niokr.projects.lifecycle.result_tables import ResultFilterSet, result_summary
from niokr.projects.lifecycle.workflow import TransitionRefused, available, workflow_of
from niokr.projects.models import AcceptanceAct, Agreement, Payment, Project, Result, Stage
from niokr.registry.api.serializers import OrganisationRefSerializer

__all__ = ["StageViewSet", "ActViewSet", "ResultViewSet"]


class Refused(exceptions.APIException):
    """A step refused by the object's state, a guard or the input: 400 with the reason."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "refused"


_REFUSALS = {
    400: OpenApiResponse(description="Refused: the state, a guard or the input forbids it (the reason in detail)"),
    403: OpenApiResponse(description="Refused: the caller's role does not allow it (the reason in detail)"),
}


def _refuse(exc, workflow_name: str | None = None, obj=None, step: str = "", user=None):
    if isinstance(exc, ValidationError):
        raise Refused(" ".join(exc.messages))
    forbidden = exc.code == "forbidden"
    if not forbidden and workflow_name and obj is not None and step:
        wf = workflow_of(workflow_name)
        forbidden = not (wf.roles_of(obj, user) & wf.transition(step).roles)
    if forbidden:
        raise exceptions.PermissionDenied(exc.reason)
    raise Refused(exc.reason)


def _steps(workflow_name, obj, user) -> list[dict]:
    return [{"name": t.name, "label": str(t.label), "allowed": r is None, "refusal": r or ""} for t, r in available(workflow_of(workflow_name), obj, user)]


def _document(request, name: str, folder: str, kinds):
    upload = request.FILES.get(name)
    if upload is None:
        return None
    try:
        return keep_document(folder, upload, kinds)
    except ValidationError as exc:
        raise Refused(" ".join(exc.messages)) from None


class ActSerializer(serializers.ModelSerializer):
    """An acceptance act: number, date, amount accepted, who signed, the report (name and SHA-256)."""

    signed_by_display = serializers.SerializerMethodField(help_text="Who signed, named in the request's language")
    agreement_number = serializers.CharField(source="stage.agreement.number", read_only=True)
    payer_bin = serializers.CharField(source="stage.agreement.payer.bin", read_only=True)
    stage_number = serializers.IntegerField(source="stage.number", read_only=True)

    class Meta:
        model = AcceptanceAct
        fields = ["id", "number", "signed_on", "amount", "signed_by_display", "report_name", "report_sha256", "report_size", "note", "agreement_number", "payer_bin", "stage_number"]
        read_only_fields = fields

    def get_signed_by_display(self, act) -> str:
        from niokr.accounts.people import person_name

        return person_name(act.signed_by) if act.signed_by_id else ""


class StageSerializer(serializers.ModelSerializer):
    """A stage of an agreement's calendar plan, its act and what was paid for it (as the caller may see)."""

    agreement = serializers.IntegerField(source="agreement_id", read_only=True, help_text="The agreement's id in /api/v1/projects/agreements/")
    agreement_number = serializers.CharField(source="agreement.number", read_only=True)
    payer = OrganisationRefSerializer(source="agreement.payer", read_only=True)
    performer = OrganisationRefSerializer(source="agreement.performer", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    act = serializers.SerializerMethodField()
    paid = serializers.SerializerMethodField(help_text="Payments linked to the stage the caller may see, KZT")
    steps = serializers.SerializerMethodField(help_text="The steps open to the caller, each with its refusal if refused")

    class Meta:
        model = Stage
        fields = ["id", "agreement", "agreement_number", "payer", "performer", "number", "title", "start_date", "end_date", "amount", "deliverables", "status",
                  "status_display", "report_name", "report_sha256", "submitted_at", "return_reason", "act", "paid", "steps"]
        read_only_fields = fields

    def get_act(self, stage) -> dict | None:
        act = getattr(stage, "act", None) if hasattr(stage, "act") else None
        return ActSerializer(act).data if act is not None else None

    def get_paid(self, stage) -> str:
        total = getattr(stage, "paid_visible", None)
        if total is None:
            total = Payment.objects.visible_to(self.context["request"].user).filter(stage=stage).aggregate(t=Sum("amount"))["t"]
        return f"{total or 0:.2f}"

    def get_steps(self, stage) -> list[dict]:
        view = self.context.get("view")
        return _steps("stage", stage, self.context["request"].user) if view is not None and view.action != "list" else []


class StagePlanSerializer(serializers.Serializer):
    agreement = serializers.IntegerField(help_text="The agreement's id")
    number = serializers.IntegerField(min_value=1, max_value=999)
    title = serializers.CharField(max_length=500)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    deliverables = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class ActInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=64)
    signed_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    report = serializers.FileField(required=False, help_text="The report signed with the act, if not the performer's (PDF, DOCX, DOC, ODT, RTF)")


class ReportInputSerializer(serializers.Serializer):
    report = serializers.FileField(help_text="The scientific report (PDF, DOCX, DOC, ODT, RTF)")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class LinkSerializer(serializers.Serializer):
    payment = serializers.IntegerField(help_text="The payment's id in /api/v1/projects/payments/ (of the same agreement)")
    unlink = serializers.BooleanField(required=False, default=False)


@extend_schema_view(list=extend_schema(summary="Stages of the agreements you may see"), retrieve=extend_schema(summary="One stage with its act and the steps open to you"))
class StageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Stages of agreements' calendar plans (filter: ``?agreement=<id>``, ``?status=``)."""

    serializer_class = StageSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        user = self.request.user
        paid = Payment.objects.visible_to(user).filter(stage=OuterRef("pk")).order_by().values("stage").annotate(t=Sum("amount")).values("t")
        qs = (
            Stage.objects.visible_to(user).select_related("agreement__payer", "agreement__performer", "act__signed_by")
            .annotate(paid_visible=Subquery(paid, output_field=DecimalField(max_digits=20, decimal_places=2))).order_by("agreement_id", "number")
        )
        params = self.request.query_params
        if params.get("agreement", "").isdigit():
            qs = qs.filter(agreement_id=int(params["agreement"]))
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        return qs

    def _detail(self, stage, code=status.HTTP_200_OK):
        stage = self.get_queryset().get(pk=stage.pk)
        return Response(StageSerializer(stage, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="Add a stage to an agreement's calendar plan", request=StagePlanSerializer, responses={201: StageSerializer, **_REFUSALS})
    def create(self, request, *args, **kwargs):
        body = StagePlanSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        agreement = Agreement.objects.visible_to(request.user).filter(pk=data.pop("agreement")).first()
        if agreement is None:
            raise exceptions.NotFound()
        try:
            stage = delivery_svc.plan_stage(agreement=agreement, actor=request.user, **data)
        except (TransitionRefused, ValidationError) as exc:
            _refuse(exc)
        return self._detail(stage, status.HTTP_201_CREATED)

    @extend_schema(summary="Submit the stage's scientific report (multipart: report)", request={"multipart/form-data": ReportInputSerializer}, responses={200: StageSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        stage = self.get_object()
        report = _document(request, "report", REPORTS, REPORT_KINDS) or {}
        try:
            delivery_svc.submit_stage_report(stage=stage, report=report, actor=request.user)
        except TransitionRefused as exc:
            _refuse(exc, "stage", stage, "submit", request.user)
        return self._detail(stage)

    @extend_schema(summary="Sign the acceptance act (the payer's staff)", request={"multipart/form-data": ActInputSerializer, "application/json": ActInputSerializer}, responses={200: StageSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        stage = self.get_object()
        body = ActInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        report = _document(request, "report", REPORTS, REPORT_KINDS)
        try:
            delivery_svc.sign_act(stage=stage, number=data["number"], signed_on=data["signed_on"], amount=data["amount"], note=data.get("note", ""), report=report, actor=request.user)
        except TransitionRefused as exc:
            _refuse(exc, "stage", stage, "accept", request.user)
        return self._detail(stage)

    @extend_schema(summary="Return the stage for revision (the payer's staff)", request=ReasonSerializer, responses={200: StageSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        stage = self.get_object()
        reason = str(request.data.get("reason", "")) if hasattr(request.data, "get") else ""
        try:
            delivery_svc.return_stage(stage=stage, reason=reason, actor=request.user)
        except TransitionRefused as exc:
            _refuse(exc, "stage", stage, "return", request.user)
        return self._detail(stage)

    @extend_schema(summary="Link a payment of the same agreement to the stage (or unlink it)", request=LinkSerializer, responses={200: StageSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        stage = self.get_object()
        body = LinkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        payment = Payment.objects.visible_to(request.user).filter(pk=body.validated_data["payment"]).select_related("agreement").first()
        if payment is None:
            raise exceptions.NotFound()
        try:
            delivery_svc.link_payment_to_stage(payment=payment, stage=None if body.validated_data["unlink"] else stage, actor=request.user)
        except TransitionRefused as exc:
            _refuse(exc)
        return self._detail(stage)


@extend_schema_view(list=extend_schema(summary="Acceptance acts of the agreements you may see"))
class ActViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Acceptance acts (signed through ``stages/{id}/accept/``; each also comes with its stage)."""

    serializer_class = ActSerializer

    def get_queryset(self):
        return AcceptanceAct.objects.visible_to(self.request.user).select_related("stage__agreement__payer", "signed_by").order_by("signed_on", "stage_id")


class ResultSerializer(serializers.ModelSerializer):
    """A result with its kind's fields, its evidence, its status and the steps open to the caller."""

    project = serializers.CharField(source="project.code", read_only=True)
    performer = OrganisationRefSerializer(source="project.performer", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    patent_office = serializers.CharField(read_only=True, help_text=f"One of {', '.join(PatentOffice.values)}; empty for other kinds")
    indexing = serializers.CharField(read_only=True, help_text=f"One of {', '.join(Indexing.values)}; empty for other kinds")
    patent_office_display = serializers.CharField(source="get_patent_office_display", read_only=True)
    indexing_display = serializers.CharField(source="get_indexing_display", read_only=True)
    summary_display = serializers.SerializerMethodField(help_text="What the result is, in a few words in the request's language")
    has_evidence = serializers.BooleanField(read_only=True)
    stage = serializers.IntegerField(source="stage_id", read_only=True, allow_null=True, help_text="The stage's id in /api/v1/lifecycle/stages/")
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Result
        fields = ["id", "reference", "project", "performer", "stage", "kind", "kind_display", "title", "year", "achieved_on", "trl_level", "trl_methodology", "patent_office",
                  "patent_office_display", "patent_number", "doi", "indexing", "indexing_display", "implemented_at", "economic_effect", "revenue", "jobs", "summary_display",
                  "has_evidence", "evidence_note", "evidence_reference", "evidence_name", "evidence_sha256", "status", "status_display", "claimed_at", "decided_at",
                  "decision_note", "steps"]
        read_only_fields = fields

    def get_summary_display(self, result) -> str:
        return result_summary(result)

    def get_steps(self, result) -> list[dict]:
        request = self.context.get("request")
        return _steps("result", result, request.user) if request is not None and self.context.get("view") is not None and self.context["view"].action != "list" else []


class ResultInputSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="The project's code")
    stage = serializers.IntegerField(required=False, allow_null=True, help_text="A stage's id (of an agreement of the project)")
    kind = serializers.ChoiceField(choices=ResultKind.choices)
    title = serializers.CharField(max_length=500)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    achieved_on = serializers.DateField(required=False, allow_null=True)
    trl_level = serializers.IntegerField(required=False, allow_null=True)
    trl_methodology = serializers.CharField(required=False, allow_blank=True, max_length=100)
    patent_office = serializers.CharField(required=False, allow_blank=True, help_text=f"One of {', '.join(PatentOffice.values)}")
    patent_number = serializers.CharField(required=False, allow_blank=True, max_length=64)
    doi = serializers.CharField(required=False, allow_blank=True, max_length=255)
    indexing = serializers.CharField(required=False, allow_blank=True, help_text=f"One of {', '.join(Indexing.values)}")
    implemented_at = serializers.CharField(required=False, allow_blank=True, max_length=500)
    economic_effect = serializers.DecimalField(required=False, allow_null=True, max_digits=20, decimal_places=2)
    revenue = serializers.DecimalField(required=False, allow_null=True, max_digits=20, decimal_places=2)
    jobs = serializers.IntegerField(required=False, allow_null=True)
    evidence_note = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    evidence_reference = serializers.CharField(required=False, allow_blank=True, max_length=500)
    evidence_file = serializers.FileField(required=False)


class EvidenceInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    reference = serializers.CharField(required=False, allow_blank=True, max_length=500)
    file = serializers.FileField(required=False)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


@extend_schema_view(list=extend_schema(summary="The results registry (as the page filters it)"), retrieve=extend_schema(summary="One result with its evidence and the steps open to you"))
class ResultViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Results of R&D projects: recorded by the performer, verified or rejected by a payer or a regulator."""

    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return Result.objects.visible_to(self.request.user).select_related("project__performer").order_by("-year", "reference")

    def _detail(self, result, code=status.HTTP_200_OK):
        result = self.get_queryset().get(pk=result.pk)
        return Response(ResultSerializer(result, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="Record a result (the performer's staff)", request={"application/json": ResultInputSerializer, "multipart/form-data": ResultInputSerializer}, responses={201: ResultSerializer, **_REFUSALS})
    def create(self, request, *args, **kwargs):
        body = ResultInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        project = Project.objects.visible_to(request.user).filter(code=data.pop("project")).first()
        if project is None:
            raise exceptions.NotFound()
        stage_id = data.pop("stage", None)
        stage = Stage.objects.filter(pk=stage_id, agreement__project=project).first() if stage_id else None
        if stage_id and stage is None:
            raise Refused(_("The stage belongs to an agreement of another project."))
        data.pop("evidence_file", None)
        evidence = _document(request, "evidence_file", EVIDENCE, EVIDENCE_KINDS)
        kind = data.pop("kind")
        wanted = results_svc.TYPED_FIELDS[ResultKind(kind)]
        typed = {k: data.pop(k) for k in list(data) if k in results_svc.ALL_TYPED}
        try:
            result = results_svc.record_result(
                project=project, stage=stage, kind=kind, title=data["title"], year=data["year"], actor=request.user, evidence=evidence,
                evidence_note=data.get("evidence_note", ""), evidence_reference=data.get("evidence_reference", ""), **{k: v for k, v in typed.items() if k in wanted},
            )
        except ValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from None
        except TransitionRefused as exc:
            _refuse(exc)
        return self._detail(result, status.HTTP_201_CREATED)

    def _decide(self, request, step: str):
        result = self.get_object()
        note = str(request.data.get("note", "")) if hasattr(request.data, "get") else ""
        try:
            if step == "verify":
                results_svc.verify_result(result=result, actor=request.user, note=note)
            else:
                results_svc.reject_result(result=result, actor=request.user, reason=note)
        except TransitionRefused as exc:
            _refuse(exc, "result", result, step, request.user)
        return self._detail(result)

    @extend_schema(summary="Verify the result (a payer's staff or a regulator)", request=NoteSerializer, responses={200: ResultSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def verify(self, request, reference=None):
        return self._decide(request, "verify")

    @extend_schema(summary="Reject the result, saying why", request=NoteSerializer, responses={200: ResultSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def reject(self, request, reference=None):
        return self._decide(request, "reject")

    @extend_schema(summary="Add evidence (the performer's staff; multipart for a file)", request={"multipart/form-data": EvidenceInputSerializer, "application/json": EvidenceInputSerializer}, responses={200: ResultSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def evidence(self, request, reference=None):
        result = self.get_object()
        body = EvidenceInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        evidence = _document(request, "file", EVIDENCE, EVIDENCE_KINDS)
        try:
            results_svc.add_evidence(result=result, actor=request.user, note=body.validated_data.get("note", ""), reference=body.validated_data.get("reference", ""), evidence=evidence)
        except (TransitionRefused, ValidationError) as exc:
            _refuse(exc)
        return self._detail(result)
