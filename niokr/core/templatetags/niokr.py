"""Template filters: money, numbers and dates as each language writes them.

Kazakh and Russian: ``1 234 567,89 ₸`` (narrow no-break space groups, decimal comma) and
``23.02.2026``; English: ``₸1,234,567.89`` and ``23 Feb 2026``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

from niokr.core.reference import label as reference_label

__all__ = ["number", "money", "day", "label", "localized", "one_language"]

register = template.Library()

_NNBSP = "\u202f"
#: The language of :func:`one_language`'s block, read once for the block.
_block_language: ContextVar[str | None] = ContextVar("niokr_block_language", default=None)


def _lang() -> str:
    return _block_language.get() or (get_language() or "ru")[:2]


@contextmanager
def one_language() -> Iterator[None]:
    """Inside the block the filters take the active language as it is on entry.

    A table body formats hundreds of cells, each asking for the active language (a context-local
    lookup, microseconds each); the block asks once. The block must not switch languages.
    """
    token = _block_language.set(_lang())
    try:
        yield
    finally:
        _block_language.reset(token)


def _grouped(value: Decimal, places: int) -> tuple[str, str]:
    text = f"{abs(value):,.{places}f}"
    integer, _, decimals = text.partition(".")
    return integer, decimals


def _number(value, places: int, lang: str) -> str:
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    integer, decimals = _grouped(amount, int(places))
    sign = "−" if amount < 0 else ""
    if lang == "en":
        return sign + integer + ("." + decimals if decimals else "")
    return sign + integer.replace(",", _NNBSP) + ("," + decimals if decimals else "")


@register.filter
def number(value, places: int = 0) -> str:
    """``value`` with thousands groups and ``places`` decimals in the active language."""
    return _number(value, places, _lang())


@register.filter
def money(value, places: int = 2) -> str:
    """An amount in tenge with the ₸ sign where the language puts it."""
    if value is None or value == "":
        return "—"
    lang = _lang()
    text = _number(value, places, lang)
    if lang == "en":
        return ("−₸" + text[1:]) if text.startswith("−") else "₸" + text
    return text + "\u00a0₸"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@register.filter
def day(value) -> str:
    """A date: dd.mm.yyyy in Kazakh and Russian, ``23 Feb 2026`` in English."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    if _lang() == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return value.strftime("%d.%m.%Y")


@register.filter
def label(value, enum: str) -> str:
    """The kk/ru/en label of a stored code of enumeration ``enum`` (``"registry.OrganisationKind"``)."""
    if value in (None, ""):
        return "—"
    try:
        return reference_label(value, _lang(), enum=enum)
    except (KeyError, TypeError):
        return str(value)


@register.filter
def localized(obj, field: str = "name") -> str:
    """``obj.<field>_<language>`` (``name_kk``, ``name_ru``, ``name_en``), falling back to Russian."""
    if obj is None:
        return "—"
    lang = _lang()
    return getattr(obj, f"{field}_{lang}", None) or getattr(obj, f"{field}_ru", None) or str(obj)
