"""Document numbers as accountants vary them (:mod:`niokr.core.docnumbers`): every variation of one
number gives one key, and different numbers keep different keys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.core.docnumbers import number_key, split_key

#: Letters an accountant may type for a digit, by digit.
_TYPED_FOR = {"3": "Зз", "0": "ОоOo", "1": "lI", "6": "Бб"}


@st.composite
def written(draw, number: int) -> str:
    """``number`` written the way an accountant might: a prefix, leading zeros, a space inside the digits,
    a letter for a digit, a two- or four-digit year after a slash or dash."""
    digits = "0" * draw(st.integers(0, 3)) + str(number)
    if draw(st.booleans()):  # a letter typed for one digit that has a look-alike
        spots = [i for i, ch in enumerate(digits) if ch in _TYPED_FOR]
        if spots:
            i = draw(st.sampled_from(spots))
            digits = digits[:i] + draw(st.sampled_from(_TYPED_FOR[digits[i]])) + digits[i + 1:]
    if len(digits) >= 2 and draw(st.booleans()):  # a space slipped in between two digits
        i = draw(st.integers(1, len(digits) - 1))
        if digits[i - 1].isdigit() and digits[i].isdigit():
            digits = digits[:i] + " " + digits[i:]
    prefix = draw(st.sampled_from(["", "ПП-", "ПП ", "пп", "№ ", "№", "No. ", "п/п ", "PP-", "п/п № "]))
    suffixes = ["", ".", " "]
    if not 1900 <= number <= 2099:  # a number that reads as a four-digit year takes "/24" as its number 24 ("2024/15")
        suffixes += [f"/{draw(st.integers(10, 29))}", f"-{draw(st.integers(10, 29))}", f"/{draw(st.integers(2010, 2029))}"]
    suffix = draw(st.sampled_from(suffixes))
    return f"{prefix}{digits}{suffix}"


@settings(max_examples=300, deadline=None)
@given(st.data(), st.integers(100, 99_999))
def test_every_variation_of_a_number_has_the_key_of_the_plain_number(data, number):
    text = data.draw(written(number))
    assert number_key(text) == str(number), text


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99_999), st.integers(1, 99_999))
def test_different_numbers_keep_different_keys(a, b):
    if a != b:
        assert number_key(f"ПП-{a}") != number_key(f"ПП-{b}")
        assert number_key(f"{a}/1") != number_key(f"{a}/2")  # two numbered parts of one order
        assert number_key(f"ПП-2024-{a:06d}") != number_key(f"ПП-2024-{b:06d}")


@pytest.mark.parametrize(("one", "other"), [
    ("2217/25", "ПП-2217"), ("ПП 38 05", "ПП-3805"), ("ПП-З6О4", "3604"), ("п/п l09", "109"), ("ПП-0Б12", "612"),
    ("НИОКР 17", "НИОКР-17"), ("№ 000510-24", "510"), ("ПП-217/2025", "217"), ("0388-2024", "ПП-388"), ("5150-А", "5150/A"),
])
def test_written_forms_of_one_number_meet(one, other):
    assert number_key(one) == number_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("2024/15", "2024/16"), ("ПП-2024-000123", "ПП-2023-000123"), ("3604", "3605"), ("ПП-1201/1", "ПП-1201/2"),
    ("ТУ-1-515", "ТУ-2-515"), ("5150-А", "5150-Б"), ("5150-А", "ПП-5150"), ("2024/2025", "2025"),
])
def test_distinct_numbers_stay_apart(one, other):
    assert number_key(one) != number_key(other)


def test_letters_are_read_as_digits_only_among_digits():
    assert number_key("ООО") == "OOO" and number_key("No 5") == "5" and number_key("PO-44") == "44"
    assert number_key(None) is None and number_key("  ") is None


def test_a_key_is_taken_apart_into_series_number_and_part():
    assert split_key("0640-2") == ("640", "640", "2", True)
    assert split_key("ПП-2024-000123") == ("2024/123", "123", None, False)
    assert split_key("2024/5") == ("2024/5", "5", None, False)  # number 5 of 2024, not a part
    assert split_key("5512/23") == ("5512", "5512", None, True)  # the year dropped
    assert split_key("5150-Б") == ("5150", "5150", "Б", True)  # a lettered part
    assert split_key("ПП-5150/а") == ("5150", "5150", "A", True)  # look-alikes read as Latin
    assert split_key("217/2025") == ("217", "217", None, True)  # a four-digit year dropped
    assert split_key("ТУ-2-515") == ("2/515", "515", None, False)
    assert split_key(" ") is None
