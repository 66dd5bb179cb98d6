"""Blank templates (XLSX, CSV, JSON example), the export safety of cells, and the intake format docs."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from niokr.core.bin import is_valid_bin
from niokr.intake.formats import FORMS, ColumnType, Kind
from niokr.intake.messages import MESSAGES
from niokr.core.safety import DANGEROUS_PREFIXES, neutralise, neutralise_row
from niokr.intake.templates_xlsx import (
    DATA_SHEET,
    FIRST_DATA_ROW,
    HEADER_ROW,
    HEADER_ROWS,
    INSTRUCTIONS_SHEET,
    LAST_DATA_ROW,
    MONEY_FORMAT,
    TYPE_LABELS,
    build_csv_template,
    build_template,
    json_example,
)

KINDS = [kind.value for kind in Kind]
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "formats" / "intake.md"
#: The sections of the R&D projects report have their own page; it and intake.md describe every form and code.
PROJECT_DOCS = DOCS.with_name("projects.md")


def open_workbook(data: bytes) -> CalamineWorkbook:
    return CalamineWorkbook.from_filelike(io.BytesIO(data))


def sheet_rows(kind: str, sheet: str = DATA_SHEET) -> list[list]:
    return open_workbook(build_template(kind)).get_sheet_by_name(sheet).to_python()


def sheet_xml(data: bytes, name: str) -> ElementTree.Element:
    """The worksheet XML of sheet ``name``, found through the workbook and its relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        for sheet in workbook.iter(f"{MAIN_NS}sheet"):
            if sheet.get("name") == name:
                rid = sheet.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                target = targets[rid].lstrip("/")
                path = target if target.startswith("xl/") else f"xl/{target}"
                return ElementTree.fromstring(archive.read(path))
    raise AssertionError(f"no sheet {name!r}")


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --------------------------------------------------------------------------------------------------
# XLSX template
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_xlsx_template_opens_with_calamine_and_has_the_data_and_instructions_sheets(kind):
    workbook = open_workbook(build_template(kind))
    assert workbook.sheet_names == [DATA_SHEET, INSTRUCTIONS_SHEET]


@pytest.mark.parametrize("kind", KINDS)
def test_the_first_row_carries_the_form_title_in_the_three_languages(kind):
    form = FORMS[Kind(kind)]
    title = sheet_rows(kind)[0][0]
    assert form.title_kk in title and form.title_ru in title and form.title_en in title


@pytest.mark.parametrize("kind", KINDS)
def test_the_title_row_is_merged_over_every_column(kind):
    root = sheet_xml(build_template(kind), DATA_SHEET)
    merged = [m.get("ref") for m in root.iter(f"{MAIN_NS}mergeCell")]
    assert merged == [f"A1:{column_letter(len(FORMS[Kind(kind)].columns) - 1)}1"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_header_row_contains_every_columns_english_header(kind):
    form = FORMS[Kind(kind)]
    header = sheet_rows(kind)[HEADER_ROW - 1]
    assert header == [column.en for column in form.columns]


@pytest.mark.parametrize("kind", KINDS)
def test_the_kazakh_and_russian_header_rows_sit_above_the_english_one(kind):
    form = FORMS[Kind(kind)]
    rows = sheet_rows(kind)
    assert rows[HEADER_ROWS["kk"] - 1] == [column.kk for column in form.columns]
    assert rows[HEADER_ROWS["ru"] - 1] == [column.ru for column in form.columns]


@pytest.mark.parametrize("kind", KINDS)
def test_the_kazakh_header_row_is_written_with_kazakh_letters(kind):
    kazakh = "".join(sheet_rows(kind)[HEADER_ROWS["kk"] - 1])
    assert KAZAKH_LETTERS & set(kazakh)


@pytest.mark.parametrize("kind", KINDS)
def test_the_template_has_no_data_rows(kind):
    assert len(sheet_rows(kind)) == HEADER_ROW


@pytest.mark.parametrize("kind", KINDS)
def test_the_panes_are_frozen_under_the_header_rows(kind):
    root = sheet_xml(build_template(kind), DATA_SHEET)
    pane = next(root.iter(f"{MAIN_NS}pane"))
    assert pane.get("state") == "frozen"
    assert pane.get("ySplit") == str(HEADER_ROW)
    assert pane.get("topLeftCell") == f"A{FIRST_DATA_ROW}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_choice_column_has_a_drop_down_list_of_its_values_over_the_data_rows(kind):
    form = FORMS[Kind(kind)]
    data = build_template(kind)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        raw = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    if not any(column.choices for column in form.columns):  # the stages and acts sections have none
        assert "<dataValidation " not in raw
        return
    assert "<dataValidation " in raw
    validations = {
        v.get("sqref"): (v.get("type"), v.find(f"{MAIN_NS}formula1").text)
        for v in sheet_xml(data, DATA_SHEET).iter(f"{MAIN_NS}dataValidation")
    }
    expected = {
        f"{column_letter(i)}{FIRST_DATA_ROW}:{column_letter(i)}{LAST_DATA_ROW}": ("list", '"' + ",".join(c.choices) + '"')
        for i, c in enumerate(form.columns)
        if c.type is ColumnType.CHOICE
    }
    assert expected
    assert validations == expected


def test_the_spending_drop_downs_list_the_directions_and_currencies():
    with zipfile.ZipFile(io.BytesIO(build_template("spending"))) as archive:
        raw = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<formula1>"medtech,agritech,greentech,other"</formula1>' in raw
    assert '<formula1>"KZT,USD,EUR,RUB,CNY,GBP"</formula1>' in raw


def _column_styles(data: bytes) -> dict[str, str]:
    """Column letter -> number format code of the column's default style on the Data sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom = {n.get("numFmtId"): n.get("formatCode") for n in styles.iter(f"{MAIN_NS}numFmt")}
    builtin = {"0": "General", "1": "0", "49": "@"}
    xfs = [xf.get("numFmtId") for xf in styles.find(f"{MAIN_NS}cellXfs")]
    out = {}
    for col in sheet_xml(data, DATA_SHEET).iter(f"{MAIN_NS}col"):
        fmt_id = xfs[int(col.get("style", "0"))]
        code = custom.get(fmt_id) or builtin.get(fmt_id, fmt_id)
        for index in range(int(col.get("min")), int(col.get("max")) + 1):
            out[column_letter(index - 1)] = code
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_columns_are_formatted_by_type_so_bins_keep_leading_zeros_and_dates_read_dd_mm_yyyy(kind):
    form = FORMS[Kind(kind)]
    styles = _column_styles(build_template(kind))
    expected = {ColumnType.DATE: "dd.mm.yyyy", ColumnType.MONEY: MONEY_FORMAT, ColumnType.BIN: "@", ColumnType.TEXT: "@", ColumnType.YEAR: "0", ColumnType.CHOICE: "@", ColumnType.INTEGER: "0"}
    for index, column in enumerate(form.columns):
        assert styles[column_letter(index)] == expected[column.type], column.code


@pytest.mark.parametrize("kind", KINDS)
def test_columns_have_widths_wide_enough_for_their_headers(kind):
    form = FORMS[Kind(kind)]
    widths = {}
    for col in sheet_xml(build_template(kind), DATA_SHEET).iter(f"{MAIN_NS}col"):
        for index in range(int(col.get("min")), int(col.get("max")) + 1):
            widths[index - 1] = float(col.get("width"))
    for index, column in enumerate(form.columns):
        assert widths[index] >= min(len(column.en), 45), column.code


@pytest.mark.parametrize("kind", KINDS)
def test_required_headers_are_bold_and_optional_ones_are_not(kind):
    form = FORMS[Kind(kind)]
    data = build_template(kind)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    fonts = list(styles.find(f"{MAIN_NS}fonts"))
    xfs = list(styles.find(f"{MAIN_NS}cellXfs"))
    bold_styles = {str(i) for i, xf in enumerate(xfs) if fonts[int(xf.get("fontId", "0"))].find(f"{MAIN_NS}b") is not None}
    cells = {c.get("r"): c.get("s") for c in sheet_xml(data, DATA_SHEET).iter(f"{MAIN_NS}c")}
    for row in HEADER_ROWS.values():
        for index, column in enumerate(form.columns):
            assert (cells[f"{column_letter(index)}{row}"] in bold_styles) is column.required, (column.code, row)


@pytest.mark.parametrize("kind", KINDS)
def test_every_english_header_carries_a_note_and_required_ones_say_so(kind):
    form = FORMS[Kind(kind)]
    with zipfile.ZipFile(io.BytesIO(build_template(kind))) as archive:
        comments = ElementTree.fromstring(archive.read("xl/comments1.xml"))
    notes = {c.get("ref"): "".join(t.text or "" for t in c.iter(f"{MAIN_NS}t")) for c in comments.iter(f"{MAIN_NS}comment")}
    for index, column in enumerate(form.columns):
        note = notes[f"{column_letter(index)}{HEADER_ROW}"]
        assert ("Required" in note) is column.required, column.code


@pytest.mark.parametrize("kind", KINDS)
def test_the_instructions_sheet_describes_every_column_in_three_languages(kind):
    form = FORMS[Kind(kind)]
    rows = sheet_rows(kind, INSTRUCTIONS_SHEET)
    by_code = {row[0]: row for row in rows if row and row[0] in {c.code for c in form.columns}}
    assert set(by_code) == {c.code for c in form.columns}
    for column in form.columns:
        row = by_code[column.code]
        assert row[1:4] == [column.kk, column.ru, column.en]
        assert row[4] == " / ".join(TYPE_LABELS[column.type])
        assert ("Required" in row[5]) is column.required
        for value in column.choices:
            assert value in row[6]


def test_the_instructions_sheet_labels_the_priority_directions_from_the_reference_data():
    from niokr.core.reference import label

    rows = sheet_rows("spending", INSTRUCTIONS_SHEET)
    allowed = next(row[6] for row in rows if row[0] == "direction")
    for value in FORMS[Kind.SPENDING].column("direction").choices:
        for language in ("kk", "ru", "en"):
            assert label(value, language, enum="core.PriorityDirection") in allowed


@pytest.mark.parametrize("kind", KINDS)
def test_the_instructions_sheet_states_the_general_rules(kind):
    text = "\n".join(str(cell) for row in sheet_rows(kind, INSTRUCTIONS_SHEET) for cell in row)
    for phrase in ("two decimals", "dd.mm.yyyy", "12 digits", "check digit", "reported period", "only once", "official rate", "дд.мм.гггг", "кк.аа.жжжж"):
        assert phrase in text, phrase


def test_no_text_in_the_templates_could_be_taken_for_a_formula():
    for kind in KINDS:
        data = build_template(kind)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            assert not [n for n in names if "calcChain" in n]
            for name in names:
                if name.startswith("xl/worksheets/sheet"):
                    assert "<f>" not in archive.read(name).decode("utf-8")
        for sheet in (DATA_SHEET, INSTRUCTIONS_SHEET):
            for row in sheet_rows(kind, sheet):
                assert not [cell for cell in row if isinstance(cell, str) and cell.startswith(DANGEROUS_PREFIXES)]


def test_an_unknown_kind_is_refused_with_the_known_kinds():
    with pytest.raises(KeyError, match="spending"):
        build_template("budget")


# --------------------------------------------------------------------------------------------------
# CSV template
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_csv_template_is_utf8_with_bom_and_one_row_of_russian_headers_separated_by_semicolons(kind):
    data = build_csv_template(kind)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows == [[column.ru for column in FORMS[Kind(kind)].columns]]
    assert text.splitlines()[0].split(";") == rows[0]


@pytest.mark.parametrize("kind", KINDS)
def test_the_russian_headers_of_each_form_are_distinct(kind):
    headers = [column.ru for column in FORMS[Kind(kind)].columns]
    assert len(set(headers)) == len(headers)


# --------------------------------------------------------------------------------------------------
# JSON example
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_json_example_has_the_kind_the_period_and_every_required_column(kind):
    example = json_example(kind)
    assert example["kind"] == kind
    assert example["period"] == {"year": 2025, "quarter": None}
    assert example["rows"]
    form = FORMS[Kind(kind)]
    for row in example["rows"]:
        assert set(row) == {c.code for c in form.columns}
        for column in form.columns:
            if column.required:
                assert row[column.code] not in (None, ""), column.code
    assert json.loads(json.dumps(example, ensure_ascii=False)) == example


@pytest.mark.parametrize("kind", KINDS)
def test_the_json_example_values_follow_the_column_rules(kind):
    form = FORMS[Kind(kind)]
    period = json_example(kind)["period"]
    for row in json_example(kind)["rows"]:
        for column in form.columns:
            value = row[column.code]
            if value is None:
                continue
            if column.type is ColumnType.MONEY:
                assert isinstance(value, str), column.code
                amount = Decimal(value)
                assert amount > 0 and amount == amount.quantize(Decimal("0.01")), column.code
            elif column.type is ColumnType.DATE:
                date.fromisoformat(value)
            elif column.type is ColumnType.BIN:
                assert isinstance(value, str) and is_valid_bin(value), column.code
            elif column.type is ColumnType.YEAR:
                assert value == period["year"], column.code
            elif column.type is ColumnType.CHOICE:
                assert value in column.choices, column.code
            elif column.type is ColumnType.INTEGER:
                assert isinstance(value, int) and column.bounds[0] <= value <= column.bounds[1], column.code
            else:
                assert isinstance(value, str), column.code


def test_the_spending_example_pays_inside_the_period_with_distinct_document_numbers_and_one_agreement_description():
    rows = json_example("spending")["rows"]
    assert all(date.fromisoformat(r["payment_date"]).year == 2025 for r in rows)
    assert len({r["document_number"] for r in rows}) == len(rows)
    fields = ("agreement_date", "performer_bin", "agreement_amount", "period_start", "period_end")
    assert len({tuple(r[f] for f in fields) for r in rows if r["agreement_number"] == "Д-17"}) == 1
    assert sum(Decimal(r["amount"]) for r in rows) <= Decimal(rows[0]["agreement_amount"])


# --------------------------------------------------------------------------------------------------
# Export safety
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+2", "+7", "-3", "@SUM(A1)", "\t=x", "\r=x", "=HYPERLINK(\"http://x\")"])
def test_text_a_spreadsheet_would_take_for_a_formula_gets_a_leading_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["abc", "12", "", " =1", "'=1", "ПП-001", 12, -3, Decimal("-5.00"), 1.5, None, date(2025, 1, 1), True])
def test_harmless_values_are_left_unchanged(value):
    assert neutralise(value) is value


def test_a_row_is_neutralised_cell_by_cell():
    assert neutralise_row(iter(["=cmd", "Оплата", Decimal("10.00"), None, "-1"])) == ["'=cmd", "Оплата", Decimal("10.00"), None, "'-1"]


@given(st.text())
def test_no_neutralised_text_starts_with_a_dangerous_character(text):
    result = neutralise(text)
    assert not result.startswith(DANGEROUS_PREFIXES)
    assert result in (text, "'" + text)
    assert neutralise(result) == result


@given(st.sampled_from(DANGEROUS_PREFIXES), st.text())
def test_every_dangerous_prefix_is_neutralised(prefix, rest):
    assert neutralise(prefix + rest) == "'" + prefix + rest


# --------------------------------------------------------------------------------------------------
# Documentation
# --------------------------------------------------------------------------------------------------


def test_the_intake_format_docs_list_every_problem_code_with_its_english_message():
    text = DOCS.read_text(encoding="utf-8") + PROJECT_DOCS.read_text(encoding="utf-8")
    from niokr.intake.messages import english

    for code in MESSAGES:
        assert f"`{code}`" in text, code
        for message in english(code):
            assert message.replace("|", "\\|") in text, (code, message)


def test_the_intake_format_docs_describe_every_column_of_every_form():
    text = DOCS.read_text(encoding="utf-8") + PROJECT_DOCS.read_text(encoding="utf-8")
    for form in FORMS.values():
        assert form.title_en in text
        for column in form.columns:
            assert re.search(rf"\|\s*`{column.code}`\s*\|\s*{re.escape(column.kk)}\s*\|\s*{re.escape(column.ru)}\s*\|\s*{re.escape(column.en)}\s*\|", text), (form.kind, column.code)


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_template_reads_as_a_header_with_no_data_rows(kind):
    from niokr.intake.parsing import read_table

    table = read_table(build_template(kind), kind=kind, filename="template.xlsx")
    assert list(table.rows) == []
    assert not [p for p in table.problems if p.severity == "error"]
