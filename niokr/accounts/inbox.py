"""The notifications page: a person's own messages, newest first, read and unread, marked read by POST.

Each message reads in the language of the page (:func:`niokr.accounts.notifications.text_of`) and
links to the page where the person acts. Nobody reads another person's notifications: every query
starts from ``request.user.notifications``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from niokr.accounts.notifications import subject_of, text_of

__all__ = ["PER_PAGE", "notification_list", "notification_read", "mark_read"]

#: Notifications shown per page.
PER_PAGE = 30


def mark_read(user, *, ids=None, everything: bool = False) -> int:
    """Mark ``user``'s notifications ``ids`` (or all of them) as read; how many were unread."""
    unread = user.notifications.filter(read_at__isnull=True)
    if not everything:
        unread = unread.filter(pk__in=[i for i in (ids or []) if isinstance(i, int) and 0 < i < 2**63])
    return unread.update(read_at=timezone.now())


@login_required
def notification_list(request):
    """The signed-in person's notifications, newest first, 30 a page; ``?unread=1`` shows the unread only."""
    notes = request.user.notifications.order_by("-created_at", "-id")
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        notes = notes.filter(read_at__isnull=True)
    page = Paginator(notes, PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"note": note, "subject": subject_of(note), "text": text_of(note), "link": note.link if note.link.startswith("/") else ""} for note in page.object_list]
    return render(request, "accounts/notifications.html", {"title": _("Notifications"), "page": page, "rows": rows, "only_unread": only_unread})


@login_required
@require_POST
def notification_read(request):
    """Mark one notification (``id``) or all (``all``) of the signed-in person as read, then go back (or on to ``next``)."""
    if request.POST.get("all"):
        mark_read(request.user, everything=True)
    else:
        try:
            mark_read(request.user, ids=[int(request.POST.get("id", ""))])
        except ValueError:
            pass
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("accounts:notifications")
