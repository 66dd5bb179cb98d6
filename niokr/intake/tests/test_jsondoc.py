"""JSON submissions through read_table: the example shape validates; numbers for money, a wrong kind,
unknown keys and malformed JSON are coded problems. Pure tests: no database."""

from __future__ import annotations

import codecs
import json
from datetime import date
from decimal import Decimal

import pytest

from conftest import make_bin
from niokr.intake.messages import MESSAGES, render
from niokr.intake.parsing import read_table
from niokr.intake.templates_xlsx import json_example
from niokr.intake.validation import Context, validate_table


def spending_document(performer_bin: str, **overrides) -> dict:
    document = json_example("spending")
    for row in document["rows"]:
        row.update({"performer_bin": performer_bin, "right_number": "R-1"})
        row.update(overrides)
    return document


def encode(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def problems_of(data: bytes, kind: str = "spending"):
    table = read_table(data, kind=kind)
    list(table.rows)
    return table.problems


def test_a_valid_json_document_validates_with_the_right_values():
    performer = make_bin()
    context = Context(organisation_id=1, period_year=2025, rights={"R-1": (10, 1)}, orgs_by_bin={performer: 7})
    data = encode(spending_document(performer))
    table = read_table(data, kind="spending")
    assert (table.sheet, table.header_row) == ("json", 0)
    assert table.columns["amount"] == "amount"
    result = validate_table(table, kind="spending", context=context)
    assert result.errors == 0, result.problems
    assert result.rows == 2 and len(result.lines) == 2
    line = result.lines[0]
    assert line["amount"] == Decimal("1250000.50")
    assert line["agreement_amount"] == Decimal("5000000.00")
    assert line["payment_date"] == date(2025, 3, 15)
    assert line["performer_id"] == 7
    assert line["right_id"] == 10
    assert (line["_sheet"], line["_row"]) == ("json", 1)


def test_a_json_document_with_a_bom_and_leading_whitespace_is_read_as_json():
    data = codecs.BOM_UTF8 + b"\n  " + encode(json_example("base_figures"))
    table = read_table(data, kind="base_figures")
    rows = list(table.rows)
    assert table.sheet == "json" and len(rows) == 2
    assert rows[1]["amount"].raw == "48000000000.50"
    assert (rows[1]["amount"].row, rows[1]["amount"].column) == (2, "amount")


def test_money_given_as_a_json_number_is_refused_at_its_row_and_column():
    document = json_example("base_figures")
    document["rows"][1]["amount"] = 48000000000.5
    table = read_table(encode(document), kind="base_figures")
    rows = list(table.rows)
    assert rows[1]["amount"].raw == 48000000000.5
    errors = [(p.code, p.sheet, p.row, p.column) for p in table.problems if p.is_error]
    assert errors == [("money_not_a_string", "json", 2, "amount")]
    result = validate_table(read_table(encode(document), kind="base_figures"), kind="base_figures", context=Context(organisation_id=1, period_year=2025))
    assert "money_not_a_string" in [p.code for p in result.problems]


def test_an_integer_amount_is_refused_too_but_a_year_as_a_number_is_fine():
    document = json_example("base_figures")
    document["rows"][0]["amount"] = 100
    codes = [p.code for p in problems_of(encode(document), "base_figures") if p.is_error]
    assert codes == ["money_not_a_string"]


def test_a_document_of_another_kind_is_refused_with_kind_mismatch():
    problems = problems_of(encode(json_example("treasury")), "spending")
    mismatch = [p for p in problems if p.code == "kind_mismatch"]
    assert len(mismatch) == 1 and mismatch[0].is_error
    assert mismatch[0].params == {"kind": "treasury", "expected": "spending"}


def test_an_unknown_key_in_a_row_is_a_warning_at_that_row():
    document = json_example("base_figures")
    document["rows"][0]["comment"] = "x"
    problems = problems_of(encode(document), "base_figures")
    assert [(p.severity, p.code, p.row, p.column) for p in problems] == [("warning", "unknown_column", 1, "comment")]


@pytest.mark.parametrize(
    "data, line, column",
    [
        (b'{"kind": "spending", "rows": [', 1, 31),
        (b'{\n  "kind": "spending",\n  "rows": [}\n}', 3, 12),
        (b"{'kind': 1}", 1, 2),
    ],
)
def test_malformed_json_is_refused_with_its_line_and_column(data, line, column):
    problems = problems_of(data)
    assert [(p.code, p.params["line"], p.params["column"]) for p in problems] == [("json_unreadable", line, column)]
    assert f"{line}" in render("json_unreadable", problems[0].params, "en")


@pytest.mark.parametrize(
    "data",
    [
        b'{"rows": 5}',
        b'{"rows": [1, "a", null]}',
        b"{" * 100_000,
        b'{"rows": [{"amount": {"nested": true}}]}',
        b'{"rows": [{"year": 1' + b"0" * 5000 + b"}]}",
        b'{"kind": "spending"}\xff\xfe',
    ],
)
def test_odd_json_never_raises_and_reports_an_error(data):
    problems = problems_of(data)
    assert any(p.is_error for p in problems)


def test_the_new_codes_have_messages_in_every_language():
    for code in ("json_unreadable", "kind_mismatch", "money_not_a_string"):
        assert code in MESSAGES and render(code, {}, "ru") != render(code, {}, "en")
