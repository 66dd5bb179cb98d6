"""Writing rows in a form's layout, as CSV or XLSX — the same files the intake reads back.

Exports are what a regulator downloads and what a company's system can produce; every text cell is
neutralised against formula injection. Money is written in the accountant's style in CSV
(``1 234 567,89``) and as numbers with a money format in XLSX; dates as ``dd.mm.yyyy`` / Excel dates.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import xlsxwriter

from niokr.intake.formats import ColumnType, form_for
from niokr.core.safety import neutralise

__all__ = ["export_rows", "format_money_ru"]


def format_money_ru(amount: Decimal) -> str:
    """``1234567.8`` → ``1 234 567,80`` (non-breaking-free plain spaces, comma decimals)."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",")


def _csv_value(column, value) -> str:
    if value is None:
        return ""
    if column.type is ColumnType.MONEY:
        return format_money_ru(value)
    if column.type is ColumnType.DATE:
        return f"{value:%d.%m.%Y}"
    return str(neutralise(value))


def export_rows(kind: str, rows: list[dict], *, fmt: str = "csv", language: str = "ru") -> bytes:
    """Rows keyed by column code, written in the form's layout with headers in ``language``."""
    form = form_for(kind)
    headers = [getattr(c, language) for c in form.columns]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_value(c, row.get(c.code)) for c in form.columns])
        return buf.getvalue().encode("utf-8-sig")
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt!r} (csv or xlsx)")
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Data")
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    text = book.add_format({"num_format": "@"})
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, headers, bold)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(form.columns):
            value = row.get(column.code)
            if value is None:
                continue
            if column.type is ColumnType.MONEY:
                sheet.write_number(r, c, float(value), money)
            elif column.type is ColumnType.DATE and isinstance(value, date):
                sheet.write_datetime(r, c, value, day)
            elif column.type is ColumnType.YEAR:
                sheet.write_number(r, c, int(value))
            else:
                sheet.write_string(r, c, str(neutralise(value)), text)
    book.close()
    return out.getvalue()
