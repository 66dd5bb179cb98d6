"""The notifications API: the caller's own notifications (newest first) and marking them read.

Only the caller's: every query starts from ``request.user.notifications``. The subject and text are
written in the request's language; ``link`` is the page where the person acts.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from niokr.accounts.inbox import mark_read
from niokr.accounts.models import Notification
from niokr.accounts.notifications import subject_of, text_of

__all__ = ["NotificationSerializer", "MarkReadSerializer", "NotificationViewSet"]


class NotificationSerializer(serializers.ModelSerializer):
    """A notification as its recipient reads it."""

    subject = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "text", "link", "params", "created_at", "read", "read_at"]
        read_only_fields = fields

    def get_subject(self, note) -> str:
        """The subject in the request's language."""
        return subject_of(note)

    def get_text(self, note) -> str:
        """The sentence in the request's language."""
        return text_of(note)

    def get_read(self, note) -> bool:
        """Whether the recipient has marked it read."""
        return note.read_at is not None


class MarkReadSerializer(serializers.Serializer):
    """Which notifications to mark read: ``ids`` (of the caller's), or ``all``."""

    ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, default=list)
    all = serializers.BooleanField(required=False, default=False)


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many unread notifications were marked read")
    unread = serializers.IntegerField(help_text="How many remain unread")


@extend_schema_view(list=extend_schema(summary="Your notifications, newest first", description="`?unread=1`: only the unread ones."))
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's notifications."""

    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()

    def get_queryset(self):
        user = self.request.user
        if not getattr(user, "is_authenticated", False):
            return Notification.objects.none()
        notes = user.notifications.order_by("-created_at", "-id")
        if self.request.query_params.get("unread") == "1":
            notes = notes.filter(read_at__isnull=True)
        return notes

    @extend_schema(summary="Mark notifications read", request=MarkReadSerializer, responses={200: MarkedSerializer})
    @action(detail=False, methods=["post"], url_path="read", serializer_class=MarkReadSerializer)
    def read(self, request):
        body = MarkReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marked = mark_read(request.user, ids=body.validated_data["ids"], everything=body.validated_data["all"])
        return Response({"marked": marked, "unread": request.user.notifications.filter(read_at__isnull=True).count()})
