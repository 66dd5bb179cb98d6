"""Exports of any table to XLSX and CSV, safe against formula injection, complete or refused, never cut.

A table is a list of column headers and rows of plain values (text, numbers, ``Decimal``, dates).
Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a
leading apostrophe (:func:`niokr.core.safety.neutralise`); numbers and dates stay typed.

An export is read by programs as much as by people, so its numbers are numbers, not page text:

* **Money** (a ``Decimal``) has exactly two decimals and a decimal point in CSV (``8447675859.98``,
  never ``8447675859,98000`` or ``8 447 675 859,98 ₸``), and is a numeric XLSX cell with the number
  format ``#,##0.00``. A ``Decimal`` with more significant decimals (a regime's rate ``0.0025``)
  keeps them.
* **Dates** are ISO in CSV (``2026-02-23``), date-times ISO in the installation's time zone with
  its offset (``2026-12-07T10:40:00+05:00``); in XLSX they are date cells shown dd.mm.yyyy
  (date-times dd.mm.yyyy hh:mm, local time).
* Whole numbers are written as they are; yes/no as ``1``/``0`` (CSV) or a boolean cell (XLSX).

* **CSV** is streamed (:func:`csv_chunks`): rows are written as they are read, in batches, so an
  export of every national payment (1.5 M rows) holds every row in constant memory.
* **XLSX** is written row by row to a temporary file (xlsxwriter's ``constant_memory``) and holds
  at most ``NIOKR_EXPORT_XLSX_MAX_ROWS`` rows (200,000 by default: a workbook beyond that is too
  large for a spreadsheet to open comfortably, and Excel stops at 1,048,576 rows). Where the rows
  are more, the download is refused with a page that says so in the user's language and offers
  the complete CSV instead: an export never stops silently.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import islice

import xlsxwriter
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from niokr.core.money import TIYN, quantize_money
from niokr.core.safety import neutralise

__all__ = [
    "table_to_xlsx",
    "table_to_csv",
    "csv_chunks",
    "write_xlsx",
    "xlsx_max_rows",
    "TooManyRows",
    "export_response",
    "StreamedDownload",
    "EXPORT_FORMATS",
    "DEFAULT_XLSX_MAX_ROWS",
    "MONEY_XLSX_FORMAT",
    "money_csv",
]

EXPORT_FORMATS = ("xlsx", "csv")
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: ``NIOKR_EXPORT_XLSX_MAX_ROWS`` when it is not set.
DEFAULT_XLSX_MAX_ROWS = 200_000
#: The number format of money cells in XLSX: grouped, exactly two decimals.
MONEY_XLSX_FORMAT = "#,##0.00"
#: CSV rows written to the response at a time.
CSV_BATCH = 1000


def xlsx_max_rows() -> int:
    """The most data rows an XLSX export holds (``NIOKR_EXPORT_XLSX_MAX_ROWS``)."""
    return max(1, int(getattr(settings, "NIOKR_EXPORT_XLSX_MAX_ROWS", DEFAULT_XLSX_MAX_ROWS)))


class TooManyRows(Exception):
    """The rows of an XLSX export are more than :func:`xlsx_max_rows`."""

    def __init__(self, limit: int):
        super().__init__(f"more than {limit} rows")
        self.limit = limit


def write_xlsx(target, headers: Sequence[str], rows: Iterable[Sequence[object]], *, title: str = "Data", max_rows: int | None = None) -> int:
    """Write an XLSX workbook of one sheet to ``target`` (a path or a binary file); the rows written.

    Bold frozen headers, money as numbers shown ``#,##0.00``, dates as dd.mm.yyyy. Rows are written in order and
    flushed as they go (``constant_memory``). More rows than ``max_rows`` raise :class:`TooManyRows`
    before the workbook is finished.
    """
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet(title[:31] or "Data")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    money = book.add_format({"num_format": MONEY_XLSX_FORMAT})
    exact = book.add_format({"num_format": "0.00########"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    moment = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    sheet.set_column(0, max(len(headers) - 1, 0), 18)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, [neutralise(str(h)) for h in headers], bold)
    written = 0
    try:
        for r, row in enumerate(rows, start=1):
            if max_rows is not None and r > max_rows:
                raise TooManyRows(max_rows)
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, Decimal):
                    sheet.write_number(r, c, float(value), money if _is_money(value) else exact)
                elif isinstance(value, (int, float)):
                    sheet.write_number(r, c, value)
                elif isinstance(value, datetime):
                    sheet.write_datetime(r, c, _local(value).replace(tzinfo=None), moment)
                elif isinstance(value, date):
                    sheet.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
                else:
                    sheet.write_string(r, c, neutralise(str(value)))
            written = r
    finally:
        book.close()
    return written


def table_to_xlsx(headers: Sequence[str], rows: Iterable[Sequence[object]], *, title: str = "Data", max_rows: int | None = None) -> bytes:
    """The XLSX workbook of :func:`write_xlsx` as bytes (for small tables: a report's sheet, a test)."""
    out = io.BytesIO()
    write_xlsx(out, headers, rows, title=title, max_rows=max_rows)
    return out.getvalue()


def csv_chunks(headers: Sequence[str], rows: Iterable[Sequence[object]], *, batch: int = CSV_BATCH) -> Iterator[bytes]:
    """CSV for programs and spreadsheets (UTF-8 with BOM, ``;``, decimal point, ISO dates), in pieces.

    Every row is written: the pieces are produced as the rows are read, ``batch`` rows at a time.
    """
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    yield text.getvalue().encode("utf-8-sig")
    rows = iter(rows)
    while True:
        text.seek(0)
        text.truncate()
        writer.writerows([_csv_cell(v) for v in row] for row in islice(rows, batch))
        piece = text.getvalue()
        if not piece:
            return
        yield piece.encode("utf-8")


def table_to_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole CSV of :func:`csv_chunks` as bytes (for small tables and tests)."""
    return b"".join(csv_chunks(headers, rows))


def _csv_cell(value: object) -> str:
    if type(value) is str:  # most cells: checked first
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return money_csv(value)
    if isinstance(value, datetime):
        return _local(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise(str(value))


def _is_money(value: Decimal) -> bool:
    """Whether ``value`` has no more than two significant decimals (money, or a rate like ``0.01``)."""
    return not value.is_finite() or value == value.quantize(TIYN)


def money_csv(value: Decimal) -> str:
    """A ``Decimal`` as CSV writes it: two decimals and a point (``1234.50``), more only where they are significant."""
    if not value.is_finite():
        return ""
    if _is_money(value):
        return f"{quantize_money(value):.2f}"
    return format(value.normalize(), "f")


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


class StreamedDownload(StreamingHttpResponse):
    """A download sent as it is written; ``content`` reads the whole of it at once (a test, a small table).

    Served, the response streams (``streaming_content``) and holds one batch of rows at a time.
    """

    @property
    def content(self) -> bytes:
        if not hasattr(self, "_whole"):
            self._whole = b"".join(self.streaming_content)
        return self._whole


def export_response(fmt: str, *, filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]], request=None, total: int | None = None) -> HttpResponse:
    """A download of the table in ``fmt`` (``xlsx`` or ``csv``), with every row.

    The CSV streams. An XLSX of more rows than :func:`xlsx_max_rows` (``total`` when the caller
    knows the count, else found while writing) is not sent cut: the answer is a page saying so
    that links to the CSV of the same rows (the request's own URL with ``export=csv``).
    """
    disposition = content_disposition_header(True, f"{filename}.{fmt}")  # RFC 6266: a right's number may be Cyrillic
    if fmt != "xlsx":
        response = StreamedDownload(csv_chunks(headers, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = disposition
        return response
    limit = xlsx_max_rows()
    if total is not None and total > limit:
        return _too_many_rows(request, limit, total)
    workbook = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        write_xlsx(workbook, headers, rows, title=filename, max_rows=limit)
    except TooManyRows:
        workbook.close()
        return _too_many_rows(request, limit, total)
    except BaseException:
        workbook.close()
        raise
    with workbook:
        workbook.seek(0)
        response = HttpResponse(workbook.read(), content_type=_XLSX)  # at most the row limit: a bounded file
    response["Content-Disposition"] = disposition
    return response


def _too_many_rows(request, limit: int, total: int | None) -> HttpResponse:
    """The page that says an XLSX would be cut at ``limit`` rows and offers the complete CSV."""
    csv_url = None
    if request is not None:
        query = request.GET.copy()
        query["export"] = "csv"
        csv_url = f"{request.path}?{query.urlencode()}"
    content = render_to_string("core/export_too_large.html", {"limit": limit, "total": total, "csv_url": csv_url}, request=request)
    return HttpResponse(content, status=200)
