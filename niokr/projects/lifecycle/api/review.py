"""The API of the state expertise and the competitive selection.

Expertises, calls and applications are addressed by their references. Reads go through the scoped
querysets; an application is read only through ``Application.objects.readable_by`` — before its
call's deadline nobody but its applicant gets it (404), and a call shows only the count of its
applications until then. Writes call :mod:`niokr.projects.lifecycle.expertise` and
:mod:`niokr.projects.lifecycle.selection`: a step the state or a guard forbids is refused with 400,
one the caller's role does not allow with 403, the reason in ``detail``; nothing is changed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from niokr.core.choices import PriorityDirection
from niokr.projects.lifecycle import expertise as expertise_svc
from niokr.projects.lifecycle import selection as selection_svc
from niokr.projects.lifecycle.review_access import applicant_org_ids, expert_records, is_coordinator
from niokr.projects.lifecycle.review_views import reads_pool
from niokr.projects.lifecycle.workflow import TransitionRefused, available, workflow_of
from niokr.projects.models import Application, Call, Expertise, Programme, StateExpert

__all__ = ["ExpertiseViewSet", "CallViewSet", "ApplicationViewSet", "PoolView"]


class Refused(exceptions.APIException):
    """A step refused by the object's state or a guard: 400 with the reason."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "refused"


_REFUSALS = {
    400: OpenApiResponse(description="Refused: the state or a guard forbids the step, or the input is wrong (the reason in detail)"),
    403: OpenApiResponse(description="Refused: the caller's role does not allow it (the reason in detail)"),
}


def _refuse(refused: TransitionRefused, workflow_name: str | None = None, obj=None, step: str = "", user=None):
    forbidden = refused.code == "forbidden"
    if not forbidden and workflow_name and obj is not None and step:
        wf = workflow_of(workflow_name)
        try:
            forbidden = not (wf.roles_of(obj, user) & wf.transition(step).roles)
        except TransitionRefused:
            forbidden = False
    if forbidden:
        raise exceptions.PermissionDenied(refused.reason)
    raise Refused(refused.reason)


def _steps(workflow_name, obj, user, context=None) -> list[dict]:
    return [{"name": t.name, "label": str(t.label), "allowed": r is None, "refusal": r or ""} for t, r in available(workflow_of(workflow_name), obj, user, context)]


# --- expertise ---------------------------------------------------------------------------------------


class ExpertiseSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="version.programme.reference", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    sheet = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Expertise
        fields = ["id", "reference", "programme", "version", "sheet", "status", "status_display", "min_experts", "score", "positive", "conclusion", "confirmed_at", "created_at"]

    def get_sheet(self, expertise) -> str:
        return f"{expertise.sheet.code} v{expertise.sheet.version}"


class ExpertiseDetailSerializer(ExpertiseSerializer):
    experts = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(ExpertiseSerializer.Meta):
        fields = ExpertiseSerializer.Meta.fields + ["criteria", "experts", "steps"]

    def _insider(self, user) -> bool:
        from niokr.accounts.choices import Role
        from niokr.projects.lifecycle.access import is_administrator, memberships

        return is_coordinator(user) or bool(memberships(user, Role.SELECTION_OFFICER)) or is_administrator(user) or bool(expert_records(user))

    def get_criteria(self, expertise) -> list[dict]:
        return [
            {"code": c.code, "name_kk": c.name_kk, "name_ru": c.name_ru, "name_en": c.name_en, "weight": str(c.weight), "min_score": c.min_score, "max_score": c.max_score, "not_applicable_allowed": c.not_applicable_allowed}
            for c in expertise.sheet.criteria.all()
        ]

    def get_experts(self, expertise) -> list[dict]:
        """The experts and their scores — for NCSTE, selection officers and administrators only."""
        from niokr.accounts.people import person_name

        user = self.context["request"].user
        if not self._insider(user):
            return []
        out = []
        for a in expertise.assignments.select_related("expert__user", "expert__organisation").prefetch_related("scores__criterion"):
            out.append({
                "expert": person_name(a.expert.user), "organisation": a.expert.organisation.bin,
                "scores": [{"criterion": s.criterion.code, "score": s.score, "not_applicable": s.not_applicable, "comment": s.comment} for s in a.scores.all()],
            })
        return out

    def get_steps(self, expertise) -> list[dict]:
        return _steps("expertise", expertise, self.context["request"].user, {"conclusion": "—"})


class OpenExpertiseSerializer(serializers.Serializer):
    programme = serializers.CharField(max_length=32, help_text="The programme's reference (it must be in state expertise)")
    sheet = serializers.CharField(max_length=40, required=False, help_text="code (the latest version) — default: the current sheet")


class AssignSerializer(serializers.Serializer):
    expert = serializers.IntegerField(help_text="The expert's number in the register of state experts")


class ScoreLineSerializer(serializers.Serializer):
    criterion = serializers.CharField(max_length=32)
    score = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=1000)
    not_applicable = serializers.BooleanField(required=False, default=False)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ScoresSerializer(serializers.Serializer):
    scores = ScoreLineSerializer(many=True)


class ConcludeSerializer(serializers.Serializer):
    conclusion = serializers.CharField(max_length=20_000, allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


@extend_schema_view(list=extend_schema(summary="State expertises you may see"), retrieve=extend_schema(summary="One expertise with its sheet, experts' scores (NCSTE and MSHE only) and your steps"))
class ExpertiseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """State scientific-technical expertises (NCSTE)."""

    serializer_class = ExpertiseSerializer
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Expertise.objects.visible_to(self.request.user).select_related("version__programme", "sheet").order_by("-created_at", "-id")

    def get_serializer_class(self):
        return ExpertiseSerializer if self.action == "list" else ExpertiseDetailSerializer

    def _detail(self, expertise, code=status.HTTP_200_OK):
        expertise = Expertise.objects.select_related("version__programme", "sheet").get(pk=expertise.pk)
        return Response(ExpertiseDetailSerializer(expertise, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="Open the expertise of a programme's current version (a coordinator)", request=OpenExpertiseSerializer, responses={201: ExpertiseDetailSerializer, **_REFUSALS})
    def create(self, request, *args, **kwargs):
        body = OpenExpertiseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        programme = Programme.objects.visible_to(request.user).filter(reference=body.validated_data["programme"]).first()
        if programme is None:
            raise exceptions.NotFound(_("No such programme."))
        sheet = None
        if body.validated_data.get("sheet"):
            sheet = expertise_svc.current_sheet(body.validated_data["sheet"])
            if sheet is None:
                raise Refused(_("No such criteria sheet."))
        try:
            expertise = expertise_svc.open_expertise(programme=programme, actor=request.user, sheet=sheet)
        except TransitionRefused as refused:
            _refuse(refused)
        return self._detail(expertise, status.HTTP_201_CREATED)

    @extend_schema(summary="Assign an expert (refused with the affiliation path when conflicted)", request=AssignSerializer, responses={200: ExpertiseDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def assign(self, request, reference=None):
        expertise = self.get_object()
        body = AssignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        expert = StateExpert.objects.filter(pk=body.validated_data["expert"]).first()
        if expert is None:
            raise Refused(_("Choose an expert from the register."))
        try:
            expertise_svc.assign_expert(expertise=expertise, expert=expert, actor=request.user)
        except TransitionRefused as refused:
            _refuse(refused)
        return self._detail(expertise)

    @extend_schema(summary="Record your scores (an assigned expert)", request=ScoresSerializer, responses={200: ExpertiseDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def scores(self, request, reference=None):
        expertise = self.get_object()
        body = ScoresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = {line["criterion"]: {"score": line.get("score"), "not_applicable": line.get("not_applicable"), "comment": line.get("comment", "")} for line in body.validated_data["scores"]}
        try:
            expertise_svc.record_scores(expertise=expertise, actor=request.user, scores=data)
        except TransitionRefused as refused:
            _refuse(refused)
        return self._detail(expertise)

    def _take(self, request, step, conclusion=""):
        expertise = self.get_object()
        try:
            expertise_svc.take(expertise, step, request.user, conclusion=conclusion, reason=str(request.data.get("reason", ""))[:500] if hasattr(request.data, "get") else "")
        except TransitionRefused as refused:
            _refuse(refused, "expertise", expertise, step, request.user)
        return self._detail(expertise)

    @extend_schema(summary="Open the scoring (a coordinator; at least the sheet's number of experts)", request=ReasonSerializer, responses={200: ExpertiseDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"], url_path="start-scoring")
    def start_scoring(self, request, reference=None):
        return self._take(request, "start_scoring")

    @extend_schema(summary="Confirm the conclusion computed from the sheet, with its text (a coordinator)", request=ConcludeSerializer, responses={200: ExpertiseDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def conclude(self, request, reference=None):
        body = ConcludeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._take(request, "conclude", body.validated_data["conclusion"])

    @extend_schema(summary="Cancel the expertise", request=ReasonSerializer, responses={200: ExpertiseDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, reference=None):
        return self._take(request, "cancel")


# --- selection ---------------------------------------------------------------------------------------


class CallSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    applications_count = serializers.SerializerMethodField()
    sealed = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = ["id", "reference", "title_kk", "title_ru", "title_en", "year", "directions", "amount", "deadline", "status", "status_display", "sealed", "applications_count", "decided_at"]

    def get_applications_count(self, call) -> int:
        """How many applications (never their content before the deadline)."""
        return call.applications.exclude(status="withdrawn").count()

    def get_sealed(self, call) -> bool:
        return call.sealed()


class RankedSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.reference", read_only=True)
    applicant = serializers.CharField(source="applicant.bin", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Application
        fields = ["reference", "rank", "score", "programme", "applicant", "amount", "status", "status_display", "amount_awarded"]


class CallDetailSerializer(CallSerializer):
    ranking = serializers.SerializerMethodField()
    proposed_awards = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(CallSerializer.Meta):
        fields = CallSerializer.Meta.fields + ["ranking", "proposed_awards", "steps"]

    def get_ranking(self, call) -> list[dict]:
        """After the deadline, for those who may read the applications: the ranking by expertise score."""
        if call.sealed():
            return []
        readable = set(Application.objects.readable_by(self.context["request"].user).filter(call=call).values_list("pk", flat=True))
        return RankedSerializer([a for a in selection_svc.ranking(call) if a.pk in readable], many=True).data

    def get_proposed_awards(self, call) -> list[str]:
        return selection_svc.proposed_awards(call) if call.status == "closed" and self.get_ranking(call) else []

    def get_steps(self, call) -> list[dict]:
        return _steps("call", call, self.context["request"].user, {"awarded": self.get_proposed_awards(call)})


class CallWriteSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=32)
    title_kk = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300)
    title_en = serializers.CharField(max_length=300)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    directions = serializers.ListField(child=serializers.ChoiceField(choices=PriorityDirection.values), min_length=1)
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, min_value=0)
    deadline = serializers.DateTimeField()


class DecideSerializer(serializers.Serializer):
    awarded = serializers.ListField(child=serializers.CharField(max_length=40), help_text="The references of the applications awarded, in ranking order")


class ApplySerializer(serializers.Serializer):
    programme = serializers.CharField(max_length=32)
    amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    statement = serializers.CharField(max_length=20_000, required=False, allow_blank=True)


class ApplicationSerializer(serializers.ModelSerializer):
    call = serializers.CharField(source="call.reference", read_only=True)
    programme = serializers.CharField(source="programme.reference", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    applicant = serializers.CharField(source="applicant.bin", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Application
        fields = ["id", "reference", "call", "programme", "version", "applicant", "amount", "statement", "status", "status_display", "score", "rank", "amount_awarded", "submitted_at"]


@extend_schema_view(list=extend_schema(summary="Calls for applications you may see"), retrieve=extend_schema(summary="One call: the count of applications, the ranking after the deadline, your steps"))
class CallViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Calls for applications of the competitive selection (MSHE)."""

    serializer_class = CallSerializer
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Call.objects.visible_to(self.request.user).order_by("-deadline", "-id")

    def get_serializer_class(self):
        return CallSerializer if self.action == "list" else CallDetailSerializer

    def _detail(self, call, code=status.HTTP_200_OK):
        return Response(CallDetailSerializer(Call.objects.get(pk=call.pk), context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="Create a draft call (a selection officer)", request=CallWriteSerializer, responses={201: CallDetailSerializer, **_REFUSALS})
    def create(self, request, *args, **kwargs):
        body = CallWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        try:
            call = selection_svc.create_call(
                reference=d["reference"], titles={"kk": d["title_kk"], "ru": d["title_ru"], "en": d["title_en"]}, year=d["year"],
                directions=d["directions"], amount=d["amount"], deadline=d["deadline"], actor=request.user,
            )
        except TransitionRefused as refused:
            _refuse(refused)
        return self._detail(call, status.HTTP_201_CREATED)

    def _take(self, request, step, awarded=None):
        call = self.get_object()
        try:
            selection_svc.take_call(call, step, request.user, awarded=awarded)
        except TransitionRefused as refused:
            _refuse(refused, "call", call, step, request.user)
        return self._detail(call)

    @extend_schema(summary="Open the call (within the pool's free money)", request=None, responses={200: CallDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"], url_path="open")
    def open_call(self, request, reference=None):
        return self._take(request, "open")

    @extend_schema(summary="Close the call after its deadline and rank the applications", request=None, responses={200: CallDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def close(self, request, reference=None):
        return self._take(request, "close")

    @extend_schema(summary="Decide: the awards in ranking order within the amount", request=DecideSerializer, responses={200: CallDetailSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def decide(self, request, reference=None):
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._take(request, "decide", body.validated_data["awarded"])

    @extend_schema(summary="Apply with an approved programme of your company (sealed until the deadline)", request=ApplySerializer, responses={201: ApplicationSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def apply(self, request, reference=None):
        call = self.get_object()
        body = ApplySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        programme = Programme.objects.filter(reference=body.validated_data["programme"], applicant_id__in=applicant_org_ids(request.user)).first()
        if programme is None:
            raise exceptions.PermissionDenied(_("You may apply only with your own company's programmes."))
        try:
            application = selection_svc.apply(call=call, programme=programme, amount=body.validated_data["amount"], statement=body.validated_data.get("statement", ""), actor=request.user)
        except TransitionRefused as refused:
            _refuse(refused)
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Applications whose content you may read (your own; others' only after their call's deadline)"),
    retrieve=extend_schema(summary="One application (404 while sealed, unless it is your own)"),
)
class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications to calls; sealed until the deadline."""

    serializer_class = ApplicationSerializer
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Application.objects.readable_by(self.request.user).select_related("call", "programme", "version", "applicant").order_by("call", "rank", "id")

    @extend_schema(summary="Withdraw your application before the deadline", request=None, responses={200: ApplicationSerializer, **_REFUSALS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, reference=None):
        application = self.get_object()
        try:
            selection_svc.withdraw(application, request.user)
        except TransitionRefused as refused:
            _refuse(refused, "application", application, "withdraw", request.user)
        return Response(ApplicationSerializer(Application.objects.get(pk=application.pk)).data)


class PoolRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    received = serializers.DecimalField(max_digits=20, decimal_places=2)
    awarded = serializers.DecimalField(max_digits=20, decimal_places=2)
    held = serializers.DecimalField(max_digits=20, decimal_places=2)
    free = serializers.DecimalField(max_digits=20, decimal_places=2)
    by_direction = serializers.DictField(child=serializers.DecimalField(max_digits=20, decimal_places=2))


class PoolView(APIView):
    """The KBK 401103 pool by year: received (confirmed transfers), awarded (by priority direction), held by open calls, free."""

    @extend_schema(summary="The KBK 401103 pool by year and priority direction", responses={200: PoolRowSerializer(many=True)})
    def get(self, request):
        if not reads_pool(request.user):
            return Response([])  # the pool's figures are for selection officers, regulators, auditors and administrators
        return Response(PoolRowSerializer(selection_svc.pool_table(), many=True).data)
