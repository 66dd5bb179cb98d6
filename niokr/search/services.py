"""One query, every kind of thing a user looks for by what is written on it.

A BIN (whole or its first digits) or a name finds organisations; a number finds subsoil-use
rights, R&D agreements, payments (by the payment document's number), submitted reports, audit
cases and R&D programmes (by reference, however typed: ``"sub 2026 42"`` is ``SUB-2026-000042``). Every kind is read through its model's ``visible_to(user)``: a search finds only what
the pages would show the user.

Numbers are compared as written (any case) and, failing that, as accountants mean them:
``"пп 123"``, ``"ПП-000123"`` and ``"123/24"`` are one payment order (:mod:`niokr.core.docnumbers`).
Each kind lists at most :data:`LIMIT` items; the query is cut to :data:`MAX_QUERY` characters and
cleared of control characters first, so no input makes the database fail.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from niokr.control.models import AuditCase
from niokr.core.docnumbers import number_key, split_key
from niokr.core.numbering import normalise_reference
from niokr.intake.models import Submission
from niokr.projects.models import Agreement, Payment
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["LIMIT", "MAX_QUERY", "MIN_QUERY", "Query", "Found", "Results", "clean_query", "find"]

#: Items listed per kind; more than this and the page says so (and links the filtered list).
LIMIT = 20
#: Characters of a query that are searched (a BIN is 12, a document number at most 64).
MAX_QUERY = 100
#: A shorter query finds too much to be of use.
MIN_QUERY = 2
#: Rows read by the number comparison per kind before it compares keys (the contains filter
#: narrows them; the key decides).
KEY_CANDIDATES = 500
#: Whole or partial BINs: digits, spaces allowed between them ("9708 4000 2284").
_DIGITS = re.compile(r"^[\d\s]+$")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Query:
    """A query as searched: ``text`` (cleaned and cut), ``digits`` (the text as a BIN, if it is one
    or its beginning) and whether it was ``cut``."""

    text: str
    digits: str = ""
    cut: bool = False

    @property
    def usable(self) -> bool:
        return len(self.text) >= MIN_QUERY


@dataclass
class Found:
    """The items of one kind, at most :data:`LIMIT`, and whether there were ``more``."""

    items: list = field(default_factory=list)
    more: bool = False

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass
class Results:
    """What one query found, per kind (each a :class:`Found`)."""

    query: Query
    organisations: Found = field(default_factory=Found)
    rights: Found = field(default_factory=Found)
    agreements: Found = field(default_factory=Found)
    payments: Found = field(default_factory=Found)
    submissions: Found = field(default_factory=Found)
    cases: Found = field(default_factory=Found)
    programmes: Found = field(default_factory=Found)

    @property
    def total(self) -> int:
        return sum(len(f.items) for f in (self.organisations, self.rights, self.agreements, self.payments, self.submissions, self.cases, self.programmes))


def clean_query(raw: str | None) -> Query:
    """``raw`` without control characters (NUL included), whitespace collapsed, cut to :data:`MAX_QUERY`."""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") else ch for ch in (raw or "")[: MAX_QUERY * 4])
    text = _WHITESPACE.sub(" ", text).strip()
    cut = len(text) > MAX_QUERY
    text = text[:MAX_QUERY].strip()
    digits = text.replace(" ", "") if _DIGITS.match(text) else ""
    return Query(text=text, digits=digits if len(digits) <= 12 else "", cut=cut)


def find(user, raw: str | None) -> Results:
    """Everything ``user`` may see that ``raw`` names, per kind (nothing for a query too short)."""
    query = raw if isinstance(raw, Query) else clean_query(raw)
    results = Results(query=query)
    if not query.usable:
        return results
    results.organisations = _organisations(user, query)
    results.rights = _rights(user, query)
    results.agreements = _numbered(Agreement.objects.visible_to(user).select_related("payer", "performer").order_by("-signed_on", "-id"), "number", query)
    results.payments = _numbered(
        Payment.objects.visible_to(user).select_related("agreement__payer", "agreement__performer", "right").order_by("-paid_on", "-id"), "document_number", query
    )
    results.submissions = _submissions(user, query)
    results.cases = _cases(user, query)
    results.programmes = _programmes(user, query)
    return results


def _variants(text: str) -> list[str]:
    """``text`` as typed and in the cases it is stored in: SQLite compares Cyrillic letters case-sensitively."""
    return list(dict.fromkeys([text, text.upper(), text.lower(), text[:1].upper() + text[1:]]))


def _contains(field_name: str, text: str) -> Q:
    q = Q()
    for variant in _variants(text):
        q |= Q(**{f"{field_name}__icontains": variant})
    return q


def _bounded(queryset) -> Found:
    items = list(queryset[: LIMIT + 1])
    return Found(items=items[:LIMIT], more=len(items) > LIMIT)


def _organisations(user, query: Query) -> Found:
    """By BIN (exact, or its first digits from four on) or name in any language.

    Besides the organisations the registry shows the user, company staff find the performers of
    their agreements (whose pages they may open).
    """
    visible = Organisation.objects.visible_to(user)
    reachable = Organisation.objects.filter(Q(pk__in=visible.values("pk")) | Exists(Agreement.objects.visible_to(user).filter(performer=OuterRef("pk"))))
    if query.digits:
        if len(query.digits) == 12:
            match = Q(bin=query.digits)
        elif len(query.digits) >= 4:
            match = Q(bin__startswith=query.digits)
        else:
            return Found()
    else:
        match = _contains("name_ru", query.text) | _contains("name_kk", query.text) | _contains("name_en", query.text)
    return _bounded(reachable.filter(match).order_by("name_ru", "pk"))


def _rights(user, query: Query) -> Found:
    """By number, or every right of the holder whose whole BIN was given."""
    rights = SubsoilRight.objects.visible_to(user).select_related("holder").order_by("number")
    if len(query.digits) == 12:
        return _bounded(rights.filter(Q(holder__bin=query.digits) | Q(number__icontains=query.digits)))
    return _numbered(rights, "number", query)


def _submissions(user, query: Query) -> Found:
    """By reference: the whole reference however typed, or a part of it as typed."""
    submissions = Submission.objects.visible_to(user).select_related("organisation").order_by("-created_at", "-id")
    whole = normalise_reference(query.text)
    match = Q(reference=whole) if whole else _contains("reference", query.text)
    return _bounded(submissions.filter(match))


def _cases(user, query: Query) -> Found:
    return _bounded(AuditCase.objects.visible_to(user).select_related("payer").filter(_contains("reference", query.text)).order_by("-opened_at", "-id"))


def _programmes(user, query: Query) -> Found:
    """R&D programmes by reference (``prg 2026 42`` is ``PRG-2026-000042``), or a part of it as typed."""
    from niokr.projects.models import Programme

    programmes = Programme.objects.visible_to(user).select_related("applicant").order_by("-created_at", "-id")
    whole = normalise_reference(query.text)
    match = Q(reference=whole) if whole else _contains("reference", query.text)
    return _bounded(programmes.filter(match))


def _numbered(queryset, field_name: str, query: Query) -> Found:
    """Rows whose ``field_name`` holds the number: the same number however written first, then the
    rows whose number contains the text as typed."""
    same = _same_number(queryset, field_name, query.text)
    seen = {row.pk for row in same}
    typed = [row for row in queryset.filter(_contains(field_name, query.text))[: LIMIT + 1] if row.pk not in seen]
    rows = same + typed
    return Found(items=rows[:LIMIT], more=len(rows) > LIMIT)


def _same_number(queryset, field_name: str, text: str) -> list:
    """Rows whose number has the key of ``text`` (:func:`niokr.core.docnumbers.number_key`).

    The rows are narrowed to those containing the key's number (its last run of digits), at most
    :data:`KEY_CANDIDATES` of them, and compared in Python: the key is not stored.
    """
    parts = split_key(text)
    if parts is None or not parts.number.isdigit():
        return []
    key = number_key(text)
    candidates = queryset.filter(**{f"{field_name}__contains": parts.number}).values_list("pk", field_name)[:KEY_CANDIDATES]
    same = [pk for pk, number in candidates if number_key(number) == key][: LIMIT + 1]
    return list(queryset.filter(pk__in=same)) if same else []
