"""Business references of records people quote: ``<PREFIX>-<year>-<number>``, e.g. ``SUB-2026-000042``.

A reference is stored on the record once and never changes. It is unique by construction: the number
is the record's own sequence number (its primary key, which the database hands out without two
concurrent inserts ever getting the same one), zero-padded to six digits; the year is the calendar
year (Asia/Almaty) in which the record was created. So a reference is assigned without a counter
table, a lock or a retry, on SQLite and on PostgreSQL alike, and a person reads from it the kind of
record and its year.
"""

from __future__ import annotations

import datetime
import re
import uuid

from django.utils import timezone

__all__ = ["yearly_reference", "pending_reference", "assign_reference", "normalise_reference", "REFERENCE_RE"]

#: A reference as written: prefix, year, number ("SUB-2026-000042"); also typed in lowercase or with spaces.
REFERENCE_RE = re.compile(r"^\s*(?P<prefix>[A-Za-z]{2,8})\s*-\s*(?P<year>\d{4})\s*-\s*(?P<number>\d{1,12})\s*$")


def yearly_reference(prefix: str, when: datetime.datetime | datetime.date | None, number: int) -> str:
    """``<PREFIX>-<year>-<number:06d>``; the year of ``when`` in the current time zone (now if ``None``)."""
    when = when or timezone.now()
    if isinstance(when, datetime.datetime):
        if timezone.is_aware(when):
            when = timezone.localtime(when)
        year = when.year
    else:
        year = when.year
    return f"{prefix}-{year}-{int(number):06d}"


def pending_reference() -> str:
    """A unique placeholder written with the insert, replaced by :func:`assign_reference` at once."""
    return f"pending-{uuid.uuid4().hex[:24]}"


def assign_reference(instance, prefix: str, *, when_field: str = "created_at", field: str = "reference") -> str:
    """Set the reference of a just-inserted ``instance`` from its primary key and creation time, and save it."""
    reference = yearly_reference(prefix, getattr(instance, when_field, None), instance.pk)
    setattr(instance, field, reference)
    type(instance)._base_manager.filter(pk=instance.pk).update(**{field: reference})
    return reference


def normalise_reference(text: str) -> str | None:
    """A reference however typed ("sub 2026 42", "SUB-2026-000042 ") in its stored form, or ``None``."""
    match = REFERENCE_RE.match((text or "").replace(" ", "-").replace("--", "-")) or REFERENCE_RE.match(text or "")
    if not match:
        return None
    return f"{match['prefix'].upper()}-{match['year']}-{int(match['number']):06d}"
