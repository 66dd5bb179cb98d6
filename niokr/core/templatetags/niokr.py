"""Template filters: money, numbers and dates as each language writes them.

Kazakh and Russian: ``1 234 567,89 ₸`` (narrow no-break space groups, decimal comma) and
``23.02.2026``; English: ``₸1,234,567.89`` and ``23 Feb 2026``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

register = template.Library()

_NNBSP = "\u202f"


def _lang() -> str:
    return (get_language() or "ru")[:2]


def _grouped(value: Decimal, places: int) -> tuple[str, str]:
    text = f"{abs(value):,.{places}f}"
    integer, _, decimals = text.partition(".")
    return integer, decimals


@register.filter
def number(value, places: int = 0) -> str:
    """``value`` with thousands groups and ``places`` decimals in the active language."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    integer, decimals = _grouped(amount, int(places))
    sign = "−" if amount < 0 else ""
    if _lang() == "en":
        return sign + integer + ("." + decimals if decimals else "")
    return sign + integer.replace(",", _NNBSP) + ("," + decimals if decimals else "")


@register.filter
def money(value, places: int = 2) -> str:
    """An amount in tenge with the ₸ sign where the language puts it."""
    if value is None or value == "":
        return "—"
    text = number(value, places)
    if _lang() == "en":
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
    from niokr.core.reference import label as reference_label

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
