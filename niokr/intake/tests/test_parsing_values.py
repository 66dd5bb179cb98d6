"""The normalisers: raw cell values → typed values and coded problems, never an exception."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.intake.parsing import Cell
from niokr.intake.parsing.values import (
    date_to_excel_serial,
    excel_serial_to_date,
    parse_bin,
    parse_choice,
    parse_date,
    parse_money,
    parse_text,
    parse_year,
)

BIN = "050615401804"


def codes(problems):
    return [p.code for p in problems]


# --- money -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234 567,89", "1234567.89"),
        ("1 234 567.89", "1234567.89"),
        ("1\u00a0234\u00a0567,89", "1234567.89"),
        ("1\u202f234\u202f567,89", "1234567.89"),
        ("1\u2009234\u2009567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567,89", "1234567.89"),
        ("1.234.567", "1234567.00"),
        ("1,234,567", "1234567.00"),
        ("1234567,5", "1234567.50"),
        ("1234567.5", "1234567.50"),
        ("  42  ", "42.00"),
        ("1 000 ₸", "1000.00"),
        ("1000₸", "1000.00"),
        ("1 000 тг", "1000.00"),
        ("1 000 тг.", "1000.00"),
        ("1000 KZT", "1000.00"),
        ("1000 kzt", "1000.00"),
        (",5", "0.50"),
        ("1234.500", "1234.50"),  # extra zero decimals are no precision
        (1234567, "1234567.00"),
        (1234567.0, "1234567.00"),
        (1234567.89, "1234567.89"),
        (0.1 + 0.2, "0.30"),
        (Decimal("12.5"), "12.50"),
    ],
)
def test_money_is_read_in_every_usual_style(raw, expected):
    assert parse_money(raw) == (Decimal(expected), [])


@pytest.mark.parametrize(("raw", "read_as"), [("1,234", "1234.00"), ("12.500", "12500.00"), ("999,000", "999000.00")])
def test_single_separator_before_three_digits_is_a_thousands_separator_with_a_warning(raw, read_as):
    value, problems = parse_money(raw)
    assert value == Decimal(read_as)
    [warning] = problems
    assert (warning.severity, warning.code, warning.params["read_as"]) == ("warning", "amount_ambiguous_separator", read_as.split(".")[0])


@pytest.mark.parametrize("raw", ["0,123", "1234,567", "1 234,567", "1,234.567", 12.345, 1.005, "0.001"])
def test_more_than_two_decimals_is_an_error(raw):
    assert parse_money(raw) == (None, parse_money(raw)[1])
    assert codes(parse_money(raw)[1]) == ["amount_too_many_decimals"]


@pytest.mark.parametrize("raw", ["abc", "12 34", "1,23,456.00", "1.2.3", "1e5", "5.06E+11", "1,234.56.7", "--5", float("nan"), float("inf"), True, [1], "1 234 5"])
def test_what_is_not_an_amount_is_amount_not_a_number(raw):
    assert parse_money(raw) == (None, parse_money(raw)[1])
    assert codes(parse_money(raw)[1]) == ["amount_not_a_number"]


@pytest.mark.parametrize("raw", ["0", "0,00", "-5", "−1 000,00", 0, -3.5, 0.0])
def test_zero_and_negative_amounts_are_not_positive(raw):
    assert codes(parse_money(raw)[1]) == ["amount_not_positive"]


def test_amount_beyond_eighteen_integer_digits_is_too_large():
    assert codes(parse_money("1" * 19)[1]) == ["amount_too_large"]
    assert parse_money("9" * 18)[0] == Decimal("9" * 18)


def test_blank_amount_is_none_without_problems():
    assert parse_money(None) == (None, [])
    assert parse_money("  ") == (None, [])


def test_problems_of_a_cell_carry_its_location():
    value, [problem] = parse_money(Cell("S", 7, "D", "abc"))
    assert value is None
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("S", 7, "D", "abc")


AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999999.99"), places=2)


def group(integer: str, sep: str) -> str:
    head = len(integer) % 3 or 3
    return sep.join([integer[:head]] + [integer[i : i + 3] for i in range(head, len(integer), 3)])


@settings(max_examples=300)
@given(AMOUNTS, st.sampled_from(["space", "nbsp", "comma_point", "point_comma"]))
def test_money_round_trips_through_the_three_written_styles(amount, style):
    integer, decimals = f"{amount:.2f}".split(".")
    text = {
        "space": group(integer, " ") + "," + decimals,
        "nbsp": group(integer, "\u00a0") + "." + decimals,
        "comma_point": group(integer, ",") + "." + decimals,
        "point_comma": group(integer, ".") + "," + decimals,
    }[style]
    assert parse_money(text) == (amount, [])


@settings(max_examples=300)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999999.99"), places=2))
def test_money_round_trips_through_a_spreadsheet_float(amount):
    assert parse_money(float(amount)) == (amount, [])


@given(st.one_of(st.text(max_size=40), st.floats(), st.integers(), st.booleans(), st.none(), st.dates(), st.binary(max_size=10)))
def test_normalisers_never_raise(raw):
    for parse in (parse_money, parse_date, parse_year, parse_bin, parse_text):
        value, problems = parse(raw)
        assert isinstance(problems, list)
    parse_choice(raw, ("KZT", "USD"))


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01.03.2025", date(2025, 3, 1)),
        ("1.3.2025", date(2025, 3, 1)),
        ("01/03/2025", date(2025, 3, 1)),
        ("01-03-2025", date(2025, 3, 1)),
        ("01.03.2025 0:00", date(2025, 3, 1)),
        ("01.03.2025 г.", date(2025, 3, 1)),
        ("2025-03-01", date(2025, 3, 1)),
        ("2025-03-01 00:00:00", date(2025, 3, 1)),
        ("2025-03-01T12:30:00+05:00", date(2025, 3, 1)),
        (45717, date(2025, 3, 1)),
        (45717.0, date(2025, 3, 1)),
        (45717.75, date(2025, 3, 1)),
        (datetime(2025, 3, 1, 14, 0), date(2025, 3, 1)),
        (date(2025, 3, 1), date(2025, 3, 1)),
    ],
)
def test_dates_are_read_from_text_serials_and_objects(raw, expected):
    assert parse_date(raw) == (expected, [])


@pytest.mark.parametrize(("serial", "expected"), [(1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)), (2958465, date(9999, 12, 31))])
def test_excel_serials_follow_the_1900_date_system(serial, expected):
    assert excel_serial_to_date(serial) == expected
    assert date_to_excel_serial(expected) == serial


@pytest.mark.parametrize("raw", [60, 0, -1, 2958466, "31.02.2025", "03/25/2025", "2025-13-01", "1.3.25", "вчера", True, float("nan")])
def test_unreadable_dates_are_errors_never_guesses(raw):
    value, problems = parse_date(raw)
    assert value is None and codes(problems) == ["date_unreadable"]


def test_month_first_date_is_called_out():
    assert parse_date("03/25/2025")[1][0].params["reason"] == "month_first"


def test_serial_written_as_text_is_read_with_a_warning():
    value, problems = parse_date("45717")
    assert value == date(2025, 3, 1) and codes(problems) == ["date_from_serial_text"]


@settings(max_examples=300)
@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)), st.sampled_from(["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "serial"]))
def test_dates_round_trip_through_the_textual_forms_and_excel_serials(day, form):
    raw = date_to_excel_serial(day) if form == "serial" else day.strftime(form)
    assert parse_date(raw) == (day, [])


@given(st.dates(min_value=date(1000, 1, 1)))
def test_short_day_and_month_forms_round_trip(day):
    assert parse_date(f"{day.day}.{day.month}.{day.year:04d}") == (day, [])


# --- years -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [(2025, 2025), (2025.0, 2025), ("2025", 2025), (" 2025 ", 2025), ("2025.0", 2025), ("2025 г.", 2025), ("2025 жыл", 2025), (2000, 2000), (2100, 2100)])
def test_years_are_read(raw, expected):
    assert parse_year(raw) == (expected, [])


@pytest.mark.parametrize("raw", [1999, 2101, 2025.5, "25", "two", True, "2025-01-01", float("inf")])
def test_years_outside_the_range_or_unreadable_are_invalid(raw):
    assert codes(parse_year(raw)[1]) == ["year_invalid"]


# --- BIN ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [BIN, " 0506 1540 1804 ", "'050615401804", "050615401804\u00a0"])
def test_bins_are_read_from_text(raw):
    assert parse_bin(raw) == (BIN, [])


@pytest.mark.parametrize("raw", [50615401804.0, 50615401804, "50615401804", "50615401804.0"])
def test_bin_that_lost_its_leading_zero_is_restored_with_a_warning(raw):
    value, [warning] = parse_bin(raw)
    assert value == BIN
    assert (warning.severity, warning.code) == ("warning", "bin_leading_zeros_restored")
    assert warning.params == {"original": "50615401804", "restored": BIN}


@pytest.mark.parametrize("raw", ["050615401800", "5061540180", "12345", "ABC", 5.06154e11, 1.5, True, "０５０６１５４０１８０４"])
def test_invalid_bins_are_errors_with_the_reason(raw):
    value, [problem] = parse_bin(raw)
    assert value is None and problem.code == "bin_invalid" and problem.params["reason"] in ("length", "not_digits", "check_digit", "never_issued")
    assert "message" not in problem.params  # no English sentence rides along in a parameter


def test_a_wrong_check_digit_names_the_digit_written_and_the_one_expected():
    [problem] = parse_bin("050615401800")[1]
    assert problem.params == {"reason": "check_digit", "got": 0, "expected": 4, "value": "050615401800"}
    assert parse_bin("12345")[1][0].params == {"reason": "length", "digits": 5, "value": "12345"}
    assert parse_bin(5.06154e11)[1][0].params["value"] == "506154000000"  # a number cell as typed, no ".0"


# --- text and choices --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [("  a b ", "a b"), ("", None), ("  ", None), (None, None), (123.0, "123"), (12, "12"), (1.5, "1.5"), (date(2025, 1, 2), "2025-01-02")])
def test_text_is_stripped_and_spreadsheet_numbers_lose_their_point_zero(raw, expected):
    assert parse_text(raw) == (expected, [])


@pytest.mark.parametrize(("raw", "expected"), [("kzt", "KZT"), (" Usd ", "USD"), (401103.0, "401103"), ("401103", "401103")])
def test_choices_are_matched_case_insensitively_to_their_canonical_spelling(raw, expected):
    choices = ("KZT", "USD", "401103")
    assert parse_choice(raw, choices) == (expected, [])


def test_a_value_outside_the_choices_is_an_error_listing_them():
    value, [problem] = parse_choice("RUR", ("KZT", "USD"))
    assert value is None and problem.code == "choice_invalid" and problem.params == {"allowed": "KZT, USD"}
