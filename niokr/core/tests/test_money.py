"""Money: exact two-place decimals in tenge, strict parsing and the interchange format."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from niokr.core.money import (
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    TENGE,
    TIYN,
    ZERO,
    MoneyError,
    format_money,
    parse_money,
    quantize_money,
)

LARGEST = Decimal("999999999999999999.99")  # 18 + 2 digits = MONEY_MAX_DIGITS
amounts = st.decimals(min_value=-LARGEST, max_value=LARGEST, places=2, allow_nan=False, allow_infinity=False)


def test_the_money_constants_describe_two_place_tenge():
    assert MONEY_DECIMAL_PLACES == 2
    assert MONEY_MAX_DIGITS == 20
    assert TIYN == Decimal("0.01")
    assert str(ZERO) == "0.00"
    assert len(LARGEST.as_tuple().digits) == MONEY_MAX_DIGITS


# ---- quantize_money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.005"), "0.01"),
        (Decimal("2.675"), "2.68"),  # a float would give 2.67: 2.675 is 2.67499999... in binary
        (Decimal("0.004"), "0.00"),
        (Decimal("1.235"), "1.24"),
        (Decimal("-2.675"), "-2.68"),  # half away from zero
        (Decimal("123"), "123.00"),
        (7, "7.00"),
        ("19.999", "20.00"),
    ],
)
def test_it_rounds_to_the_tiyn_half_up(value, expected):
    result = quantize_money(value)
    assert str(result) == expected
    assert result.as_tuple().exponent == -2


def test_it_rounds_half_up_where_bankers_rounding_would_round_down():
    assert quantize_money(Decimal("0.125")) == Decimal("0.13")
    assert Decimal("0.125").quantize(TIYN, rounding=ROUND_HALF_EVEN) == Decimal("0.12")


def test_it_rounds_to_the_tenge_and_keeps_two_places():
    assert str(quantize_money(Decimal("123.50"), step=TENGE)) == "124.00"
    assert str(quantize_money(Decimal("123.49"), step=TENGE)) == "123.00"


def test_it_takes_another_rounding_mode_when_told():
    assert quantize_money(Decimal("2.679"), rounding=ROUND_DOWN) == Decimal("2.67")


@pytest.mark.parametrize("value", [0.1, 2.675, float("nan"), 0.0])
def test_it_refuses_a_float(value):
    with pytest.raises(MoneyError, match="float"):
        quantize_money(value)


@pytest.mark.parametrize("value", [True, False])
def test_it_refuses_a_boolean(value):
    with pytest.raises(MoneyError, match="boolean"):
        quantize_money(value)


@given(amounts)
def test_quantizing_an_amount_with_two_places_changes_nothing(amount):
    assert quantize_money(amount) == amount
    assert quantize_money(quantize_money(amount)) == quantize_money(amount)


@pytest.mark.parametrize("value", ["NaN", Decimal("NaN")])
def test_it_refuses_not_a_number(value):
    with pytest.raises(MoneyError):
        quantize_money(value)


# ---- parse_money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", "0.00"), ("1234.5", "1234.50"), ("1234.50", "1234.50"), ("123456789012345678.99", "123456789012345678.99")],
)
def test_it_parses_an_amount_with_at_most_two_decimals(text, expected):
    assert str(parse_money(text)) == expected


@pytest.mark.parametrize("value", [1234, 1234.5, Decimal("1234.50"), None, b"1234.50", True])
def test_it_rejects_a_value_that_is_not_a_string(value):
    with pytest.raises(MoneyError, match="must be a string"):
        parse_money(value)


@pytest.mark.parametrize("text", ["1.005", "0.001", "12.345"])
def test_it_rejects_three_decimals_instead_of_rounding_them(text):
    with pytest.raises(MoneyError, match="at most two decimals"):
        parse_money(text)


def test_it_rejects_a_negative_amount_unless_allowed():
    with pytest.raises(MoneyError, match="negative"):
        parse_money("-5.00")
    assert parse_money("-5.00", allow_negative=True) == Decimal("-5.00")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "1,234.50",
        "1 234.50",
        "1234,50",
        "+5",
        ".5",
        "5.",
        "1e3",
        "1_000",
        "NaN",
        "Infinity",
        "--5",
        "12.5 тг",
        "₸12",
        " 12.50",
        "1234567890123456789.00",  # 19 integer digits: beyond MONEY_MAX_DIGITS
    ],
)
def test_it_rejects_text_that_is_not_a_plain_amount(text):
    with pytest.raises(MoneyError) as raised:
        parse_money(text)
    assert repr(text) in str(raised.value)


@pytest.mark.parametrize("text", ["12.50\n", "１２３", "٣"], ids=["trailing-newline", "fullwidth", "arabic-indic"])
def test_it_rejects_a_trailing_newline_and_non_ascii_digits(text):
    with pytest.raises(MoneyError):
        parse_money(text)


def test_it_does_not_produce_negative_zero():
    assert str(parse_money("-0.00")) == "0.00"


# ---- format_money and the round trip -------------------------------------------------------------


def test_it_formats_an_amount_as_a_plain_two_decimal_string():
    assert format_money(Decimal("1234.5")) == "1234.50"
    assert format_money(Decimal("1E+3")) == "1000.00"
    assert format_money(Decimal("0.005")) == "0.01"
    assert format_money(LARGEST) == "999999999999999999.99"
    assert format_money(None) is None


@given(amounts)
@example(Decimal("0.00"))
@example(LARGEST)
@example(-LARGEST)
@example(Decimal("0.01"))
def test_parsing_the_formatted_amount_gives_it_back(amount):
    parsed = parse_money(format_money(amount), allow_negative=True)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2


@given(amounts.filter(lambda a: a >= 0))
def test_formatting_the_parsed_text_gives_the_text_back(amount):
    text = format_money(amount)
    assert format_money(parse_money(text)) == text
