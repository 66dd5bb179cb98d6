"""Hostile report files: each test holds the hostile input and asserts the bounded outcome.

Pure tests (no database) except where a test says so. Memory is measured in a child process
(peak resident size before and after reading), so that one test's allocations cannot hide
another's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from niokr.intake.parsing import read_table
from niokr.intake.parsing import xlsx as xlsx_module
from niokr.intake.tests.hostile import table_cells, workbook

TREASURY = ["order_number", "paid_on", "payer_bin", "amount", "kbk", "right_number", "for_year"]
ROW = ["1", "15.03.2025", "150340000019", "1000,00", "401103", "R-1", "2025"]
MEMORY_LIMIT_MB = 300


def _read_in_child(cells_code: str) -> dict:
    """Build a workbook from ``cells_code`` (a Python expression) in a fresh interpreter, read it,
    and report the problems and the growth of the peak resident size while reading."""
    script = textwrap.dedent(f"""
        import json, resource
        from niokr.intake.parsing import read_table
        from niokr.intake.tests.hostile import table_cells, workbook
        data = workbook({{"Data": {cells_code}}})
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        table = read_table(data, kind="treasury")
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({{"size": len(data), "grew_mb": (after - before) / 1024, "rows": len(table),
                           "problems": [[p.code, p.sheet, p.column, p.row, p.params] for p in table.problems]}}, default=str))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


TABLE = f"table_cells([{TREASURY!r}, {ROW!r}])"


@pytest.mark.parametrize("far, code", [("XFD1048576", "xlsx_cell_out_of_bounds"), ("CV1000000", "xlsx_sparse"), ("G1048576", "xlsx_sparse")])
def test_a_far_cell_is_refused_naming_it_without_allocating_the_empty_rectangle(far, code):
    outcome = _read_in_child(f"{{**{TABLE}, {far!r}: 1}}")
    assert outcome["size"] < 3000  # a 2 KB file …
    assert outcome["grew_mb"] < MEMORY_LIMIT_MB  # … never asks for the rectangle up to its far cell
    assert outcome["problems"][0][:4] == [code, "Data", far.rstrip("0123456789"), int(far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    assert outcome["problems"][0][4]["cell"] == far


def test_a_styled_empty_far_cell_is_not_read_and_does_not_stop_the_file():
    outcome = _read_in_child(f"{{**{TABLE}, 'XFD1048576': None, 'A1048576': None}}")
    assert outcome["problems"] == [] and outcome["rows"] == 1 and outcome["grew_mb"] < MEMORY_LIMIT_MB


def test_cells_without_references_far_below_are_bounded_too():
    """Rows and cells may omit ``r`` (they follow the previous one): a wide unreferenced row plus a
    row far below must not slip through as a narrow sheet."""
    wide = "<row>" + "<c><v>1</v></c>" * 20_000 + "</row>"
    sheet = '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{c}</t></is></c>' for i, c in enumerate(TREASURY)) + "</row>" + wide + '<row r="900000"><c><v>1</v></c></row>'
    table = read_table(workbook({"Data": sheet}), kind="treasury")
    assert [p.code for p in table.problems] == ["xlsx_sparse"] and table.problems[0].row == 900000


def test_the_extent_scan_reads_what_a_well_formed_sheet_spans():
    data = workbook({"Data": {**table_cells([TREASURY, ROW, ROW]), "K7": "note", "AB2": None}})
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(data))
    extent = xlsx_module.sheet_extent(archive, "xl/worksheets/sheet1.xml", max_columns=256)
    assert (extent.max_row, extent.max_column, extent.rows, extent.unreferenced) == (7, 28, 4, False)
    assert extent.far_cell == ""


@pytest.mark.parametrize("limit, letters", [(1, "B"), (26, "AA"), (27, "AB"), (256, "IW"), (702, "AAA"), (16384, "XFE")])
def test_the_far_column_pattern_matches_exactly_the_columns_after_the_limit(limit, letters):
    import re

    from niokr.intake.parsing.model import column_letter

    pattern = re.compile(b"(?:" + xlsx_module._far_columns_pattern(limit) + b")")
    assert letters == column_letter(limit)
    for index in {0, limit - 2, limit - 1, limit, limit + 1, limit + 30, 16383}:
        if index < 0:
            continue
        name = column_letter(index).encode()
        assert bool(pattern.fullmatch(name)) is (index >= limit), (limit, name)


def test_a_sheet_with_more_filled_rows_than_the_row_limit_is_refused_before_loading():
    data = workbook({"Data": table_cells([TREASURY] + [ROW] * 60)})
    table = read_table(data, kind="treasury", max_rows=10)
    assert [p.code for p in table.problems] == ["too_many_rows"] and table.problems[0].params == {"limit": 10}


def test_cells_whose_reference_is_not_the_first_attribute_are_not_taken_for_unreferenced_ones():
    sheet = '<row r="1">' + "".join(f'<c t="inlineStr" r="{chr(65 + i)}1"><is><t>{c}</t></is></c>' for i, c in enumerate(TREASURY)) + "</row>"
    sheet += '<row spans="1:7" r="2">' + "".join(f'<c s="0" t="inlineStr" r="{chr(65 + i)}2"><is><t>{v}</t></is></c>' for i, v in enumerate(ROW)) + "</row>"
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(workbook({"Data": sheet})))
    extent = xlsx_module.sheet_extent(archive, "xl/worksheets/sheet1.xml", max_columns=256)
    assert (extent.max_row, extent.max_column, extent.unreferenced) == (2, 7, False)
    table = read_table(workbook({"Data": sheet}), kind="treasury")
    assert table.problems == [] and len(table) == 1
