"""The value types of the reader: a located cell, a coded problem, the parsed table.

Pure Python: no Django. Problems are data, never exceptions: the caller renders them from ``code``
and ``params`` in the user's language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal

__all__ = ["Cell", "Problem", "ParsedTable", "ERROR", "WARNING", "PROBLEMS_LISTED", "UNKNOWN_LISTED", "unknown_columns", "column_letter", "column_index", "split_ref", "show", "as_typed", "typed_params", "visible", "CONTROL", "CONTROL_PATTERN"]

ERROR = "error"
WARNING = "warning"

_VALUE_SHOWN = 200  # a problem quotes at most this many characters of the offending value
#: Every list of problems holds at most this many; the counts of the rest are kept exactly.
PROBLEMS_LISTED = 100_000
#: Columns (or JSON keys) that are no part of the form are listed one by one up to this many.
UNKNOWN_LISTED = 100
#: Characters no report cell may hold: C0 controls but tab, line feed and carriage return, DEL, and
#: (from JSON escapes) lone surrogates. PostgreSQL text cannot hold NUL, UTF-8 cannot hold a lone
#: surrogate, and the others are invisible in every program an accountant uses.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: :data:`CONTROL` for polars (its strings are UTF-8, so they hold no surrogate).
CONTROL_PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


@dataclass(frozen=True)
class Cell:
    """One value with where it came from.

    Attributes:
        sheet: the sheet name ("" for CSV).
        row: the 1-based row as the user sees it (a CSV record counts as one row, like Excel shows it).
        column: the column letter as in Excel ("A", "B", … "AA"); CSV columns are lettered the same way.
        raw: the value as read: ``str``, ``float``, ``int``, ``datetime``/``date``, ``bool`` or ``None``
            (an empty cell).
    """

    sheet: str
    row: int
    column: str
    raw: object

    @property
    def ref(self) -> str:
        return f"{self.column}{self.row}"


@dataclass(frozen=True)
class Problem:
    """A coded problem. ``severity`` is ``"error"`` or ``"warning"``; ``code`` is stable (see README)."""

    severity: str
    code: str
    sheet: str = ""
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def at(self, cell: Cell) -> Problem:
        """The same problem located at ``cell`` (the normalisers do not know where a value came from)."""
        return replace(self, sheet=cell.sheet, row=cell.row, column=cell.column)


@dataclass
class ParsedTable:
    """The result of :func:`read_table`: the data rows as columns of raw values, with their rows.

    ``data`` maps a form column's code to its raw values, one per data row (a ``list``, or a polars
    string ``Series`` when the whole column is text, as from a CSV file); ``row_numbers`` holds the
    row each data row was read from. Blank rows are already left out. ``problems`` holds the
    problems found before the data (``problems[:late_from]``, e.g. a missing column) and those found
    while reading it (``too_many_rows``, a malformed record further down).
    """

    sheet: str
    header_row: int
    columns: dict[str, str]
    problems: list[Problem]
    data: dict[str, Sequence[object]] = field(default_factory=dict)
    row_numbers: Sequence[int] = ()
    late_from: int | None = None
    #: A form column's code → its header as the file writes it (CSV and XLSX; a JSON document's
    #: keys are the codes themselves, so it has none).
    headers: dict[str, str] = field(default_factory=dict)
    unlisted: dict[str, int] = field(default_factory=lambda: {ERROR: 0, WARNING: 0})

    def __len__(self) -> int:
        return len(self.row_numbers)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def early_problems(self) -> list[Problem]:
        return self.problems if self.late_from is None else self.problems[: self.late_from]

    @property
    def late_problems(self) -> list[Problem]:
        return [] if self.late_from is None else self.problems[self.late_from :]

    @property
    def rows(self) -> Iterator[dict[str, Cell]]:
        """The data rows as located cells (convenient for small tables and tests)."""
        columns = {code: _as_list(values) for code, values in self.data.items()}
        for i, number in enumerate(_as_list(self.row_numbers)):
            yield {code: Cell(self.sheet, number, self.columns.get(code, code), values[i]) for code, values in columns.items()}


def unknown_columns(found: Sequence[tuple[str, str | None, int | None, str, int]], *, sheet: str) -> list[Problem]:
    """The ``unknown_column`` warnings of (header or key, column, row, first cell, occurrences):
    one per column, the first :data:`UNKNOWN_LISTED` of them, then one ``unknown_columns_truncated``
    counting the rest."""
    problems = [
        Problem(WARNING, "unknown_column", sheet, row, column, show(text), {"header": show(text), **({"rows": count} if count > 1 else {})})
        for text, column, row, _first, count in found[:UNKNOWN_LISTED]
    ]
    if len(found) > UNKNOWN_LISTED:
        problems.append(Problem(WARNING, "unknown_columns_truncated", sheet, params={"listed": UNKNOWN_LISTED, "more": len(found) - UNKNOWN_LISTED}))
    return problems


def _as_list(values: Sequence[object]) -> list:
    to_list = getattr(values, "to_list", None)
    return to_list() if to_list is not None else list(values)


def show(value: object) -> str | None:
    """A value as quoted in a problem, as the user typed it (:func:`as_typed`), shortened and
    visible (:func:`visible`); ``None`` stays ``None``."""
    if value is None:
        return None
    text = visible(as_typed(value))
    return text if len(text) <= _VALUE_SHOWN else text[: _VALUE_SHOWN - 1] + "…"


def as_typed(value: object) -> str:
    """A cell's value as the user typed it: text as it is; a whole number from a number cell
    without ``.0`` (``2024``, a BIN ``50540001123``); another number in its shortest form
    (``-100.5``: :func:`typed_params` marks it, so that a page writes it with the decimal mark of
    its language); a date cell as ``dd.mm.yyyy`` (with the time when it has one), the layout of the
    templates' date columns."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return f"{value:%d.%m.%Y}"
        return f"{value:%d.%m.%Y %H:%M}" if not value.second and not value.microsecond else f"{value:%d.%m.%Y %H:%M:%S}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def typed_params(value: object) -> dict:
    """The parameters a problem keeps about how its value is written: ``value_type: "number"`` for
    a number with decimals (its decimal mark is the reader's language's)."""
    if isinstance(value, float) and math.isfinite(value) and value != int(value):
        return {"value_type": "number"}
    if isinstance(value, Decimal) and value.is_finite() and value != value.to_integral_value():
        return {"value_type": "number"}
    return {}


def visible(text: str) -> str:
    """``text`` with each :data:`CONTROL` character written as an escape (``\\x00``, ``\\ud800``):
    what a problem quotes must be storable and readable."""
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else f"\\x{ord(m.group()):02x}", text) if CONTROL.search(text) else text


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → "A", 25 → "Z", 26 → "AA")."""
    if index < 0:
        raise ValueError(index)
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters → 0-based column index ("A" → 0)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def split_ref(ref: str) -> tuple[str, int] | None:
    """"B3" → ("B", 3); ``None`` when ``ref`` is not a cell reference."""
    m = _REF.fullmatch(ref or "")
    return (m.group(1).upper(), int(m.group(2))) if m else None
