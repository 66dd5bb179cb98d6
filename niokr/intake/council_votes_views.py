"""The page action that imports a council session's votes from a Single Window file (the secretary).

It posts from the session page (``lifecycle:session-detail``) and returns to it: the outcome, or every
problem with its row and column, in the reader's language; nothing is recorded when there is one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from niokr.intake.council_votes import MAX_BYTES, import_file
from niokr.projects.lifecycle.councils import FORBIDDEN
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import CouncilSession

__all__ = ["council_votes_import", "report_messages"]

#: Problems shown on the page; the rest are counted.
SHOWN = 30


def report_messages(report) -> list[str]:
    out = []
    for row, column, message in report.problems[:SHOWN]:
        where = []
        if row:
            where.append(_("row %(row)s") % {"row": row})
        if column:
            where.append(f"«{column}»")
        out.append((", ".join(where) + ": " if where else "") + message)
    if len(report.problems) > SHOWN:
        out.append(_("…and %(more)s more problems.") % {"more": len(report.problems) - SHOWN})
    return out


@login_required
@require_POST
def council_votes_import(request, reference: str):
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("council"), reference=reference)
    upload = request.FILES.get("file")
    back = redirect("lifecycle:session-detail", session.reference)
    if upload is None:
        messages.error(request, _("Choose the file to import."))
        return back
    if upload.size > MAX_BYTES:
        messages.error(request, _("The file is too large for a session's votes."))
        return back
    lang = (translation.get_language() or "ru")[:2]
    try:
        report = import_file(actor=request.user, session=session, data=upload.read(), filename=upload.name[:200], language=lang)
    except TransitionRefused as exc:
        if exc.code == FORBIDDEN:
            raise PermissionDenied(exc.reason) from None
        messages.error(request, exc.reason)
        return back
    if report.problems:
        messages.error(request, _("Nothing was imported: the file has problems."))
        for text in report_messages(report):
            messages.error(request, text)
    elif report.changed:
        messages.success(request, _("Votes imported: %(n)s.") % {"n": report.votes})
    else:
        messages.info(request, _("The file holds nothing new: every vote in it is already recorded."))
    return back
