"""One format per language for money, numbers, percentages, dates and date-times, read back exactly."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from niokr.core.formatting import (
    MINUS,
    NBSP,
    NNBSP,
    RATE_PLACES,
    day_text,
    moment_text,
    money_text,
    number_text,
    percent_text,
    rate_text,
)
from niokr.core.templatetags import niokr as filters

LANGUAGES = ("kk", "ru", "en")
LARGEST = Decimal("999999999999999999.99")
amounts = st.decimals(min_value=-LARGEST, max_value=LARGEST, places=2, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000"), places=1, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("1"), places=4, allow_nan=False, allow_infinity=False)

# What each language writes, and nothing else: groups, a decimal mark, the sign where it belongs.
NUMBER = {
    "kk": re.compile(rf"{MINUS}?\d{{1,3}}({NNBSP}\d{{3}})*(,\d+)?"),
    "ru": re.compile(rf"{MINUS}?\d{{1,3}}({NNBSP}\d{{3}})*(,\d+)?"),
    "en": re.compile(rf"{MINUS}?\d{{1,3}}(,\d{{3}})*(\.\d+)?"),
}


def read_number(text: str, lang: str) -> Decimal:
    """Parse a number written by :func:`number_text` back to a ``Decimal``, refusing any other form."""
    assert NUMBER[lang].fullmatch(text), (lang, text)
    plain = text.replace(MINUS, "-")
    plain = plain.replace(NNBSP, "").replace(",", ".") if lang != "en" else plain.replace(",", "")
    return Decimal(plain)


def read_money(text: str, lang: str) -> Decimal:
    if lang == "en":
        assert re.fullmatch(rf"{MINUS}?₸[^₸ ]+", text), text
        return read_number(text.replace("₸", ""), lang)
    assert text.endswith(NBSP + "₸") and text.count("₸") == 1, text
    return read_number(text[: -len(NBSP + "₸")], lang)


def read_percent(text: str, lang: str) -> Decimal:
    assert text.endswith(NBSP + "%"), text
    return read_number(text[: -len(NBSP + "%")], lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@given(amount=amounts)
@example(amount=Decimal("1234567.89"))
@example(amount=Decimal("-0.01"))
@example(amount=Decimal("0.00"))
def test_money_reads_back_to_the_same_amount(lang, amount):
    text = money_text(amount, lang)
    assert read_money(text, lang) == amount
    assert "." not in text if lang != "en" else "," not in text.rsplit(".", 1)[1]


@pytest.mark.parametrize("lang", LANGUAGES)
@given(value=amounts, places=st.integers(min_value=0, max_value=4))
def test_a_number_reads_back_to_the_value_rounded_to_its_places(lang, value, places):
    text = number_text(value, places, lang)
    decimals = text.rpartition("." if lang == "en" else ",")[2] if places else ""
    assert len(decimals) == places
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert read_number(text, lang) == rounded


@pytest.mark.parametrize("lang", LANGUAGES)
@given(share=shares)
def test_a_percentage_reads_back_to_the_same_share(lang, share):
    assert read_percent(percent_text(share, lang), lang) == share


@pytest.mark.parametrize("lang", LANGUAGES)
@given(rate=rates)
def test_a_rate_is_a_percentage_with_two_decimals(lang, rate):
    text = rate_text(rate, lang)
    assert read_percent(text, lang) == (rate * 100).quantize(Decimal("0.01"))
    assert len(re.split(r"[.,]", text.split(NBSP)[0])[-1]) == RATE_PLACES


@pytest.mark.parametrize(
    "lang, money, rate, share, day, moment",
    [
        ("kk", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", f"1,00{NBSP}%", f"87,3{NBSP}%", "23.02.2026", "07.12.2026 10:40"),
        ("ru", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", f"1,00{NBSP}%", f"87,3{NBSP}%", "23.02.2026", "07.12.2026 10:40"),
        ("en", "₸1,234,567.89", f"1.00{NBSP}%", f"87.3{NBSP}%", "23 Feb 2026", "7 Dec 2026 10:40"),
    ],
)
def test_each_language_writes_one_form_in_python_and_in_templates(lang, money, rate, share, day, moment):
    at = datetime(2026, 12, 7, 5, 40, tzinfo=UTC)  # 10:40 in Almaty (UTC+5)
    assert money_text(Decimal("1234567.89"), lang) == money
    assert rate_text(Decimal("0.010000"), lang) == rate and percent_text(Decimal("87.25"), lang) == share
    assert day_text(date(2026, 2, 23), lang) == day and day_text("2026-02-23", lang) == day
    assert moment_text(at, lang) == moment
    with translation.override(lang):
        page = Template("{% load niokr %}{{ m|money }}|{{ r|rate }}|{{ s|percent }}|{{ d|day }}|{{ t|moment }}|{{ d }}|{{ t }}|{{ t|date:'SHORT_DATETIME_FORMAT' }}")
        text = page.render(Context({"m": Decimal("1234567.89"), "r": Decimal("0.01"), "s": 87.25, "d": date(2026, 2, 23), "t": at}))
        # Django's own date formatting (FORMAT_MODULE_PATH) agrees with the filters: no "12/07/2026 5:40 a.m."
        assert text == "|".join([money, rate, share, day, moment, day, moment, moment])


def test_empty_values_are_a_dash_and_a_minus_is_never_before_a_zero():
    assert money_text(None) == number_text("") == percent_text(None) == day_text(None) == moment_text(None) == "—"
    assert number_text(Decimal("-0.001"), 2, "ru") == "0,00" and money_text(Decimal("-5"), "en") == f"{MINUS}₸5.00"


def test_the_filters_take_the_active_language():
    with translation.override("en"):
        assert filters.money(Decimal("692984008.10")) == "₸692,984,008.10"
        assert filters.rate(Decimal("0.01")) == f"1.00{NBSP}%"
    with translation.override("kk"):
        assert filters.money(Decimal("692984008.10")) == f"692{NNBSP}984{NNBSP}008,10{NBSP}₸"
