"""The error report of a submission: an XLSX listing the problems and showing them on the data.

Sheet "Problems": one row per problem (severity, sheet, cell, the column's header as the file writes
it, the value as typed, the message in the user's language, and the problem's code last). Sheet "Data" (CSV and XLSX submissions only): the submitted rows from the
header row down, every cell at its original row and column so the references of "Problems" point at
it, offending cells filled red (errors) or yellow (warnings) with the message as a cell comment.

Every value written passes through :func:`niokr.core.safety.neutralise`. The workbook is written
in xlsxwriter's ``constant_memory`` mode, row by row while the submission is read: memory stays
bounded by the number of problems, not the size of the file.
"""

from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from datetime import date, datetime, time

import xlsxwriter

from niokr.intake.formats import form_for
from niokr.intake.messages import render, typed_value
from niokr.intake.parsing import read_table
from niokr.intake.parsing.jsondoc import looks_like_json
from niokr.intake.parsing.model import column_index
from niokr.core.safety import neutralise

__all__ = ["error_report_xlsx", "PROBLEMS_SHEET", "DATA_SHEET"]

PROBLEMS_SHEET = "Problems"
DATA_SHEET = "Data"
PROBLEM_HEADERS = {
    "en": ("Severity", "Sheet", "Cell", "Column", "Value", "Message", "Code"),
    "ru": ("Уровень", "Лист", "Ячейка", "Столбец", "Значение", "Сообщение", "Код"),
    "kk": ("Деңгейі", "Парақ", "Ұяшық", "Баған", "Мән", "Хабар", "Код"),
}
SEVERITY_LABELS = {
    "en": {"error": "error", "warning": "warning"},
    "ru": {"error": "ошибка", "warning": "предупреждение"},
    "kk": {"error": "қате", "warning": "ескерту"},
}
ERROR_FILL = "#FFC7CE"
WARNING_FILL = "#FFEB9C"
_MAX_COMMENT = 30_000
_MAX_ROW = 1_048_576
_MAX_COL = 16_384


def error_report_xlsx(*, data: bytes, kind: str, problems: list[dict], language: str = "ru") -> bytes:
    """The error report of the submitted ``data`` of ``kind`` with its ``problems`` (``services.problem_dict`` s)."""
    language = language if language in PROBLEM_HEADERS else "en"
    form = form_for(kind)
    codes = {column.code for column in form.columns}
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True},
    )
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    datetime_format = workbook.add_format({"num_format": "dd.mm.yyyy hh:mm:ss"})
    problems_sheet = workbook.add_worksheet(PROBLEMS_SHEET)
    table = None
    if not looks_like_json(data):
        table = read_table(data, kind=kind)
        if not table.columns:
            table = None
    letters_to_codes = {letter: code for code, letter in table.columns.items()} if table is not None else {}
    table_sheet = table.sheet if table is not None else None

    # --- Problems --------------------------------------------------------------------------------
    problems_sheet.set_column(0, 0, 14)
    problems_sheet.set_column(1, 2, 10)
    problems_sheet.set_column(3, 4, 24)
    problems_sheet.set_column(5, 5, 90)
    problems_sheet.set_column(6, 6, 24)
    for col, header in enumerate(PROBLEM_HEADERS[language]):
        problems_sheet.write_string(0, col, header, bold)
    messages: list[str] = []
    for number, problem in enumerate(problems, start=1):
        params = problem.get("params") or {}
        code = str(problem.get("code") or "")
        message = render(code, params, language, kind=kind, value=problem.get("value"))
        messages.append(message)
        severity = str(problem.get("severity") or "")
        column = problem.get("column")
        row = problem.get("row")
        cell = f"{column}{row}" if column and row else (str(row) if row else "")
        column_code = _column_code(problem, codes, letters_to_codes if problem.get("sheet") == table_sheet else {})
        header = params.get("header") or (table.headers.get(column_code) if table is not None and column_code else None) or (_header_text(form, column_code, language) if column_code else "")
        values = (SEVERITY_LABELS[language].get(severity, severity), problem.get("sheet") or "", cell, header, typed_value(problem.get("value"), params, language), message, code)
        for col, value in enumerate(values):
            if _plain_number(value):
                problems_sheet.write_string(number, col, value)
            else:
                _write(problems_sheet, number, col, neutralise(value), None, date_format, datetime_format)

    # --- Data ------------------------------------------------------------------------------------
    if table is not None:
        data_sheet = workbook.add_worksheet(DATA_SHEET)
        formats = {
            "error": workbook.add_format({"bg_color": ERROR_FILL, "pattern": 1}),
            "warning": workbook.add_format({"bg_color": WARNING_FILL, "pattern": 1}),
        }
        dated = {
            (severity, kind_): workbook.add_format({"bg_color": fill, "pattern": 1, "num_format": fmt})
            for severity, fill in (("error", ERROR_FILL), ("warning", WARNING_FILL))
            for kind_, fmt in (("date", "dd.mm.yyyy"), ("datetime", "dd.mm.yyyy hh:mm:ss"))
        }
        marks = _marks(problems, messages, table.sheet)
        header = {column_index(letter): table.headers.get(code) or _header_text(form, code, language) for code, letter in table.columns.items()}
        writer = _DataWriter(data_sheet, marks, formats, dated, date_format, datetime_format)
        writer.row(table.header_row, header)
        for cells in table.rows:
            first = next(iter(cells.values()), None)
            if first is None:
                continue
            writer.row(first.row, {column_index(cell.column): cell.raw for cell in cells.values()})
        writer.finish()
    workbook.close()
    return output.getvalue()


_NUMBER_TEXT = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def _plain_number(value: object) -> bool:
    """A value quoted as typed that is a plain number (``-100,5``): written as the text it is, with
    no apostrophe (a text cell is never a formula; only text like ``=A1`` needs the guard)."""
    return isinstance(value, str) and _NUMBER_TEXT.fullmatch(value) is not None


def _column_code(problem: dict, codes: set[str], letters_to_codes: dict[str, str]) -> str:
    params = problem.get("params") or {}
    if params.get("column") in codes:
        return params["column"]
    if problem.get("column") in codes:
        return problem["column"]
    if problem.get("column") in letters_to_codes:
        return letters_to_codes[problem["column"]]
    if params.get("code") in codes:
        return params["code"]
    return ""


def _header_text(form, code: str, language: str) -> str:
    column = form.column(code)
    return getattr(column, language, None) or column.en


def _marks(problems: list[dict], messages: list[str], sheet: str) -> dict[int, dict[int, tuple[str, list[str]]]]:
    """Row → column index → (worst severity, messages) of the problems located on the data sheet."""
    marks: dict[int, dict[int, tuple[str, list[str]]]] = defaultdict(dict)
    for problem, message in zip(problems, messages):
        if (problem.get("sheet") or "") != sheet:
            continue
        row, column = problem.get("row"), problem.get("column")
        if not isinstance(row, int) or not column or not isinstance(column, str) or not column.isalpha() or not column.isupper():
            continue
        col = column_index(column)
        if not (1 <= row <= _MAX_ROW and 0 <= col < _MAX_COL):
            continue
        severity, texts = marks[row].get(col, ("warning", []))
        if problem.get("severity") == "error":
            severity = "error"
        texts.append(message)
        marks[row][col] = (severity, texts)
    return marks


class _DataWriter:
    """Writes rows in ascending order, also the rows only a problem points at, marks included."""

    def __init__(self, sheet, marks, formats, dated, date_format, datetime_format):
        self.sheet = sheet
        self.marks = marks
        self.pending = sorted(marks)
        self.formats = formats
        self.dated = dated
        self.date_format = date_format
        self.datetime_format = datetime_format
        self.last = 0

    def row(self, number: int, values: dict[int, object]) -> None:
        if number <= self.last:
            return  # constant_memory: rows go down only
        while self.pending and self.pending[0] < number:
            self._emit(self.pending.pop(0), {})
        if self.pending and self.pending[0] == number:
            self.pending.pop(0)
        self._emit(number, values)

    def finish(self) -> None:
        while self.pending:
            self._emit(self.pending.pop(0), {})

    def _emit(self, number: int, values: dict[int, object]) -> None:
        if number <= self.last or number > _MAX_ROW:
            return
        self.last = number
        row_marks = self.marks.get(number, {})
        for col in sorted(set(values) | set(row_marks)):
            value = neutralise(values.get(col))
            mark = row_marks.get(col)
            cell_format = None
            if mark is not None:
                severity = mark[0]
                cell_format = self.formats[severity]
                if isinstance(value, datetime):
                    cell_format = self.dated[(severity, "datetime")]
                elif isinstance(value, date):
                    cell_format = self.dated[(severity, "date")]
            _write(self.sheet, number - 1, col, value, cell_format, self.date_format, self.datetime_format)
            if mark is not None:
                comment = "\n".join(mark[1])[:_MAX_COMMENT]
                self.sheet.write_comment(number - 1, col, comment, {"x_scale": 2, "y_scale": 2})


def _write(sheet, row: int, col: int, value: object, cell_format, date_format, datetime_format) -> None:
    """Write ``value`` with its own type (never as a formula: strings are written as strings)."""
    try:
        if value is None or value == "":
            if cell_format is not None:
                sheet.write_blank(row, col, None, cell_format)
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value, cell_format)
        elif isinstance(value, (int, float)):
            if isinstance(value, int) and abs(value) >= 10**15:
                sheet.write_string(row, col, str(value), cell_format)
            elif isinstance(value, float) and not math.isfinite(value):
                sheet.write_string(row, col, repr(value), cell_format)
            else:
                sheet.write_number(row, col, value, cell_format)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, col, value.replace(tzinfo=None), cell_format or datetime_format)
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, cell_format or date_format)
        elif isinstance(value, time):
            sheet.write_string(row, col, value.isoformat(), cell_format)
        else:
            sheet.write_string(row, col, neutralise(str(value)), cell_format)
    except Exception:  # noqa: BLE001 - a value the writer refuses is shown as text
        sheet.write_string(row, col, neutralise(str(value))[:32_000], cell_format)
