"""Protection of exported cells against formula (CSV) injection. Pure.

A spreadsheet treats a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return before them) as a formula. Text that came from a submission —
a purpose of payment, a document number — must therefore never reach an exported CSV or XLSX
as-is. Following the OWASP advice on CSV injection, such text gets a leading apostrophe ``'``,
which spreadsheets show as text; numbers, dates, decimals and ``None`` are left unchanged.

The CSV writer still quotes the fields (delimiters, quotes and line breaks inside a value); this
module only decides what the value is.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DANGEROUS_PREFIXES", "neutralise", "neutralise_row", "is_dangerous"]

#: First characters that make a spreadsheet read a text cell as a formula (OWASP).
DANGEROUS_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def neutralise(value):
    """``value`` made safe for an exported cell: dangerous text gets a leading ``'``, the rest is unchanged."""
    if is_dangerous(value):
        return "'" + value
    return value


def neutralise_row(values: Iterable) -> list:
    """Every value of a row passed through :func:`neutralise`."""
    return [neutralise(value) for value in values]
