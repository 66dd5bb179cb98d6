"""The programmes API: list and read (with versions, budget and decisions), create, edit, submit, withdraw.

A programme is addressed by its reference (``PRG-2026-000042``), an organisation by its BIN, a
right by its number. ``*_display`` fields are in the request's language. Writes call
:mod:`niokr.projects.lifecycle.programmes`: what is written wrong is refused with 400 and the
messages per field; a step the programme's state or a guard forbids with 400, and one the caller's
role does not allow with 403, the reason in ``error.message`` (and ``error.detail.detail``).
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from niokr.accounts.choices import Role
from niokr.core.reference import label
from niokr.projects.lifecycle.access import programme_roles
from niokr.projects.lifecycle.programme_filters import ProgrammeFilterSet, listed_programmes
from niokr.projects.lifecycle.programmes import applicants_for, create_programme, edit_programme, link_project, project_for_link, submit_programme, withdraw_programme
from niokr.projects.lifecycle.workflow import TransitionRefused, available, workflow_of
from niokr.projects.models import Programme
from niokr.registry.api.serializers import OrganisationRefSerializer

__all__ = ["ProgrammeViewSet", "ProgrammeSerializer", "ProgrammeDetailSerializer", "ProgrammeWriteSerializer"]


class Refused(exceptions.APIException):
    """A step refused by the programme's state or a guard: 400 with the reason."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "refused"


class BudgetLineSerializer(serializers.Serializer):
    """One year of a version's budget; the amount as a decimal string in tenge."""

    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=True)


class DecisionSerializer(serializers.Serializer):
    """A council's agenda item on a version: the session, its date and the result (empty until decided)."""

    session = serializers.CharField(source="session.reference")
    held_on = serializers.DateField(source="session.held_on")
    outcome = serializers.CharField()
    outcome_display = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField(allow_null=True)
    tally = serializers.JSONField(allow_null=True)

    def get_outcome_display(self, item) -> str:
        """The result in the request's language (empty until decided)."""
        return str(item.get_outcome_display()) if item.outcome else ""


class VersionSerializer(serializers.Serializer):
    """A version of the programme: what it said, when it was submitted, what was decided on it."""

    number = serializers.IntegerField()
    title_kk = serializers.CharField()
    title_ru = serializers.CharField()
    title_en = serializers.CharField()
    abstract = serializers.CharField()
    priority_direction = serializers.CharField()
    priority_direction_display = serializers.SerializerMethodField()
    tcc_sector = serializers.CharField()
    tcc_sector_display = serializers.SerializerMethodField()
    trl_start = serializers.IntegerField()
    trl_target = serializers.IntegerField()
    performer = OrganisationRefSerializer(allow_null=True)
    rights = serializers.SerializerMethodField()
    budget = BudgetLineSerializer(many=True)
    budget_total = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    decisions = serializers.SerializerMethodField()
    expertise = serializers.SerializerMethodField()

    def get_priority_direction_display(self, version) -> str:
        """The priority direction in the request's language."""
        return label(version.priority_direction, enum="core.PriorityDirection")

    def get_tcc_sector_display(self, version) -> str:
        """The TCC sector in the request's language (empty: none)."""
        return label(version.tcc_sector, enum="core.TCCSector") if version.tcc_sector else ""

    def get_rights(self, version) -> list[str]:
        """The numbers of the subsoil-use rights the version covers."""
        return sorted(r.number for r in version.rights.all())

    def get_decisions(self, version) -> list[dict]:
        """The council's agenda items on this version."""
        return DecisionSerializer(version.agenda_items.select_related("session").order_by("session__held_on", "pk"), many=True).data

    def get_expertise(self, version) -> list[dict]:
        """The state expertise of this version, where there is one: reference, status, conclusion."""
        from niokr.projects.lifecycle.programme_views import decisions_of

        out = []
        try:
            expertises = decisions_of(version)["expertises"]
        except ObjectDoesNotExist:
            expertises = []
        for e in expertises:
            out.append({
                "reference": getattr(e, "reference", ""),
                "status": getattr(e, "status", ""),
                "status_display": str(e.get_status_display()) if hasattr(e, "get_status_display") else "",
                "positive": getattr(e, "positive", None),
                "confirmed_at": getattr(e, "confirmed_at", None),
            })
        return out


class ProgrammeSerializer(serializers.ModelSerializer):
    """A programme with the current version's title, direction and budget total."""

    applicant = OrganisationRefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    authority_display = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="version_number", read_only=True, allow_null=True)
    title_kk = serializers.CharField(read_only=True, allow_null=True)
    title_ru = serializers.CharField(read_only=True, allow_null=True)
    title_en = serializers.CharField(read_only=True, allow_null=True)
    priority_direction = serializers.CharField(read_only=True, allow_null=True)
    priority_direction_display = serializers.SerializerMethodField()
    budget_total = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=True, read_only=True, allow_null=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Programme
        fields = [
            "id", "reference", "kind", "kind_display", "status", "status_display", "authority", "authority_display", "applicant", "version",
            "title_kk", "title_ru", "title_en", "priority_direction", "priority_direction_display", "budget_total", "submitted_at", "created_at",
        ]
        read_only_fields = fields

    def get_authority_display(self, programme) -> str:
        """The ministry whose council reviews the programme, in the request's language."""
        return label(programme.authority, enum="core.Authority")

    def get_priority_direction_display(self, programme) -> str:
        """The current version's priority direction in the request's language."""
        value = getattr(programme, "priority_direction", None)
        return label(value, enum="core.PriorityDirection") if value else ""


class StepSerializer(serializers.Serializer):
    """A step of the review the caller holds a role for: allowed now, or refused with the reason."""

    name = serializers.CharField()
    label = serializers.CharField()
    allowed = serializers.BooleanField()
    refusal = serializers.CharField(allow_blank=True)


class ProgrammeDetailSerializer(ProgrammeSerializer):
    """A programme with every version (budget, rights, decisions) and the steps open to the caller."""

    versions = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    project = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True, help_text="The code of the R&D project that carries the programme out (null: none linked)")

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "project", "versions", "steps"]
        read_only_fields = fields

    def get_versions(self, programme) -> list[dict]:
        """Every version, the first first."""
        versions = programme.versions.select_related("performer").prefetch_related("budget", "rights").order_by("number")
        return VersionSerializer(versions, many=True).data

    def get_steps(self, programme) -> list[dict]:
        """The steps the caller holds a role for, each allowed or refused with the reason."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return [{"name": t.name, "label": str(t.label), "allowed": refusal is None, "refusal": refusal or ""} for t, refusal in available(workflow_of("programme"), programme, user)]


class BudgetInputSerializer(serializers.Serializer):
    year = serializers.CharField(help_text="The year, e.g. 2026")
    amount = serializers.CharField(help_text='The amount in tenge as a decimal string, e.g. "150000000.00"')


class ProgrammeWriteSerializer(serializers.Serializer):
    """What a company writes: on creation the applicant's BIN; on edit only the fields that change."""

    applicant = serializers.CharField(required=False, help_text="Create: the BIN of the applicant (your organisation or a subsidiary it controls)")
    kind = serializers.CharField(required=False, help_text="Create: programme or assignment")
    title_kk = serializers.CharField(required=False, allow_blank=True, help_text="Title in Kazakh (Cyrillic)")
    title_ru = serializers.CharField(required=False, allow_blank=True)
    title_en = serializers.CharField(required=False, allow_blank=True, help_text="Title in English (Latin letters)")
    abstract = serializers.CharField(required=False, allow_blank=True)
    priority_direction = serializers.CharField(required=False, allow_blank=True, help_text="medtech, agritech, greentech or other")
    tcc_sector = serializers.CharField(required=False, allow_blank=True)
    trl_start = serializers.CharField(required=False, help_text="1–9")
    trl_target = serializers.CharField(required=False, help_text="1–9, not below trl_start")
    performer = serializers.CharField(required=False, allow_blank=True, help_text="BIN of the proposed performer (optional)")
    rights = serializers.ListField(child=serializers.CharField(), required=False, help_text="Numbers of the subsoil-use rights covered (one ministry)")
    budget = BudgetInputSerializer(many=True, required=False)


class LinkProjectSerializer(serializers.Serializer):
    """The project that carries out an approved programme, by its code."""

    project = serializers.CharField(max_length=64, help_text="The code of the R&D project")


_REFUSALS = {
    400: OpenApiResponse(description="Refused: what was written is wrong (messages per field), or the programme's state or a guard forbids the step (the reason)"),
    403: OpenApiResponse(description="Refused: the caller's role does not allow it (the reason)"),
}


def _refuse(refused: TransitionRefused, programme, user):
    if refused.code == "forbidden" or (programme is not None and Role.COMPANY not in programme_roles(programme, user)):
        raise exceptions.PermissionDenied(refused.reason)
    raise Refused(refused.reason)


@extend_schema_view(
    list=extend_schema(summary="R&D programmes you may see", description="Filter by reference, applicant (BIN or name), status, kind, priority direction, ministry, budget year."),
    retrieve=extend_schema(summary="One programme with its versions, budget, rights, decisions and the steps open to you"),
)
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """R&D programmes and technical assignments under review."""

    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilterSet
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    ordering_fields = ["reference", "created_at", "status"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return listed_programmes(Programme.objects.visible_to(self.request.user))

    def get_serializer_class(self):
        if self.action in ("list",):
            return ProgrammeSerializer
        if self.action in ("create", "partial_update"):
            return ProgrammeWriteSerializer
        return ProgrammeDetailSerializer

    def _detail(self, programme, code=status.HTTP_200_OK):
        programme = self.get_queryset().get(pk=programme.pk)
        return Response(ProgrammeDetailSerializer(programme, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="Create a draft programme", request=ProgrammeWriteSerializer, responses={201: ProgrammeDetailSerializer, **_REFUSALS})
    def create(self, request, *args, **kwargs):
        body = ProgrammeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        applicant_bin = data.pop("applicant", "")
        applicant = applicants_for(request.user).filter(bin=applicant_bin).first()
        if applicant is None:
            raise exceptions.PermissionDenied(_("You may submit programmes only for your own organisation and its subsidiaries."))
        data["budget"] = [dict(line) for line in data.get("budget") or []]
        try:
            programme = create_programme(actor=request.user, applicant=applicant, raw=data)
        except TransitionRefused as refused:
            _refuse(refused, None, request.user)
        return self._detail(programme, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit a programme",
        description="A draft is changed in place; a submitted programme gets a new version (the fields not given are copied from the current one). "
        "Refused while the programme is on a council's agenda or later.",
        request=ProgrammeWriteSerializer, responses={200: ProgrammeDetailSerializer, **_REFUSALS},
    )
    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        body = ProgrammeWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = {k: v for k, v in body.validated_data.items() if k not in ("applicant", "kind")}
        if "budget" in data:
            data["budget"] = [dict(line) for line in data["budget"]]
        try:
            edit_programme(actor=request.user, programme=programme, raw=data)
        except TransitionRefused as refused:
            _refuse(refused, programme, request.user)
        return self._detail(programme)

    def _step(self, request, service):
        programme = self.get_object()
        try:
            service(actor=request.user, programme=programme, reason=str(request.data.get("reason", ""))[:2000] if hasattr(request.data, "get") else "")
        except TransitionRefused as refused:
            _refuse(refused, programme, request.user)
        return self._detail(programme)

    @extend_schema(summary="Submit the programme to its ministry's council", request=None, responses={200: ProgrammeDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def submit(self, request, reference=None):
        return self._step(request, submit_programme)

    @extend_schema(summary="Withdraw the programme", request=None, responses={200: ProgrammeDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, reference=None):
        return self._step(request, withdraw_programme)

    @extend_schema(
        summary="Link the approved programme to the project that carries it out",
        description="By the applicant's staff (or its holding's), once approved. The project is funded by an agreement paid by the applicant or one of its "
        "subsidiaries, or is the proposed performer's project without an agreement; it carries out no other programme. A link is not undone through the "
        "API: a mistaken link is corrected by an administrator. An empty TRL start/target of the project is filled from the programme's current version.",
        request=LinkProjectSerializer, responses={200: ProgrammeDetailSerializer, **_REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="link-project", url_name="link-project")
    def link_project(self, request, reference=None):
        programme = self.get_object()
        body = LinkProjectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if Role.COMPANY not in programme_roles(programme, request.user):
            raise exceptions.PermissionDenied(_("Only the applicant's staff link a programme to the project that carries it out."))
        code = body.validated_data["project"].strip()
        project = project_for_link(programme, request.user, code)
        if project is None:
            raise Refused(_("No project with code %(code)s can be linked to this programme.") % {"code": code})
        try:
            link_project(programme, project, request.user)
        except TransitionRefused as refused:
            _refuse(refused, programme, request.user)
        return self._detail(programme)
