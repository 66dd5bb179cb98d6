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


# --- §3: problems capped ---------------------------------------------------------------------------


def _run_child(script: str) -> dict:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_30_mb_json_with_unknown_keys_in_every_record_gives_one_warning_per_key_within_bounded_memory():
    outcome = _run_child("""
        import json, resource
        from niokr.intake.parsing import read_table
        from niokr.intake.validation import validate_table
        from niokr.intake.tests.test_validation_model import CONTEXT
        row = {"order_number": "1", "paid_on": "2025-03-15", "payer_bin": "150340000019", "amount": "1000.00", "kbk": "401103", "right_number": "R-1", "for_year": 2025}
        rows = [{**row, "order_number": str(n), "comment": "x" * 40, "source_system": "1C", f"unique_{n}": n} for n in range(200_000)]
        data = json.dumps({"kind": "treasury", "rows": rows}).encode()
        del rows
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        table = read_table(data, kind="treasury")
        result = validate_table(table, kind="treasury", context=CONTEXT)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        warnings = [(p.code, p.row, p.params) for p in result.problems if p.severity == "warning"]
        print(json.dumps({"mb": len(data) / 1e6, "grew_mb": (after - before) / 1024, "warnings": warnings[:3] + warnings[-1:], "listed": len(warnings), "counted": result.warnings}))
    """)
    assert outcome["mb"] > 30
    assert outcome["warnings"][:2] == [["unknown_column", 1, {"header": "comment", "rows": 200000}], ["unknown_column", 1, {"header": "source_system", "rows": 200000}]]
    assert outcome["warnings"][-1] == ["unknown_columns_truncated", None, {"listed": 100, "more": 200000 - 98}]
    assert outcome["listed"] == outcome["counted"] == 101
    print("30 MB JSON:", outcome["mb"], "MB, peak grew", outcome["grew_mb"], "MB")
    assert outcome["grew_mb"] < 400, outcome  # the parsed document itself; the problems add nothing


def test_a_header_with_many_unknown_columns_lists_the_first_and_counts_the_rest():
    header = ";".join(TREASURY + [f"extra {i}" for i in range(250)])
    table = read_table((header + "\n" + ";".join(ROW) + "\n").encode(), kind="treasury")
    codes = [p.code for p in table.problems]
    assert codes.count("unknown_column") == 100 and codes[-1] == "unknown_columns_truncated" and table.problems[-1].params == {"listed": 100, "more": 150}


def test_every_list_of_json_cell_problems_is_capped_with_exact_counts(monkeypatch):
    from niokr.intake.parsing import jsondoc
    from niokr.intake.validation import validate_table
    from niokr.intake.tests.test_validation_model import CONTEXT

    monkeypatch.setattr(jsondoc, "PROBLEMS_LISTED", 10)
    row = dict(zip(TREASURY, ROW))
    data = json.dumps({"kind": "treasury", "rows": [{**row, "amount": 1000, "order_number": str(n)} for n in range(50)]}).encode()
    result = validate_table(read_table(data, kind="treasury"), kind="treasury", context=CONTEXT)
    assert len(result.problems) == 10 and result.errors == 50 and {p.code for p in result.problems} == {"money_not_a_string"}


def test_column_wise_problems_stay_bounded_across_rules(monkeypatch):
    """Every rule lists its first problems; the collector keeps only what can still be listed."""
    from niokr.intake import validation
    from niokr.intake.parsing.model import ParsedTable
    from niokr.intake.parsing.reader import _text_columns
    from niokr.intake.tests.test_validation_model import CONTEXT

    monkeypatch.setattr(validation, "PROBLEMS_LISTED", 5)
    rows = 40
    data = {code: [""] * rows for code in TREASURY}  # every cell of seven required columns empty
    table = ParsedTable(sheet="", header_row=1, columns={c: chr(65 + i) for i, c in enumerate(TREASURY)}, problems=[], data=_text_columns(data), row_numbers=list(range(2, rows + 2)), late_from=0)
    collected = []
    original = validation._Problems.add

    def add(self, *args, **kwargs):
        original(self, *args, **kwargs)
        collected.append(len(self.items))

    monkeypatch.setattr(validation._Problems, "add", add)
    result = validation.validate_table(table, kind="treasury", context=CONTEXT)
    assert result.errors == 7 * rows and len(result.problems) == 5 and max(collected) <= 2 * 5 + rows
    assert [(p.row, p.column) for p in result.problems] == [(2, "A"), (2, "B"), (2, "C"), (2, "D"), (2, "E")]


# --- §3: UTF-32 text --------------------------------------------------------------------------------


@pytest.mark.parametrize("codec, bom", [("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_csv_with_a_byte_order_mark_is_read_in_its_encoding(codec, bom):
    text = ";".join(["Номер платёжного поручения", "Дата платежа", "БИН плательщика", "Сумма, тенге", "КБК", "Номер контракта/лицензии", "Год зачёта"]) + "\r\n"
    text += ";".join(["ПП-1", "15.03.2025", "150340000019", "1 000,50", "401103", "ЖМ-1", "2025"]) + "\r\n"
    table = read_table(bom + text.encode(codec), kind="treasury")
    assert table.problems == []
    [row] = [{code: cell.raw for code, cell in r.items()} for r in table.rows]
    assert row["order_number"] == "ПП-1" and row["amount"] == "1 000,50" and row["right_number"] == "ЖМ-1"


def test_a_json_document_in_utf32_is_read():
    row = dict(zip(TREASURY, ROW))
    data = b"\xff\xfe\x00\x00" + json.dumps({"kind": "treasury", "rows": [row]}, ensure_ascii=False).encode("utf-32-le")
    table = read_table(data, kind="treasury")
    assert table.problems == [] and len(table) == 1


def test_broken_utf32_is_encoding_unreadable():
    data = b"\xff\xfe\x00\x00" + "Номер;Дата\r\n".encode("utf-32-le") + b"\x00\x00\x11\x00"  # beyond U+10FFFF
    assert [p.code for p in read_table(data, kind="treasury").problems] == ["encoding_unreadable"]
