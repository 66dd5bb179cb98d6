"""JSON submissions: ``{"kind": ..., "period": {...}, "rows": [{"<column code>": value, ...}, ...]}``.

The shape of :func:`niokr.intake.templates_xlsx.json_example`. Pure Python: no Django. Nothing here
raises on user input: every finding is a coded :class:`Problem`.

Problem codes: errors ``json_unreadable`` (malformed JSON or a wrong shape; ``line``/``column`` in
the params when the JSON itself is malformed), ``kind_mismatch`` (the document's ``kind`` is not the
requested one), ``money_not_a_string`` (a MONEY column given as a JSON number: binary floats lose
tiyn, so amounts must be strings), ``value_unreadable`` (an object or array as a cell value);
warnings ``unknown_column`` (a key in a row that is no column code of the form: one per key, at the
first row having it, with the number of rows) and ``unknown_columns_truncated`` (keys beyond the
first :data:`~.model.UNKNOWN_LISTED`, counted). Cell problems are listed up to
:data:`~.model.PROBLEMS_LISTED` and the rest counted (``ParsedTable.unlisted``).
"""

from __future__ import annotations

import codecs
import json

from niokr.intake.formats import ColumnType, Form

from .model import ERROR, PROBLEMS_LISTED, UNKNOWN_LISTED, WARNING, ParsedTable, Problem, show, unknown_columns
from .totals import TRAILING_ROWS, trailing_totals

__all__ = ["SHEET", "looks_like_json", "read_json"]

SHEET = "json"
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _text_head(data: bytes) -> str | None:
    """The decoded start of ``data`` when it has a BOM or is ASCII-compatible; else ``None``."""
    head = data[:4096]
    try:
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            return head[: len(head) // 4 * 4].decode("utf-32", errors="ignore")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
        return head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="ignore")
    except Exception:  # noqa: BLE001
        return None


def looks_like_json(data: bytes) -> bool:
    """Whether the content, after an optional BOM and whitespace, starts with ``{``."""
    head = _text_head(data)
    return head is not None and head.lstrip().startswith("{")


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _empty(problems: list[Problem]) -> ParsedTable:
    return ParsedTable(sheet=SHEET, header_row=0, columns={}, problems=problems)


def read_json(data: bytes, form: Form, *, max_rows: int) -> ParsedTable:
    """A JSON submission of ``form`` as a :class:`ParsedTable` (sheet ``"json"``, row = 1-based index)."""
    problems: list[Problem] = []
    try:
        return _read(data, form, max_rows, problems)
    except Exception as exc:  # noqa: BLE001 - the contract: coded problems, never an exception
        problems.append(Problem(ERROR, "json_unreadable", SHEET, params={"line": "-", "column": "-", "reason": f"{type(exc).__name__}: {exc}"[:300]}))
        return _empty(problems)


def _read(data: bytes, form: Form, max_rows: int, problems: list[Problem]) -> ParsedTable:
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        problems.append(Problem(ERROR, "json_unreadable", SHEET, params={"line": "-", "column": "-", "reason": f"not UTF-8 text: {exc}"[:300]}))
        return _empty(problems)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(ERROR, "json_unreadable", SHEET, params={"line": exc.lineno, "column": exc.colno, "reason": exc.msg}))
        return _empty(problems)
    except (ValueError, RecursionError) as exc:
        problems.append(Problem(ERROR, "json_unreadable", SHEET, params={"line": "-", "column": "-", "reason": f"{type(exc).__name__}: {exc}"[:300]}))
        return _empty(problems)
    if not isinstance(document, dict):
        problems.append(Problem(ERROR, "json_unreadable", SHEET, params={"line": "-", "column": "-", "reason": "the document must be an object"}))
        return _empty(problems)
    kind = document.get("kind")
    if kind is not None and kind != form.kind.value:
        problems.append(Problem(ERROR, "kind_mismatch", SHEET, value=show(kind if isinstance(kind, str) else json.dumps(kind)), params={"kind": show(str(kind)), "expected": form.kind.value}))
    rows = document.get("rows")
    if not isinstance(rows, list):
        problems.append(Problem(ERROR, "json_unreadable", SHEET, params={"line": "-", "column": "-", "reason": "\"rows\" must be an array of objects"}))
        return _empty(problems)
    columns = {column.code: column for column in form.columns}
    numbers: list[int] = []
    data: dict[str, list[object]] = {code: [] for code in columns}
    # One warning per unknown key (its first row and how many rows have it), not one per cell;
    # keys beyond the first few are only counted. Cell problems are listed up to the cap.
    unknown: dict[str, list] = {}
    unlisted = {ERROR: 0, WARNING: 0}
    more_unknown = 0

    def note(problem: Problem) -> None:
        if len(problems) < PROBLEMS_LISTED:
            problems.append(problem)
        else:
            unlisted[problem.severity] += 1

    for number, row in enumerate(rows, start=1):
        if number > max_rows:
            problems.append(Problem(ERROR, "too_many_rows", SHEET, number, params={"limit": max_rows}))
            break
        if not isinstance(row, dict):
            note(Problem(ERROR, "json_unreadable", SHEET, number, params={"line": "-", "column": "-", "reason": f"row {number} is not an object", "row": number}))
            continue
        if len(row) > len(columns) or any(key not in columns for key in row):
            for key in row:
                if key not in columns:
                    seen = unknown.get(key)
                    if seen is not None:
                        seen[1] += 1
                    elif len(unknown) < UNKNOWN_LISTED:
                        unknown[key] = [number, 1]
                    else:
                        more_unknown += 1
        numbers.append(number)
        for code, column in columns.items():
            raw = row.get(code)
            data[code].append(raw)
            if column.type is ColumnType.MONEY and isinstance(raw, (int, float)) and not isinstance(raw, bool):
                note(Problem(ERROR, "money_not_a_string", SHEET, number, code, show(raw), {"column": code}))
            elif isinstance(raw, (dict, list)):
                note(Problem(ERROR, "value_unreadable", SHEET, number, code, show(json.dumps(raw, ensure_ascii=False)), {"column": code}))
    last = [(n, list(rows[n - 1].values())) for n in numbers[-TRAILING_ROWS:]]
    for _ in range(trailing_totals(last, SHEET, problems)):
        numbers.pop()
        for values in data.values():
            values.pop()
    found = [(str(key), show(str(key)), first, "", count) for key, (first, count) in unknown.items()]
    warnings = unknown_columns(found, sheet=SHEET)
    if more_unknown:
        warnings.append(Problem(WARNING, "unknown_columns_truncated", SHEET, params={"listed": UNKNOWN_LISTED, "more": more_unknown}))
    problems[:0] = warnings
    return ParsedTable(sheet=SHEET, header_row=0, columns={code: code for code in columns}, problems=problems, data=data, row_numbers=numbers, late_from=len(problems), unlisted=unlisted)
