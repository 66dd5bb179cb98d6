"""Finding the header row of a form and mapping its columns to column codes."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from niokr.intake.formats import Form

from .model import ERROR, Problem, column_letter, show, unknown_columns

__all__ = ["HEADER_SCAN_ROWS", "normalise_header", "HeaderMatcher", "HeaderMatch"]

HEADER_SCAN_ROWS = 30

_SPACES = re.compile(r"\s+")  # str patterns: also NBSP, narrow NBSP, thin space, line breaks
_QUOTES = "\"'«»“”„`‘’"
_TRAILING = "*:" + _QUOTES
_LOOSE_DROP = re.compile(r"[\W_]+")


def normalise_header(value: object) -> str:
    """Header text as compared: casefolded, trimmed, one space, no trailing ``*``/``:``, no quotes, ё→е."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _SPACES.sub(" ", text.casefold()).strip()
    previous = None
    while previous != text:
        previous = text
        text = text.rstrip(_TRAILING).strip()
        if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
            text = text[1:-1].strip()
        text = text.lstrip(_QUOTES).strip()
    return text.replace("ё", "е")


def _loose(normalised: str) -> str:
    """Letters and digits only: "сумма (тенге)" and "сумма, тенге" meet here."""
    return _LOOSE_DROP.sub("", normalised)


@dataclass
class HeaderMatch:
    columns: dict[str, int] = field(default_factory=dict)  # code -> 0-based index
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (index, raw text)
    duplicates: list[tuple[str, int, int, str]] = field(default_factory=list)  # (code, first, again, text)

    def required_found(self, required: Sequence[str]) -> int:
        return sum(1 for code in required if code in self.columns)


class HeaderMatcher:
    """Matches header rows against one form (any language, any order, aliases)."""

    def __init__(self, form: Form):
        self.form = form
        self.required = [c.code for c in form.columns if c.required]
        self.threshold = max(1, math.ceil(len(self.required) / 2))
        self._exact: dict[str, list[str]] = {}
        self._loose: dict[str, list[str]] = {}
        for column in form.columns:
            for header in column.headers():
                key = normalise_header(header)
                for table, k in ((self._exact, key), (self._loose, _loose(key))):
                    if k and column.code not in table.setdefault(k, []):
                        table[k].append(column.code)

    def codes_for(self, value: object) -> list[str]:
        key = normalise_header(value)
        if not key:
            return []
        return self._exact.get(key) or self._loose.get(_loose(key)) or []

    def match(self, cells: Sequence[object]) -> HeaderMatch:
        result = HeaderMatch()
        for index, value in enumerate(cells):
            if _blank(value):
                continue
            codes = self.codes_for(value)
            if not codes:
                result.unknown.append((index, value if isinstance(value, str) else str(value)))
                continue
            free = [c for c in codes if c not in result.columns]
            if free:
                result.columns[free[0]] = index
            else:
                result.duplicates.append((codes[0], result.columns[codes[0]], index, str(value)))
        return result

    def is_header(self, match: HeaderMatch) -> bool:
        return match.required_found(self.required) >= self.threshold

    def problems(self, match: HeaderMatch, *, sheet: str, row: int) -> list[Problem]:
        problems = unknown_columns([(text, column_letter(index), row, "", 1) for index, text in match.unknown], sheet=sheet)
        for code, first, again, text in match.duplicates:
            problems.append(
                Problem(
                    ERROR, "duplicate_column", sheet, row, column_letter(again), show(text),
                    {"code": code, "header": show(text), "first_column": column_letter(first), "column": column_letter(again)},
                )
            )
        for column in self.form.columns:
            if column.required and column.code not in match.columns:
                problems.append(
                    Problem(
                        ERROR, "missing_column", sheet, row, None, None,
                        {"code": column.code, "kk": column.kk, "ru": column.ru, "en": column.en},
                    )
                )
        return problems


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
