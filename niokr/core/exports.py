"""Exports of any table to XLSX and CSV, safe against formula injection.

A table is a list of column headers and rows of plain values (text, numbers, ``Decimal``, dates).
Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a
leading apostrophe (:func:`niokr.core.safety.neutralise`); numbers and dates stay typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse

from niokr.core.safety import neutralise

__all__ = ["table_to_xlsx", "table_to_csv", "export_response", "EXPORT_FORMATS"]

EXPORT_FORMATS = ("xlsx", "csv")
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_to_xlsx(headers: Sequence[str], rows: Iterable[Sequence[object]], *, title: str = "Data") -> bytes:
    """An XLSX workbook with one sheet: bold frozen headers, money as ``#,##0.00``, dates as dd.mm.yyyy."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet(title[:31] or "Data")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, [neutralise(str(h)) for h in headers], bold)
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, Decimal):
                sheet.write_number(r, c, float(value), money)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            elif isinstance(value, datetime):
                sheet.write_string(r, c, value.isoformat(sep=" ", timespec="seconds"))
            elif isinstance(value, date):
                sheet.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
            else:
                sheet.write_string(r, c, neutralise(str(value)))
    sheet.set_column(0, max(len(headers) - 1, 0), 18)
    book.close()
    return out.getvalue()


def table_to_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV as Excel in Kazakhstan opens it: UTF-8 with BOM, ``;``, decimal comma, dd.mm.yyyy."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return text.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise(str(value))


def export_response(fmt: str, *, filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> HttpResponse:
    """A download of the table in ``fmt`` (``xlsx`` or ``csv``)."""
    if fmt == "xlsx":
        response = HttpResponse(table_to_xlsx(headers, rows), content_type=_XLSX)
    else:
        response = HttpResponse(table_to_csv(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
