"""The councils API: sessions (with the policy, agenda, attendance and recusals), agenda items with
their immutable results, and votes — cast through the same service as the page.

Scoped like the pages: a council's members and secretary, the regulators of its ministry and auditors
read its sessions and votes; company staff read the decided items of their own programmes. A vote
refused is answered 400 (the session's state, the time, attendance, recusal, a vote already cast) or
403 (not a serving voting member of the council), the reason in ``detail``; nothing is changed.
The secretary's steps (open, close, cancel) are actions of a session, refused the same way. The
import of a session's votes from a file is ``/api/v1/intake/council-votes/{id}/``.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from niokr.projects.choices import Outcome, VoteChoice
from niokr.projects.lifecycle import councils
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import AgendaItem, CouncilSession, Vote

__all__ = ["SessionViewSet", "AgendaItemViewSet", "VoteViewSet"]


class Refused(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "refused"


def _raise(refused: TransitionRefused):
    if refused.code == councils.FORBIDDEN:
        raise exceptions.PermissionDenied(refused.reason)
    raise Refused(refused.reason)


class RecusalSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    source = serializers.CharField()
    path = serializers.JSONField(help_text="The affiliation path: steps {bin, name_kk, name_ru, name_en, link, direction}")
    path_display = serializers.SerializerMethodField()
    note = serializers.CharField()

    def get_path_display(self, recusal) -> str:
        """The path in words in the request's language ("Org A (BIN) → owner of → Org B (BIN)")."""
        return councils.path_text(recusal.path) if recusal.path else ""


class AgendaItemSerializer(serializers.ModelSerializer):
    """An item of a session's agenda: the programme version, and once the vote closed its result and tally."""

    session = serializers.CharField(source="session.reference", read_only=True)
    programme = serializers.CharField(source="version.programme.reference", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    outcome = serializers.SerializerMethodField()
    outcome_display = serializers.SerializerMethodField()
    recusals = RecusalSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "session", "order", "programme", "version", "outcome", "outcome_display", "tally", "decided_at", "recusals"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Outcome.choices, allow_null=True))
    def get_outcome(self, item) -> str | None:
        """``approved``, ``rejected`` or ``no_quorum``; null until the vote closes."""
        return item.outcome or None

    def get_outcome_display(self, item) -> str:
        """The result in the request's language (empty until decided)."""
        return str(item.get_outcome_display()) if item.outcome else ""


class SessionSerializer(serializers.ModelSerializer):
    """A council session with the voting policy recorded on it."""

    council = serializers.CharField(source="council.authority", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    policy_display = serializers.SerializerMethodField()

    class Meta:
        model = CouncilSession
        fields = ["id", "reference", "council", "held_on", "status", "status_display", "vote_closes_at", "source", "quorum_num", "quorum_den",
                  "majority_num", "majority_den", "majority_base", "abstentions_count", "closed_at", "policy_display"]
        read_only_fields = fields

    def get_policy_display(self, session) -> dict:
        """The policy in words in the request's language (quorum, majority, abstentions, recusals)."""
        return {k: str(v) for k, v in councils.policy_text(session.policy).items()}


class SessionDetailSerializer(SessionSerializer):
    items = AgendaItemSerializer(many=True, read_only=True)
    attendance = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "items", "attendance"]
        read_only_fields = fields

    def get_attendance(self, session) -> list[dict]:
        """Each voting member's attendance: ``{"member": id, "present": bool}``."""
        return [{"member": m, "present": p} for m, p in session.attendance.order_by("member_id").values_list("member_id", "present")]


class VoteSerializer(serializers.ModelSerializer):
    """One member's vote on an item (open vote)."""

    session = serializers.CharField(source="item.session.reference", read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "item", "session", "member", "choice", "source", "cast_at"]
        read_only_fields = ["id", "session", "member", "source", "cast_at"]


class CastVoteSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="The agenda item's id")
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


@extend_schema_view(list=extend_schema(summary="Council sessions you may read"), retrieve=extend_schema(summary="One council session with its agenda, attendance and recusals"))
class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sessions of the scientific-technical councils."""

    ordering_fields = ["id", "held_on", "reference"]
    ordering = ["-held_on", "-id"]
    filterset_fields = ["status"]

    def get_queryset(self):
        queryset = CouncilSession.objects.visible_to(self.request.user).select_related("council")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("items__version__programme", "items__recusals")
        return queryset

    def get_serializer_class(self):
        return SessionDetailSerializer if self.action == "retrieve" else SessionSerializer

    def _step(self, request, act):
        session = self.get_object()
        try:
            act(session)
        except TransitionRefused as refused:
            _raise(refused)
        session = self.get_queryset().get(pk=session.pk)
        return Response(SessionDetailSerializer(session, context=self.get_serializer_context()).data)

    @extend_schema(summary="Open the vote (the secretary)", request=None, responses={200: SessionDetailSerializer, 400: OpenApiResponse(description="Refused: the reason"), 403: OpenApiResponse(description="Not the council's secretary")})
    @action(detail=True, methods=["post"], url_path="open")
    def open_vote(self, request, pk=None):
        return self._step(request, lambda s: councils.open_vote(actor=request.user, session=s))

    @extend_schema(summary="Close the vote (the secretary)", request=None, responses={200: SessionDetailSerializer, 400: OpenApiResponse(description="Refused: the reason"), 403: OpenApiResponse(description="Not the council's secretary")})
    @action(detail=True, methods=["post"], url_path="close")
    def close_vote(self, request, pk=None):
        return self._step(request, lambda s: councils.close_vote(actor=request.user, session=s))

    @extend_schema(summary="Cancel a planned session (the secretary)", request=None, responses={200: SessionDetailSerializer, 400: OpenApiResponse(description="Refused: the reason"), 403: OpenApiResponse(description="Not the council's secretary")})
    @action(detail=True, methods=["post"], url_path="cancel")
    def cancel(self, request, pk=None):
        return self._step(request, lambda s: councils.cancel_session(actor=request.user, session=s))


@extend_schema_view(list=extend_schema(summary="Agenda items you may read", description="Company staff: the decided items on their own programmes."), retrieve=extend_schema(summary="One agenda item with its result"))
class AgendaItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Items of the councils' agendas with their immutable results."""

    serializer_class = AgendaItemSerializer
    ordering_fields = ["id", "order", "decided_at"]
    ordering = ["-id"]
    filterset_fields = ["outcome"]

    def get_queryset(self):
        return AgendaItem.objects.visible_to(self.request.user).select_related("session", "version__programme").prefetch_related("recusals")


@extend_schema_view(list=extend_schema(summary="Votes you may read"), retrieve=extend_schema(summary="One vote"))
class VoteViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Open votes of the councils' members; a member casts theirs with POST."""

    serializer_class = VoteSerializer
    ordering_fields = ["id", "cast_at"]
    ordering = ["-id"]

    def get_queryset(self):
        return Vote.objects.visible_to(self.request.user).select_related("item__session")

    @extend_schema(
        summary="Cast your vote on an agenda item", request=CastVoteSerializer,
        responses={201: VoteSerializer, 400: OpenApiResponse(description="Refused: not open, closed by time, absent, recused, already voted"), 403: OpenApiResponse(description="Not a serving voting member of the council")},
    )
    def create(self, request, *args, **kwargs):
        body = CastVoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = AgendaItem.objects.select_related("session__council").filter(pk=body.validated_data["item"]).first()
        if item is None or not CouncilSession.objects.visible_to(request.user).filter(pk=item.session_id).exists():
            raise exceptions.NotFound()
        try:
            vote = councils.cast_vote(actor=request.user, session=item.session, item=item, choice=body.validated_data["choice"])
        except TransitionRefused as refused:
            _raise(refused)
        return Response(VoteSerializer(vote, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)
