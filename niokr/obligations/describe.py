"""Obligation records in the words of the business: regime names, and what each ledger entry came from.

A page, an export or an API ``*_display`` field never shows a database id or an internal code
where a person expects a business name:

* a regime is named by :func:`regime_label` (the catalogue's short name in the active language,
  else the title of its latest version, else the code);
* a ledger entry's origin is written by :func:`describe_sources` — "Payment No ПП-1234 of
  12.03.2025", "Budget transfer No 77 of 05.02.2026", "Obligation calculated under Закон 2010 г.:
  1% СГД", "Exclusion by audit case АП-2026-0001" — and a reversal's stored reason by
  :func:`reversal_reason`.

The apps above this one describe the records they own: an app registers a describer for a source
type with :func:`register_source` when it is ready (``projects`` describes its payments), so this
module imports nothing from them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language, gettext, ngettext

from niokr.core.templatetags.niokr import day
from niokr.obligations.catalogue import regime_name
from niokr.obligations.choices import EntryKind

__all__ = [
    "regime_label",
    "SourceDescriber",
    "register_source",
    "describe_sources",
    "documents_text",
    "reversal_reason",
    "CHUNK",
]

#: Ids looked up in one query by a describer (below every database's limit on query parameters).
CHUNK = 500


def _lang() -> str:
    return (get_language() or "ru")[:2]


def regime_label(code: str | None, language: str | None = None) -> str:
    """The name of regime ``code`` as a person reads it in ``language`` (the active language).

    The catalogue's short name; for a regime the catalogue does not know, the title of its latest
    version in the database (every title read in one query, kept until the request ends or a
    regime is saved); the code itself only when there is neither.
    """
    if not code:
        return ""
    lang = (language or _lang())[:2]
    name = regime_name(code, lang)
    if name:
        return name
    titles = _database_titles().get(code)
    return (titles.get(lang) or titles["ru"]) if titles else code


_titles: dict[str, dict[str, str]] | None = None


def _database_titles() -> dict[str, dict[str, str]]:
    """Code → the titles of its latest version, by language (the catalogue is a few rows)."""
    global _titles
    if _titles is None:
        from niokr.obligations.models import RuleRegime

        rows = RuleRegime.objects.order_by("code", "version").values_list("code", "title_kk", "title_ru", "title_en")
        _titles = {code: {"kk": kk, "ru": ru, "en": en} for code, kk, ru, en in rows}
    return _titles


def forget_regime_titles(**kwargs) -> None:
    """Read the regimes' titles afresh next time (a request ended, or a regime was saved or deleted)."""
    global _titles
    _titles = None


request_finished.connect(forget_regime_titles, dispatch_uid="niokr.obligations.describe.forget_regime_titles")
post_save.connect(forget_regime_titles, sender="obligations.RuleRegime", dispatch_uid="niokr.obligations.describe.regime_saved")
post_delete.connect(forget_regime_titles, sender="obligations.RuleRegime", dispatch_uid="niokr.obligations.describe.regime_deleted")


# --- What a ledger entry came from ------------------------------------------------------------

#: Texts of some entries (those it can describe), by entry id, written in the active language.
SourceDescriber = Callable[[Sequence], dict[int, str]]

_DESCRIBERS: dict[str, list[SourceDescriber]] = defaultdict(list)


def register_source(source_type: str, describer: SourceDescriber) -> None:
    """Describe entries whose ``source_type`` is ``source_type`` with ``describer`` (once per app start)."""
    if describer not in _DESCRIBERS[source_type]:
        _DESCRIBERS[source_type].append(describer)


def describe_sources(entries: Iterable) -> dict[int, str]:
    """What each of ``entries`` came from, in the active language, by entry id.

    Every describer of a source type sees the entries of that type not yet described; a few
    queries per page, however many rows. An entry nobody can describe gets the plain name of its
    kind of source, never its id.
    """
    by_type: dict[str, list] = defaultdict(list)
    for entry in entries:
        by_type[entry.source_type or ""].append(entry)
    texts: dict[int, str] = {}
    for source_type, group in by_type.items():
        for describer in _DESCRIBERS.get(source_type, ()):
            pending = [e for e in group if e.pk not in texts]
            if not pending:
                break
            texts.update(describer(pending))
        for entry in group:
            texts.setdefault(entry.pk, _fallback(entry))
    return texts


def _fallback(entry) -> str:
    if entry.source_type == "intake.Submission":
        return gettext("Report submission")
    if entry.source_type == "projects.Payment":
        return gettext("Payment")
    if entry.source_type == "obligations.BudgetTransfer":
        return gettext("Budget transfer")
    return "—"


def documents_text(kind: str, numbers: Sequence[str], on) -> str:
    """"Payment No 12 of 05.02.2026", "Payments No 12, 13 of 05.02.2026", "Payment of 05.02.2026".

    ``kind`` is ``"payment"`` or ``"transfer"``; at most three numbers are written, then how many more.
    """
    numbers = list(dict.fromkeys(n for n in numbers if n))
    when = day(on)
    if not numbers:
        return gettext("Payment of %(date)s") % {"date": when} if kind == "payment" else gettext("Budget transfer of %(date)s") % {"date": when}
    shown = ", ".join(numbers[:3])
    if len(numbers) > 3:
        more = len(numbers) - 3
        shown = ngettext("%(numbers)s and %(count)s more", "%(numbers)s and %(count)s more", more) % {"numbers": shown, "count": more}
    if kind == "payment":
        text = ngettext("Payment No %(numbers)s of %(date)s", "Payments No %(numbers)s of %(date)s", len(numbers))
    else:
        text = ngettext("Budget transfer No %(numbers)s of %(date)s", "Budget transfers No %(numbers)s of %(date)s", len(numbers))
    return text % {"numbers": shown, "date": when}


def _chunks(items: Sequence, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _ids(entries: Sequence) -> list[int]:
    return sorted({int(e.source_id) for e in entries if (e.source_id or "").isdigit()})


def _obligations(entries: Sequence) -> dict[int, str]:
    """An obligation posted by a recompute: the regime it was calculated under."""
    return {e.pk: gettext("Obligation calculated under %(regime)s") % {"regime": regime_label(e.regime_code)} if e.regime_code else gettext("Obligation calculated") for e in entries}


def _transfers(entries: Sequence) -> dict[int, str]:
    """A budget transfer: its payment order number and date."""
    from niokr.obligations.models import BudgetTransfer

    found = {}
    for ids in _chunks(_ids(entries)):
        found.update({pk: (number, paid_on) for pk, number, paid_on in BudgetTransfer.objects.filter(pk__in=ids).values_list("pk", "order_number", "paid_on")})
    texts = {}
    for e in entries:
        row = found.get(int(e.source_id)) if (e.source_id or "").isdigit() else None
        if row is not None:
            texts[e.pk] = documents_text("transfer", [row[0]], row[1])
    return texts


def _submitted_transfers(entries: Sequence) -> dict[int, str]:
    """Budget transfers of a treasury file: one entry per right and day, with every order it sums."""
    from niokr.obligations.models import BudgetTransfer

    mine = [e for e in entries if (e.target_kind or e.kind) == EntryKind.BUDGET_TRANSFER and (e.source_id or "").isdigit()]
    numbers: dict[tuple, list[str]] = defaultdict(list)
    for group in _chunks(mine):
        rows = BudgetTransfer.objects.filter(
            source_submission__in={int(e.source_id) for e in group}, right_id__in={e.right_id for e in group}, paid_on__in={e.entry_date for e in group}
        ).order_by("order_number").values_list("source_submission", "right_id", "paid_on", "order_number")
        for submission, right, paid_on, number in rows:
            numbers[(submission, right, paid_on)].append(number)
    return {e.pk: documents_text("transfer", numbers[key], e.entry_date) for e in mine if (key := (int(e.source_id), e.right_id, e.entry_date)) in numbers}


def _exclusions(entries: Sequence) -> dict[int, str]:
    """An exclusion confirmed in an audit case: the case's reference (its business number)."""
    return {e.pk: gettext("Exclusion by audit case %(reference)s") % {"reference": e.reference} if e.reference else gettext("Exclusion by an audit case") for e in entries}


register_source("obligations.recompute", _obligations)
register_source("obligations.BudgetTransfer", _transfers)
register_source("intake.Submission", _submitted_transfers)
register_source("control.CaseItem", _exclusions)

#: Reasons the system itself writes on a reversal, as the people reading the ledger say them.
_REASONS: tuple[tuple[re.Pattern, Callable[[], str]], ...] = (
    (re.compile(r"^recompute: obligation changed$"), lambda: gettext("Recalculation: the obligation changed")),
    (re.compile(r"^transfer not confirmed by the treasury$"), lambda: gettext("The treasury did not confirm the transfer")),
    (re.compile(r"^superseded by SUB-\d+$"), lambda: gettext("Replaced by a later report")),
)


def reversal_reason(text: str) -> str:
    """A reversal's stored reason in the active language (a reason a person typed is shown as typed)."""
    text = (text or "").strip()
    for pattern, say in _REASONS:
        if pattern.match(text):
            return say()
    return text
