"""The totals row an accountant adds under the data ("Итого", "Барлығы", "Total"): recognised and left out.

A row is a totals row when one of its cells is a totals label — the word alone or starting the text
("Итого:", "ИТОГО по договорам", "Total for 2025"), case and punctuation aside — and every other
filled cell is a number (the sums). Only rows at the bottom of the data are looked at, so a label
in the middle of a report is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .model import WARNING, Problem, show

__all__ = ["TOTALS_WORDS", "totals_label", "trailing_totals", "TRAILING_ROWS"]

#: Labels of a totals row in Russian, Kazakh and English (normalised: casefold, ё→е, letters only).
TOTALS_WORDS = frozenset({"итого", "итог", "всего", "барлығы", "барлыгы", "жиыны", "жиынтығы", "total", "totals", "grand total", "sum total"})
#: How many rows at the bottom of the data may be totals rows (a subtotal above a total).
TRAILING_ROWS = 3

_NOT_LETTERS = re.compile(r"[^\w\s]|[\d_]")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"[-−–+]?[\d\s\u00a0\u202f.,']+(?:\s*(?:₸|тг\.?|тенге|теңге|kzt))?", re.IGNORECASE)


def _label(text: str) -> str:
    words = _SPACES.sub(" ", _NOT_LETTERS.sub(" ", text.casefold().replace("ё", "е"))).strip()
    if words in TOTALS_WORDS:
        return words
    for word in TOTALS_WORDS:
        if words.startswith(word + " "):
            return word
    return ""


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Decimal)):
        return True
    return isinstance(value, str) and _NUMBER.fullmatch(value.strip()) is not None and any(c.isdigit() for c in value)


def totals_label(cells: Sequence[object]) -> str | None:
    """The text of the totals label when ``cells`` (a whole row) is a totals row, else ``None``."""
    label = None
    for value in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if label is None and isinstance(value, str) and len(value) <= 200 and _label(value):
            label = value.strip()
        elif not _is_number(value):
            return None
    return label


def trailing_totals(rows: list[tuple[int, Sequence[object]]], sheet: str, problems: list[Problem]) -> int:
    """How many of ``rows`` — (row number, whole row) of the last data rows, in order — are totals
    rows, counted from the bottom; each gets a ``totals_row_skipped`` warning."""
    skipped = 0
    for number, cells in reversed(rows):
        label = totals_label(cells)
        if label is None:
            break
        problems.append(Problem(WARNING, "totals_row_skipped", sheet, number, None, show(label), {"label": show(label), "row": number}))
        skipped += 1
    return skipped
