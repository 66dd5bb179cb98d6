"""Template filters: money, numbers and dates as each language writes them.

Kazakh and Russian: ``1 234 567,89 ₸`` (narrow no-break space groups, decimal comma),
``1,00 %``, ``23.02.2026`` and ``23.02.2026 10:40``; English: ``₸1,234,567.89``, ``1.00 %``,
``23 Feb 2026`` and ``23 Feb 2026 10:40``. The rules are :mod:`niokr.core.formatting`'s; these
filters apply them in the active language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django import template
from django.utils.translation import get_language

from niokr.core.formatting import PERCENT_PLACES, day_text, moment_text, money_text, number_text, percent_text, rate_text
from niokr.core.reference import label as reference_label

__all__ = ["number", "money", "percent", "rate", "day", "moment", "label", "localized", "one_language"]

register = template.Library()

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


@register.filter
def number(value, places: int = 0) -> str:
    """``value`` with thousands groups and ``places`` decimals in the active language."""
    return number_text(value, places, _lang())


@register.filter
def money(value, places: int = 2) -> str:
    """An amount in tenge with the ₸ sign where the language puts it."""
    return money_text(value, _lang(), places)


@register.filter
def percent(value, places: int = PERCENT_PLACES) -> str:
    """A percentage given in percent: ``87,3 %`` (kk, ru), ``87.3 %`` (en); ``places`` decimals."""
    return percent_text(value, _lang(), places)


@register.filter
def rate(value) -> str:
    """A regime's rate given as a fraction: ``1,00 %`` (kk, ru), ``1.00 %`` (en)."""
    return rate_text(value, _lang())


@register.filter
def day(value) -> str:
    """A date: dd.mm.yyyy in Kazakh and Russian, ``23 Feb 2026`` in English."""
    return day_text(value, _lang())


@register.filter
def moment(value) -> str:
    """A date-time, 24-hour, in Asia/Almaty: ``07.12.2026 10:40`` (kk, ru), ``7 Dec 2026 10:40`` (en)."""
    return moment_text(value, _lang())


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


@register.filter
def is_kept(digest: str, folder: str) -> bool:
    """Whether the file of SHA-256 ``digest`` is kept in ``DATA_DIR/<folder>`` (a record may name a
    file only by its name and hash, as a report loaded from elsewhere does): link it only then."""
    from niokr.core.files import kept_path

    # plain strings: a template's arguments are SafeStrings, which pathlib does not join
    return bool(digest) and kept_path(str.__str__(folder), str.__str__(digest)).is_file()
