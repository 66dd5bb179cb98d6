"""Property: the column-wise validator gives exactly what the row-by-row reference model gives.

Tables are drawn from pools of tricky cells (every tolerant spelling, every strict failure,
spreadsheet numbers and dates, blanks, repeats) for each kind; the problems (codes, cells, values,
parameters, order), the counts and the valid lines must be identical. Tables are as the reader
makes them: text-only columns as polars series, mixed columns as lists.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.core.bin import check_digit
from niokr.intake.formats import Kind, form_for
from niokr.intake.parsing.model import ParsedTable, Problem, column_letter
from niokr.intake.parsing.reader import _text_columns
from niokr.intake.tests import reference_validator
from niokr.intake.validation import PAYMENT_PART, PROBLEMS_LISTED, Context, validate_table


def _bin(first11: str) -> str:
    return first11 + str(check_digit(first11))


COMPANY, PERFORMER, OTHER = _bin("15034000001"), _bin("05061540180"), _bin("99123000004")
CONTEXT = Context(
    organisation_id=1,
    period_year=2025,
    rights={"R-1": (10, 1), "R-2": (11, 2), "R-3": (12, 1)},
    orgs_by_bin={COMPANY: 1, PERFORMER: 5, _bin("98765000003"): 2},
    agreements={"Д-2": {"agreement_date": date(2025, 1, 10), "performer_bin": PERFORMER, "agreement_amount": Decimal("5000000.00"), "period_start": date(2025, 1, 10), "period_end": date(2025, 12, 31)}},
    rates={("USD", date(2025, 3, 15)), ("EUR", date(2025, 12, 31))},
    projects={"P-1": 5, "P-2": 2},
)

DATES = ["10.01.2025", "2025-01-10", "10/01/2025", "45667", "31.02.2025", "03/25/2025", "abc", "", "  ", None, 45667.0, 45667, datetime(2025, 1, 10), date(2025, 12, 31), "31.12.2025 г."]
PAYMENT_DATES = ["15.03.2025", "15.03.2024", "2025-12-31", "01.01.2026", "15.03.2025", "", None, "x", 45731.0, datetime(2025, 3, 15, 10, 30)]
MONEY = ["5 000 000,00", "1\x00000", "5000000", "5,000,000.00", "5.000.000,00", "1 250 000,50", "0", "0,00", "-5", "1,234", "12.345", "12.5", "abc", "", None,
         5000000.0, 12.345, "99999999999999999", "100 000 ₸", "1\u00a0000,00", " 7 ", "10,01", True, 7]
BINS = [PERFORMER, PERFORMER[1:], "123", "", None, OTHER, float(int(PERFORMER)), f" {PERFORMER} ", COMPANY, "'" + PERFORMER]
TEXT = ["НИР", " НИР ", "", None, "=cmd", "Исследование", "  ", 12.0, "\x1cx", "a\x00b", "\x7f", "line\nbreak\tand tab", "Я" * 501, " " + "z" * 500 + " "]
RIGHTS = ["R-1", "R-2", "R-3", "R-X", "", None, " R-1 ", "R-1\x00"]
YEARS = ["", "2025", "2025 г.", "1999", 2025.0, "abc", None, "2024"]
POOLS = {
    Kind.SPENDING: {
        "agreement_number": ["Д-1", "Д-2", "Д-3", " Д-1 ", "", None, "Д-" + "9" * 63, "Д 2", "д-002"], "agreement_date": DATES, "performer_bin": BINS, "subject": TEXT, "agreement_amount": MONEY,
        "period_start": DATES, "period_end": DATES, "direction": ["medtech", "MedTech", " greentech ", "bad", "", None], "project_code": ["", "P-1", None, "P" * 33, "P-2", "P-3", "P-4", " P-3 "],
        "payment_date": PAYMENT_DATES, "amount": MONEY, "currency": ["KZT", "USD", "usd", "EUR", "XXX", "", None], "purpose": TEXT,
        "document_number": ["ПП-1", "ПП-2", "ПП-1 ", "", None, "ПП-3", "№" * 65, "ПП 1", "пп-0002", "№ 3"], "right_number": RIGHTS, "for_year": YEARS,
    },
    Kind.TREASURY: {
        "order_number": ["1", "2", "1 ", "", None, 3.0, "№ 1", "02"], "paid_on": PAYMENT_DATES, "payer_bin": [COMPANY, _bin("98765000003"), PERFORMER, OTHER, "12", "", None],
        "amount": MONEY, "kbk": ["401103", " 401103", "401104", "", None, 401103.0], "right_number": RIGHTS, "for_year": YEARS,
    },
    Kind.BASE_FIGURES: {
        "right_number": RIGHTS, "year": YEARS, "base_type": ["aggregate_income", "production_costs", "Production_Costs", "x", "", None], "amount": MONEY, "document": TEXT,
    },
}


@st.composite
def tables(draw, kind: Kind) -> ParsedTable:
    form = form_for(kind)
    pools = POOLS[kind]
    height = draw(st.integers(0, 14))
    present = [c.code for c in form.columns if c.required or draw(st.booleans())]
    data = {code: [draw(st.sampled_from(pools[code])) for _ in range(height)] for code in present}
    if kind is Kind.SPENDING and height and draw(st.booleans()):  # rows describing an agreement only
        for i in draw(st.sets(st.integers(0, height - 1), max_size=3)):
            for code in PAYMENT_PART:
                if code in data:
                    data[code][i] = draw(st.sampled_from(["", None, "  "]))
    if height and draw(st.booleans()):  # a row repeated whole
        for code in present:
            data[code].append(data[code][0])
        height += 1
    numbers = sorted(draw(st.sets(st.integers(2, 10_000), min_size=height, max_size=height)))
    sheet = draw(st.sampled_from(["", "Data"]))
    late = draw(st.sampled_from([[], [Problem("error", "too_many_rows", sheet, 10_001, params={"limit": height})]]))
    warnings = draw(st.sampled_from([[], [Problem("warning", "unknown_column", sheet, 1, "Q", "x", {"header": "x"})]]))
    columns = {code: column_letter(i) for i, code in enumerate(present)}
    return ParsedTable(sheet=sheet, header_row=1, columns=columns, problems=warnings + late, data=_text_columns(data), row_numbers=numbers, late_from=len(warnings))


def _line(line: dict) -> dict:
    return {k: v for k, v in line.items() if v is not None}


def assert_same(table: ParsedTable, kind: Kind) -> None:
    expected = reference_validator.validate_table(table, kind=kind, context=CONTEXT)
    actual = validate_table(table, kind=kind, context=CONTEXT)
    assert actual.problems == expected.problems
    assert (actual.errors, actual.warnings, actual.rows) == (expected.errors, expected.warnings, expected.rows)
    assert [_line(x) for x in actual.lines] == [_line(x) for x in expected.lines]


@settings(max_examples=300, deadline=None)
@given(tables(Kind.SPENDING))
def test_spending_checks_match_the_reference_model(table):
    assert_same(table, Kind.SPENDING)


@settings(max_examples=200, deadline=None)
@given(tables(Kind.TREASURY))
def test_treasury_checks_match_the_reference_model(table):
    assert_same(table, Kind.TREASURY)


@settings(max_examples=200, deadline=None)
@given(tables(Kind.BASE_FIGURES))
def test_base_figure_checks_match_the_reference_model(table):
    assert_same(table, Kind.BASE_FIGURES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 ,.-\u00a0₸", max_size=24), st.booleans())
def test_plainly_spelled_amounts_read_as_the_normaliser_reads_them(text, zero):
    """The column-wise money path against parse_money on the same text (base figures allow zero)."""
    kind = Kind.BASE_FIGURES if zero else Kind.SPENDING
    data = {"right_number": ["R-1"], "year": ["2025"], "base_type": ["production_costs"], "amount": [text]} if zero else None
    if data is None:
        pools = {code: [values[0]] for code, values in POOLS[Kind.SPENDING].items()}
        data = {**pools, "amount": [text]}
    table = ParsedTable(sheet="", header_row=1, columns={c: column_letter(i) for i, c in enumerate(data)}, problems=[], data=_text_columns(data), row_numbers=[2], late_from=0)
    assert_same(table, kind)


def test_a_huge_file_lists_the_first_problems_and_counts_them_all():
    rows = PROBLEMS_LISTED + 5
    data = {"right_number": ["R-X"] * rows, "year": ["2025"] * rows, "base_type": ["production_costs"] * rows, "amount": ["-1"] * rows}
    table = ParsedTable(sheet="", header_row=1, columns={c: column_letter(i) for i, c in enumerate(data)}, problems=[], data=_text_columns(data), row_numbers=list(range(2, rows + 2)), late_from=0)
    result = validate_table(table, kind="base_figures", context=CONTEXT)
    # each row: a negative base, a right not the sender's, and (from the second on) a repeated row
    assert result.errors == 3 * rows - 1 and len(result.problems) == PROBLEMS_LISTED
    # by row, then the cell problem (column D) before the row rule (column A)
    assert [(p.row, p.code) for p in result.problems[:3]] == [(2, "base_negative"), (2, "right_not_yours"), (3, "base_negative")]
    assert result.line_count == 0
