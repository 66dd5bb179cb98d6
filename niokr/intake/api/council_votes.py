"""``POST /api/v1/intake/council-votes/{id}/``: import a council session's votes from a Single Window file.

The file (``multipart/form-data``, field ``file``: CSV, XLSX or JSON; ``docs/formats/council-votes.md``)
is checked whole: 200 with what was recorded (nothing again for the same file), 400 with every
problem (row, column, message in the request's language) and nothing recorded, 403 for anyone but
the council's secretary, 404 for a session the caller may not read.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from niokr.intake.council_votes import MAX_BYTES, import_file
from niokr.projects.lifecycle.councils import FORBIDDEN
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import CouncilSession

__all__ = ["CouncilVotesImportView"]


class VoteFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV, XLSX or JSON with the columns session, programme, member (login), attendance, vote")


class ImportResultSerializer(serializers.Serializer):
    votes = serializers.IntegerField(help_text="Votes recorded now")
    attendance = serializers.IntegerField(help_text="Attendance marks recorded now")
    unchanged = serializers.IntegerField(help_text="Votes of the file already recorded")
    opened = serializers.BooleanField(help_text="Whether the import opened the vote (a planned session)")
    problems = serializers.ListField(child=serializers.DictField())


class CouncilVotesImportView(APIView):
    """Import a council session's votes (the council's secretary)."""

    parser_classes = [MultiPartParser]
    queryset = CouncilSession.objects.none()

    @extend_schema(
        summary="Import a council session's votes from a Single Window file", request={"multipart/form-data": VoteFileSerializer},
        responses={200: ImportResultSerializer, 400: OpenApiResponse(description="The file's problems (the 200 body with a non-empty problems list; nothing recorded), or a refusal in the error format of the API"), 403: OpenApiResponse(description="Not the council's secretary"), 404: OpenApiResponse(description="No such session you may read")},
    )
    def post(self, request, pk: int):
        session = CouncilSession.objects.visible_to(request.user).select_related("council").filter(pk=pk).first()
        if session is None:
            raise exceptions.NotFound()
        body = VoteFileSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > MAX_BYTES:
            raise exceptions.ValidationError({"file": [gettext("The file is too large for a session's votes.")]})
        lang = (translation.get_language() or "ru")[:2]
        try:
            report = import_file(actor=request.user, session=session, data=upload.read(), filename=upload.name[:200], language=lang)
        except TransitionRefused as refused:
            if refused.code == FORBIDDEN:
                raise exceptions.PermissionDenied(refused.reason) from None
            raise exceptions.ValidationError({"detail": refused.reason}) from None
        data = {
            "votes": report.votes, "attendance": report.attendance, "unchanged": report.unchanged, "opened": report.opened,
            "problems": [{"row": row, "column": column, "message": message} for row, column, message in report.problems],
        }
        return Response(data, status=status.HTTP_400_BAD_REQUEST if report.problems else status.HTTP_200_OK)
