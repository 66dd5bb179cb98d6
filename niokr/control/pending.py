"""Document requests a user's companies still have to answer (for the landing page and the navigation bar).

A request is pending while it has no answer and its audit case is not closed. The user must act
on it when they are staff of the audited company (``company`` role): regulators, auditors and
performers have nothing to answer, so they get none. ``pending_requests_for(user).count()`` is
the number the navigation bar shows; the landing page lists the rows with their deadline.
"""

from __future__ import annotations

from datetime import date

from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone

from niokr.accounts.scoping import scope_for
from niokr.control.choices import CaseStatus
from niokr.control.models import DocumentRequest

__all__ = ["pending_requests_for"]


def pending_requests_for(user, *, today: date | None = None):
    """The unanswered document requests of open audit cases of the companies ``user`` answers for.

    A queryset, soonest deadline first, with the case and the company (``case__payer``) selected
    and ``overdue`` annotated (``True`` when the answer date, ``due_on``, is before ``today``;
    today in Almaty time by default). Empty for anyone who is not company staff.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return DocumentRequest.objects.none()
    company_ids = scope_for(user).company_ids
    if not company_ids:
        return DocumentRequest.objects.none()
    day = today or timezone.localdate()
    return (
        DocumentRequest.objects.filter(case__payer_id__in=company_ids, answered_at__isnull=True)
        .exclude(case__status__in=CaseStatus.closed())
        .select_related("case", "case__payer")
        .annotate(overdue=Case(When(due_on__lt=day, then=Value(True)), default=Value(False), output_field=BooleanField()))
        .order_by("due_on", "id")
    )
