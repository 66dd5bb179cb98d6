"""Exports keep money as numbers with two decimals and dates as ISO (CSV) or date cells (XLSX).

An export is read by programs: ``8447675859.98``, never ``8447675859,98000`` or ``8 447 675 859,98 ₸``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from niokr.core.exports import MONEY_XLSX_FORMAT, table_to_csv, table_to_xlsx

URL = "/obligations/dashboard/"
MONEY_CELL = re.compile(r"-?\d+\.\d{2}")


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_writes_money_with_two_decimals_and_a_point_and_dates_as_iso():
    rows = _csv_rows(table_to_csv(
        ["sum", "rate", "fine rate", "zero", "day", "moment", "count"],
        [[Decimal("8447675859.98000"), Decimal("0.010000"), Decimal("0.0025"), Decimal("-0"), date(2026, 2, 23), datetime(2026, 12, 7, 5, 40, tzinfo=UTC), 7]],
    ))
    assert rows[1] == ["8447675859.98", "0.01", "0.0025", "0.00", "2026-02-23", "2026-12-07T10:40:00+05:00", "7"]


def test_xlsx_writes_money_as_numeric_cells_with_a_two_decimal_format():
    data = table_to_xlsx(["sum", "day", "moment"], [[Decimal("8447675859.98000"), date(2026, 2, 23), datetime(2026, 12, 7, 5, 40, tzinfo=UTC)]])
    row = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()[1]
    assert row[0] == pytest.approx(8447675859.98) and isinstance(row[0], float)
    assert row[1] == date(2026, 2, 23) and row[2] == datetime(2026, 12, 7, 10, 40)  # local time, Asia/Almaty
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        styles = book.read("xl/styles.xml").decode()
    assert f'formatCode="{MONEY_XLSX_FORMAT}"' in styles and MONEY_XLSX_FORMAT.endswith("0.00")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_dashboard_csv_keeps_every_amount_a_two_decimal_number_in_every_language(country, personas, language):
    client = personas.client("auditor", country.chamber, language=language)
    rows = _csv_rows(client.get(f"{URL}?export=csv&table=by_year").content)
    header, body = rows[0], rows[1:]
    money_columns = [i for i, title in enumerate(header) if "₸" in title]
    assert money_columns and body
    cells = [(header[i], row[i]) for row in body for i in money_columns if row[i] != ""]  # empty: not applicable (a year still open has no arrears)
    assert cells and all(MONEY_CELL.fullmatch(cell) for _title, cell in cells), cells
