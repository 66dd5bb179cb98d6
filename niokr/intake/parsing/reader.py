"""``read_table``: detect the format, check it is safe, find the header, stream the data rows."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from niokr.intake.formats import Form, form_for

from collections import deque

from . import csvtext, jsondoc, xlsx
from .totals import TRAILING_ROWS, trailing_totals
from .headers import HEADER_SCAN_ROWS, HeaderMatch, HeaderMatcher
from .model import ERROR, WARNING, ParsedTable, Problem, column_letter, show

__all__ = ["read_table", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_COLUMNS"]

DEFAULT_MAX_BYTES = 60_000_000
DEFAULT_MAX_ROWS = 2_000_000
#: The data sheet's name in the XLSX templates (``templates_xlsx.DATA_SHEET``): preferred among sheets.
TEMPLATE_SHEET = "Data"
DEFAULT_MAX_COLUMNS = 256  # what Excel 2003 had: far more than any form and its notes
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx


def read_table(
    source: bytes | str | Path,
    *,
    kind: str | Form,
    filename: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
) -> ParsedTable:
    """Read a submission file of ``kind`` (XLSX, CSV or JSON, told apart by content) into a :class:`ParsedTable`.

    Args:
        source: the file content (``bytes``) or its path (``str`` or ``Path``; a ``str`` is always a path).
        kind: a :class:`~niokr.intake.formats.Kind` value, or a :class:`~niokr.intake.formats.Form`
            of another part (the council's vote import); an unknown kind raises ``KeyError`` (a
            programming error, not a user's).
        filename: the name the user gave the file, quoted in problems; never used to pick the format.
        max_bytes: larger files are refused with ``file_too_large`` before any parsing.
        max_rows: reading stops with ``too_many_rows`` after this many data rows.
        max_columns: a workbook sheet with a filled cell beyond this column is not loaded
            (``xlsx_cell_out_of_bounds``); nor is one whose area from A1 to its last cell is far
            larger than the cells it holds (``xlsx_sparse``): see :func:`xlsx.sheet_extent`.

    Returns:
        Always a table: problems are reported as coded :class:`Problem` s, never raised. ``rows`` is
        lazy; problems found while reading rows are appended to ``problems`` then.
    """
    form = kind if isinstance(kind, Form) else form_for(kind)
    matcher = HeaderMatcher(form)
    problems: list[Problem] = []
    try:
        data = _load(source, max_bytes, problems, filename)
        if data is None:
            return _empty(problems)
        if jsondoc.looks_like_json(data):
            return jsondoc.read_json(data, form, max_rows=max_rows)
        if data.startswith(_ZIP_MAGIC):
            return _read_xlsx(data, matcher, max_rows, max_columns, problems)
        if data.startswith(_OLE_MAGIC):
            problems.append(Problem(ERROR, "xlsx_unreadable", params={"reason": "a legacy .xls or an encrypted workbook: save it as .xlsx without a password", "filename": filename}))
            return _empty(problems)
        # The CSV reader takes the only reference to the bytes, so that it can let them go once it
        # has a re-encoded copy (a large cp1251 file is then not held twice).
        box, data = [data], None
        return _read_csv(box, matcher, max_rows, problems)
    except Exception as exc:  # noqa: BLE001 - the contract: coded problems, never an exception
        problems.append(_unreadable(exc))
        return _empty(problems)


def _unreadable(exc: BaseException, **where: object) -> Problem:
    return Problem(ERROR, "file_unreadable", params={"reason": f"{type(exc).__name__}: {exc}"[:300]}, **where)


def _empty(problems: list[Problem], sheet: str = "") -> ParsedTable:
    return ParsedTable(sheet=sheet, header_row=0, columns={}, problems=problems)


def _load(source: bytes | str | Path, max_bytes: int, problems: list[Problem], filename: str) -> bytes | None:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            problems.append(Problem(ERROR, "file_too_large", params={"size": len(data), "limit": max_bytes, "filename": filename}))
            return None
    else:
        path = Path(os.fspath(source))
        try:
            size = path.stat().st_size
            if size > max_bytes:
                problems.append(Problem(ERROR, "file_too_large", params={"size": size, "limit": max_bytes, "filename": filename or path.name}))
                return None
            with path.open("rb") as stream:
                data = stream.read(max_bytes + 1)
        except OSError as exc:
            problems.append(_unreadable(exc))
            return None
        if len(data) > max_bytes:  # grew since stat, or a device
            problems.append(Problem(ERROR, "file_too_large", params={"size": len(data), "limit": max_bytes, "filename": filename or path.name}))
            return None
    if not data.strip():
        problems.append(Problem(ERROR, "file_empty", params={"filename": filename}))
        return None
    return data


def _find_header(records: Iterable[Sequence[object]], matcher: HeaderMatcher) -> tuple[int, HeaderMatch] | None:
    """(1-based row, match) of the first of the first 30 rows that is a header."""
    for number, cells in enumerate(records, start=1):
        if number > HEADER_SCAN_ROWS:
            break
        match = matcher.match(cells)
        if matcher.is_header(match):
            return number, match
    return None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(
    records: Iterable[Sequence[object]],
    *,
    header_row: int,
    columns: dict[str, int],
    sheet: str,
    max_rows: int,
    problems: list[Problem],
    matcher: HeaderMatcher | None = None,
) -> tuple[list[int], dict[str, list[object]]]:
    """The data rows after the header as columns: (row numbers, raw values by column code).

    Blank rows are skipped; reading stops at ``max_rows`` or a read error (both reported). Rows
    right under the header whose every filled cell is a header of its own column (the other
    languages' header rows of the trilingual template) are header rows too, not data.
    """
    numbers: list[int] = []
    data: dict[str, list[object]] = {code: [] for code in columns}
    slots = [(data[code].append, index) for code, index in columns.items()]
    recent: deque[Sequence[object]] = deque(maxlen=TRAILING_ROWS)  # whole rows at the bottom: a totals row?
    number = 0
    in_header_block = matcher is not None
    try:
        for number, cells in enumerate(records, start=1):
            if number <= header_row:
                continue
            width = len(cells)
            values = [cells[index] if index < width else None for _append, index in slots]
            if all(v is None or v == "" or (type(v) is str and not v.strip()) for v in values):
                continue
            if in_header_block:
                if all(_blank(v) or code in matcher.codes_for(v) for code, v in zip(columns, values)):
                    continue
                in_header_block = False
            if len(numbers) >= max_rows:
                problems.append(Problem(ERROR, "too_many_rows", sheet, number, params={"limit": max_rows}))
                break
            numbers.append(number)
            recent.append(cells)
            for (append, _index), value in zip(slots, values):
                append(None if value == "" else value)
    except Exception as exc:  # noqa: BLE001 - a bad record further down is a problem, not a crash
        problems.append(_unreadable(exc, sheet=sheet, row=number + 1))
    for _ in range(trailing_totals(list(zip(numbers[-len(recent):] if recent else [], recent)), sheet, problems)):
        numbers.pop()
        for values in data.values():
            values.pop()
    return numbers, data


def _text_columns(data: dict[str, list[object]]) -> dict[str, Sequence[object]]:
    """Columns whose every value is text (or empty) become polars string series: the validator
    checks those column-wise; a column mixing types (a spreadsheet's numbers and dates) stays a list."""
    import polars as pl

    out: dict[str, Sequence[object]] = {}
    for code, values in data.items():
        if all(v is None or type(v) is str for v in values):
            out[code] = pl.Series(code, values, dtype=pl.String)
        else:
            out[code] = values
    return out


# --- CSV --------------------------------------------------------------------------------------------


def _read_csv(box: list[bytes], matcher: HeaderMatcher, max_rows: int, problems: list[Problem]) -> ParsedTable:
    encoding = csvtext.detect_encoding(box[0])
    if encoding is None:
        problems.append(Problem(ERROR, "encoding_unreadable", params={"tried": ["utf-8", "utf-16", "utf-32", "cp1251"]}))
        return _empty(problems)
    head = csvtext.head_text(box[0], encoding)

    def score(records: list[list[str]]) -> int:
        return max((len(matcher.match(r).columns) for r in records), default=0)

    delimiter = csvtext.choose_delimiter(head, score)
    head_records = csvtext.head_records(head, delimiter)
    found = _find_header(head_records, matcher)
    if found is None:
        problems.append(_header_not_found(matcher, sheets=[""]))
        return _empty(problems)
    header_row, match = found
    problems.extend(matcher.problems(match, sheet="", row=header_row))
    columns = dict(match.columns)
    late_from = len(problems)
    tail = csvtext.tail_lines(box[0], encoding, delimiter)
    fast = csvtext.fast_columns(box, encoding, delimiter, header_row=header_row, head=head, width=len(head_records[header_row - 1]), indexes=columns)
    if fast is not None:
        numbers, series = _finish_fast(fast, header_row=header_row, matcher=matcher, max_rows=max_rows, problems=problems, tail=tail)
    else:
        numbers, values = _collect(
            csvtext.iter_records(box[0], encoding, delimiter), header_row=header_row, columns=columns, sheet="", matcher=matcher,
            max_rows=max_rows, problems=problems,
        )
        series = _text_columns(values)
    return ParsedTable(sheet="", header_row=header_row, columns=_letters(match, 0), problems=problems, data=series, row_numbers=numbers, late_from=late_from,
                       headers=_headers(match, head_records[header_row - 1]))


def _finish_fast(frame, *, header_row: int, matcher: HeaderMatcher, max_rows: int, problems: list[Problem], tail: dict[int, list[str]]):
    """Blank rows out, template header rows out, the row limit applied, a totals row at the bottom
    out: as :func:`_collect` does (``tail`` holds the whole last lines of the file, by number)."""
    import polars as pl

    from .values import BLANK_PATTERN

    codes = list(frame.columns)
    frame = frame.with_columns(pl.int_range(header_row + 1, header_row + 1 + frame.height, dtype=pl.Int64).alias("_row"))
    blank = frame.select(pl.all_horizontal([pl.col(c).is_null() | pl.col(c).str.contains(BLANK_PATTERN) for c in codes]) if codes else pl.lit(True)).to_series()
    if blank.any():  # a filter copies every column: only when there is something to leave out
        frame = frame.filter(blank.not_())
    skip = 0
    for row in frame.head(HEADER_SCAN_ROWS).select(codes).iter_rows():
        if all(_blank(v) or code in matcher.codes_for(v) for code, v in zip(codes, row)):
            skip += 1
        else:
            break
    if skip:
        frame = frame.slice(skip)
    if frame.height > max_rows:
        problems.append(Problem(ERROR, "too_many_rows", "", int(frame["_row"][max_rows]), params={"limit": max_rows}))
        frame = frame.head(max_rows)
    else:
        last = frame.tail(TRAILING_ROWS)
        rows = [(n, tail.get(n, list(values))) for n, *values in last.select("_row", *codes).iter_rows()]
        skipped = trailing_totals(rows, "", problems)
        if skipped:
            frame = frame.head(frame.height - skipped)
    return frame["_row"], {c: frame[c] for c in codes}


def _headers(match: HeaderMatch, cells: Sequence[object]) -> dict[str, str]:
    """Each matched column's header as the file writes it (spaces and line breaks made single)."""
    out = {}
    for code, index in match.columns.items():
        value = cells[index] if index < len(cells) else None
        text = " ".join(show(value).split()) if value is not None else ""
        if text:
            out[code] = text
    return out


def _letters(match: HeaderMatch, offset: int) -> dict[str, str]:
    return {code: column_letter(index + offset) for code, index in match.columns.items()}


def _header_not_found(matcher: HeaderMatcher, sheets: list[str]) -> Problem:
    return Problem(
        ERROR, "header_not_found",
        params={"kind": matcher.form.kind.value, "rows_scanned": HEADER_SCAN_ROWS, "needed": matcher.threshold, "sheets": sheets,
                "required": [c.code for c in matcher.form.columns if c.required]},
    )


# --- XLSX -------------------------------------------------------------------------------------------


def _sheet_records(sheet) -> list[list[object]]:
    """Every row of a calamine sheet from cell A1 (empty rows and columns above and left included),
    so that list positions are sheet rows and columns."""
    return sheet.to_python(skip_empty_area=False)


def _read_xlsx(data: bytes, matcher: HeaderMatcher, max_rows: int, max_columns: int, problems: list[Problem]) -> ParsedTable:
    from python_calamine import CalamineWorkbook

    try:
        archive = xlsx.check_zip(data)
        paths = xlsx.sheet_paths(archive)
    except xlsx.XlsxRejected as rejected:
        problems.append(rejected.problem)
        return _empty(problems)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types and plain ones
        problems.append(Problem(ERROR, "xlsx_unreadable", params={"reason": f"{type(exc).__name__}: {exc}"[:300]}))
        return _empty(problems)
    refused: list[Problem] = []
    best = None  # (rank, name, records, header row, match) of the sheet to read
    candidates = 0  # sheets with a header of the form
    for name in names:
        # The sheet's real extent first: calamine allocates the whole rectangle up to the last
        # filled cell, so a lone cell at XFD1048576 would ask for hundreds of gigabytes.
        try:
            if name not in paths:
                raise xlsx.XlsxRejected(Problem(ERROR, "xlsx_unreadable", sheet=name, params={"reason": f"sheet {name!r} has no worksheet part"}))
            extent = xlsx.sheet_extent(archive, paths[name], max_columns=max_columns)
        except xlsx.XlsxRejected as rejected:
            refused.append(rejected.problem)
            continue
        refusal = xlsx.extent_problem(extent, name, max_rows=max_rows, max_columns=max_columns, header_rows=HEADER_SCAN_ROWS)
        if refusal is not None:
            refused.append(refusal)
            continue
        try:
            records = _sheet_records(workbook.get_sheet_by_name(name))
            found = _find_header(records, matcher)
        except Exception as exc:  # noqa: BLE001
            refused.append(Problem(ERROR, "xlsx_unreadable", sheet=name, params={"reason": f"{type(exc).__name__}: {exc}"[:300]}))
            continue
        if found is None:
            continue
        header_row, match = found
        candidates += 1
        # The form's sheet holds every required column; among several, the template's sheet name
        # wins, then the first. Another register with some of the form's headers loses to it.
        rank = (match.required_found(matcher.required), name.strip().casefold() == TEMPLATE_SHEET.casefold())
        if best is None or rank > best[0]:
            best = (rank, name, records, header_row, match)
        del records
        if rank == (len(matcher.required), True):
            break
    if best is None:
        problems.extend(refused or [_header_not_found(matcher, sheets=names)])
        workbook.close()
        return _empty(problems)
    _rank, name, records, header_row, match = best
    best = None
    problems.extend(matcher.problems(match, sheet=name, row=header_row))
    if candidates > 1 or name != names[0]:  # say which sheet was read when it was not the obvious one
        problems.append(Problem(WARNING, "sheet_chosen", name, header_row, params={"sheet": name, "sheets": len(names)}))
    try:
        problems.extend(xlsx.scan_formulas(archive, paths.get(name, ""), name))
    except xlsx.XlsxRejected as rejected:
        problems.append(rejected.problem)
        workbook.close()
        return _empty(problems, sheet=name)
    late_from = len(problems)
    headers = _headers(match, records[header_row - 1])
    numbers, values = _collect(records, header_row=header_row, columns=dict(match.columns), sheet=name, matcher=matcher, max_rows=max_rows, problems=problems)
    del records
    workbook.close()
    return ParsedTable(sheet=name, header_row=header_row, columns=_letters(match, 0), problems=problems, data=_text_columns(values), row_numbers=numbers, late_from=late_from, headers=headers)
