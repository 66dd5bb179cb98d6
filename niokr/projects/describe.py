"""Ledger entries that payments posted, described by the payments' document numbers and dates.

Registered with :func:`niokr.obligations.describe.register_source` when the app is ready: an entry
of ``projects.Payment`` names its payment; an entry a spending report posted (``intake.Submission``,
one per right, year, performer and day) names the payments of that report it sums.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from niokr.obligations.choices import EntryKind
from niokr.obligations.describe import CHUNK, documents_text

__all__ = ["describe_payments", "describe_reported_payments"]


def _chunks(items: Sequence, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def describe_payments(entries: Sequence) -> dict[int, str]:
    """"Payment No ПП-1234 of 12.03.2025" for entries whose source is one payment."""
    from niokr.projects.models import Payment

    ids = sorted({int(e.source_id) for e in entries if (e.source_id or "").isdigit()})
    found = {}
    for chunk in _chunks(ids):
        found.update({pk: (number, paid_on) for pk, number, paid_on in Payment.objects.filter(pk__in=chunk).values_list("pk", "document_number", "paid_on")})
    texts = {}
    for e in entries:
        row = found.get(int(e.source_id)) if (e.source_id or "").isdigit() else None
        if row is not None:
            texts[e.pk] = documents_text("payment", [row[0]], row[1])
    return texts


def describe_reported_payments(entries: Sequence) -> dict[int, str]:
    """The payments a spending report posted as one entry: their document numbers and day."""
    from niokr.projects.models import Payment

    mine = [e for e in entries if (e.target_kind or e.kind) == EntryKind.DIRECT_SPEND and (e.source_id or "").isdigit()]
    numbers: dict[tuple, list[str]] = defaultdict(list)
    for group in _chunks(mine):
        rows = Payment.objects.filter(
            source_submission__in={int(e.source_id) for e in group}, right_id__in={e.right_id for e in group}, paid_on__in={e.entry_date for e in group}
        ).order_by("document_number").values_list("source_submission", "right_id", "paid_on", "agreement__performer_id", "for_year", "document_number")
        for submission, right, paid_on, performer, for_year, number in rows:
            numbers[(submission, right, paid_on, performer, for_year or paid_on.year)].append(number)
    texts = {}
    for e in mine:
        key = (int(e.source_id), e.right_id, e.entry_date, e.performer_id, e.year)
        if key in numbers:
            texts[e.pk] = documents_text("payment", numbers[key], e.entry_date)
    return texts
