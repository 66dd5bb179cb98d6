"""Normalisers: one raw cell value → a typed value and coded problems. They never raise.

Each ``parse_*`` takes the raw value (or a :class:`Cell`, whose location then goes on the problems)
and returns ``(value, problems)``. The value is ``None`` when the cell is empty (no problem: whether
a column is required is the validator's business) or when an error was found.

Money separator rule (``parse_money``)
--------------------------------------
After the currency mark and the spaces (regular, NBSP U+00A0, narrow NBSP U+202F, thin U+2009) are
taken off:

1. Spaces between digits are thousands separators; they must group by three ("1 234 567"), and when
   they are used a remaining ``,`` or ``.`` is the decimal separator.
2. Both ``,`` and ``.`` present: the right-most one is the decimal separator (it must occur once,
   last); the other one is the thousands separator and must group by three — ``1,234,567.89`` and
   ``1.234.567,89``.
3. One kind of separator occurring more than once: thousands separators (groups of three), no
   decimals — ``1.234.567``.
4. One separator occurring once is the decimal separator — ``1234567,5``, ``12.30`` — except when
   exactly three digits follow it and one to three digits (not a lone ``0``) precede it
   (``1,234``, ``12.500``): an amount never has three decimals, so it is read as a thousands
   separator (``1234``, ``12500``) with the warning ``amount_ambiguous_separator``.

Decimals beyond the second are accepted only when they are zeros (``12.500`` under rule 1/2).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from niokr.core.bin import BinError, check_digit, restore_leading_zeros, validate_bin
from niokr.core.money import MONEY_MAX_DIGITS, MONEY_DECIMAL_PLACES, TIYN

from .model import ERROR, WARNING, Cell, Problem, show, typed_params

__all__ = [
    "parse_money",
    "parse_date",
    "parse_year",
    "parse_bin",
    "parse_text",
    "parse_choice",
    "excel_serial_to_date",
    "date_to_excel_serial",
    "YEAR_MIN",
    "parse_integer",
    "YEAR_MAX",
    "WHITESPACE",
    "BLANK_PATTERN",
    "EDGE_SPACE_PATTERN",
]

YEAR_MIN, YEAR_MAX = 2000, 2100
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # what str.strip() strips
BLANK_PATTERN = "^[" + re.escape(WHITESPACE) + "]*$"  # text that str.strip() leaves empty
EDGE_SPACE_PATTERN = "^[" + re.escape(WHITESPACE) + "]|[" + re.escape(WHITESPACE) + "]$"  # text that str.strip() changes
EXCEL_SERIAL_MAX = 2958465  # 9999-12-31
_FLOAT_TOLERANCE = 1e-9
_MONEY_INTEGER_DIGITS = MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES

Result = tuple[object, list[Problem]]


def _problem(severity: str, code: str, raw: object, **params: object) -> Problem:
    return Problem(severity, code, value=show(raw), params={**params, **typed_params(raw)})


def _located(func: Callable[..., Result]) -> Callable[..., Result]:
    """Accept a :class:`Cell` too (its problems get its location), and never let an exception out."""

    @functools.wraps(func)
    def wrapper(raw: object, *args: object, **kwargs: object) -> Result:
        cell = raw if isinstance(raw, Cell) else None
        value = cell.raw if cell is not None else raw
        try:
            result, problems = func(value, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a normaliser reports, it never raises
            result, problems = None, [_problem(ERROR, "value_unreadable", value, reason=f"{type(exc).__name__}: {exc}"[:200])]
        if cell is not None:
            problems = [p.at(cell) for p in problems]
        return result, problems

    return wrapper


def _is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# --- money ------------------------------------------------------------------------------------------

_SPACE_CHARS = " \u00a0\u202f\u2009\u2007\u2008\u200a\t"
_CURRENCY = re.compile(r"(?:₸|тг\.?|тенге|теңге|kzt)$", re.IGNORECASE)
_MONEY_LIMIT = Decimal(10) ** _MONEY_INTEGER_DIGITS


def _grouped(text: str, sep: str) -> bool:
    return re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(sep) + r"[0-9]{3})+", text) is not None


@_located
def parse_money(raw: object, *, allow_zero: bool = False) -> Result:
    """An amount in tenge as a two-place ``Decimal`` (see the module doc for the separator rule).

    ``allow_zero`` accepts 0.00 (a base figure may be zero; a payment may not).

    Problems: ``amount_not_a_number``, ``amount_too_many_decimals``, ``amount_not_positive``,
    ``amount_too_large`` (errors), ``amount_ambiguous_separator`` (warning).
    """
    if _is_blank(raw):
        return None, []
    warnings: list[Problem] = []
    if isinstance(raw, bool):
        return None, [_problem(ERROR, "amount_not_a_number", raw)]
    if isinstance(raw, int):
        amount = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            return None, [_problem(ERROR, "amount_not_a_number", raw)]
        rounded = round(raw, 2)
        if abs(raw - rounded) > _FLOAT_TOLERANCE:
            return None, [_problem(ERROR, "amount_too_many_decimals", raw, places=MONEY_DECIMAL_PLACES)]
        amount = Decimal(repr(rounded))
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            return None, [_problem(ERROR, "amount_not_a_number", raw)]
        amount = raw
    elif isinstance(raw, str):
        amount, problems = _money_text(raw)
        if amount is None:
            return None, problems
        warnings.extend(problems)
    else:
        return None, [_problem(ERROR, "amount_not_a_number", raw)]
    if abs(amount) >= _MONEY_LIMIT:
        return None, [_problem(ERROR, "amount_too_large", raw, max_digits=_MONEY_INTEGER_DIGITS)]
    if amount != amount.quantize(TIYN, rounding=ROUND_DOWN):
        return None, [_problem(ERROR, "amount_too_many_decimals", raw, places=MONEY_DECIMAL_PLACES)]
    amount = amount.quantize(TIYN)
    if amount < 0 or (amount == 0 and not allow_zero):
        return None, [_problem(ERROR, "amount_not_positive", raw)]
    return amount + 0, warnings


def _money_text(raw: str) -> tuple[Decimal | None, list[Problem]]:
    text = raw.strip(_SPACE_CHARS + "\r\n")
    text = _CURRENCY.sub("", text).strip(_SPACE_CHARS)
    negative = False
    if text[:1] in ("-", "−", "–"):
        negative, text = True, text[1:].lstrip(_SPACE_CHARS)
    elif text[:1] == "+":
        text = text[1:].lstrip(_SPACE_CHARS)
    not_a_number = (None, [_problem(ERROR, "amount_not_a_number", raw)])
    if not text or not all(c.isascii() and (c.isdigit() or c in ".,") or c in _SPACE_CHARS for c in text):
        return not_a_number
    warnings: list[Problem] = []
    parts = re.split(f"[{_SPACE_CHARS}]+", text)
    if len(parts) > 1:
        # Rule 1: spaces group thousands; a "," or "." left over is the decimal separator.
        last = parts[-1]
        cut = max(last.rfind(","), last.rfind("."))
        integer_tail, decimals = (last[:cut], last[cut + 1 :]) if cut >= 0 else (last, None)
        integer = " ".join([*parts[:-1], integer_tail])
        if not _grouped(integer, " ") or (decimals is not None and not decimals.isdigit()):
            return not_a_number
        digits = integer.replace(" ", "") + ("." + decimals if decimals else "")
    else:
        commas, points = text.count(","), text.count(".")
        if commas and points:
            # Rule 2: the right-most separator is the decimal one.
            decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
            group_sep = "." if decimal_sep == "," else ","
            integer, _, decimals = text.rpartition(decimal_sep)
            if decimal_sep in integer or not decimals.isdigit() or not _grouped(integer, group_sep):
                return not_a_number
            digits = integer.replace(group_sep, "") + "." + decimals
        elif commas > 1 or points > 1:
            # Rule 3: repeated single separator groups thousands.
            sep = "," if commas else "."
            if not _grouped(text, sep):
                return not_a_number
            digits = text.replace(sep, "")
        elif commas or points:
            # Rule 4: a single separator is the decimal one, unless it cannot be (three digits after).
            sep = "," if commas else "."
            integer, _, decimals = text.partition(sep)
            if not (integer or decimals) or (integer and not integer.isdigit()) or (decimals and not decimals.isdigit()):
                return not_a_number
            if len(decimals) == 3 and 1 <= len(integer) <= 3 and integer != "0" and not integer.startswith("0"):
                digits = integer + decimals
                warnings.append(_problem(WARNING, "amount_ambiguous_separator", raw, read_as=digits, separator=sep))
            else:
                digits = (integer or "0") + ("." + decimals if decimals else "")
        else:
            digits = text
    if not digits.replace(".", "", 1).isdigit():
        return not_a_number
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        return not_a_number
    return (-amount if negative else amount), warnings


# --- dates ------------------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?")
_SERIAL_TEXT = re.compile(r"[0-9]{1,7}(?:\.[0-9]+)?")


def excel_serial_to_date(serial: float | int) -> date | None:
    """The date of an Excel serial (1900 date system), ``None`` outside 1..2958465 or for serial 60.

    Excel counts 1900-02-29, which never existed (serial 60): serials below 60 are one day later
    than a plain count from 1899-12-30 gives; serial 60 is no date.
    """
    day = math.floor(serial)
    if not 1 <= day <= EXCEL_SERIAL_MAX or day == 60:
        return None
    if day < 60:
        return _EXCEL_EPOCH + timedelta(days=day + 1)
    return _EXCEL_EPOCH + timedelta(days=day)


def date_to_excel_serial(value: date) -> int:
    """The inverse of :func:`excel_serial_to_date` (for dates from 1900-01-01)."""
    days = (value - _EXCEL_EPOCH).days
    return days - 1 if days <= 60 else days


@_located
def parse_date(raw: object) -> Result:
    """A ``date`` from dd.mm.yyyy, d.m.yyyy, dd/mm/yyyy, dd-mm-yyyy, ISO yyyy-mm-dd (with a time),
    an Excel serial number or a date/datetime object. Day first, never month first: "03/25/2024"
    is an error, not a guess. Problems: ``date_unreadable`` (error), ``date_from_serial_text``
    (warning: a serial number written as text)."""
    if _is_blank(raw):
        return None, []
    if isinstance(raw, datetime):
        return raw.date(), []
    if isinstance(raw, date):
        return raw, []
    if isinstance(raw, bool):
        return None, [_problem(ERROR, "date_unreadable", raw)]
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None, [_problem(ERROR, "date_unreadable", raw)]
        result = excel_serial_to_date(raw)
        if result is None:
            return None, [_problem(ERROR, "date_unreadable", raw, reason="excel_serial_out_of_range" if raw != 60 else "excel_1900_02_29")]
        return result, []
    if not isinstance(raw, str):
        return None, [_problem(ERROR, "date_unreadable", raw)]
    text = " ".join(raw.split())
    if text.endswith(("г.", "ж.")):
        text = text[:-2].strip()
    m = _DMY.fullmatch(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _make_date(raw, year, month, day)
    m = _ISO.fullmatch(text)
    if m:
        return _make_date(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if _SERIAL_TEXT.fullmatch(text):
        serial = float(text)
        result = excel_serial_to_date(serial) if serial >= 1 and len(text.split(".")[0]) <= 7 else None
        if result is not None and 10000 <= serial:
            return result, [_problem(WARNING, "date_from_serial_text", raw, serial=text, read_as=f"{result:%d.%m.%Y}")]
    return None, [_problem(ERROR, "date_unreadable", raw)]


def _make_date(raw: object, year: int, month: int, day: int) -> Result:
    try:
        return date(year, month, day), []
    except ValueError:
        reason = "month_first" if 1 <= day <= 12 and 12 < month <= 31 else "no_such_date"
        return None, [_problem(ERROR, "date_unreadable", raw, reason=reason)]


# --- year -------------------------------------------------------------------------------------------

_YEAR_TEXT = re.compile(r"([0-9]{4})(?:\.0+)?(?:\s*(?:г\.?|год|ж\.?|жыл))?", re.IGNORECASE)


@_located
def parse_year(raw: object) -> Result:
    """A year 2000–2100 from an int, a whole float (2025.0) or text ("2025", "2025 г."). Error ``year_invalid``."""
    if _is_blank(raw):
        return None, []
    invalid = (None, [_problem(ERROR, "year_invalid", raw, min=YEAR_MIN, max=YEAR_MAX)])
    if isinstance(raw, bool):
        return invalid
    if isinstance(raw, float):
        if not math.isfinite(raw) or raw != int(raw):
            return invalid
        year = int(raw)
    elif isinstance(raw, int):
        year = raw
    elif isinstance(raw, str):
        m = _YEAR_TEXT.fullmatch(raw.strip())
        if not m:
            return invalid
        year = int(m.group(1))
    else:
        return invalid
    return (year, []) if YEAR_MIN <= year <= YEAR_MAX else invalid


# --- whole numbers ------------------------------------------------------------------------------------

_INTEGER_TEXT = re.compile(r"[0-9]{1,12}(?:[.,]0+)?")


@_located
def parse_integer(raw: object, bounds: tuple[int, int] = (0, 10**12)) -> Result:
    """A whole number within ``bounds`` from an int, a whole float (3.0) or text ("3", "3,0").

    Error ``integer_invalid`` (with ``min`` and ``max``) for anything else: a fraction, a sign,
    words, a number outside the bounds.
    """
    if _is_blank(raw):
        return None, []
    low, high = bounds
    invalid = (None, [_problem(ERROR, "integer_invalid", raw, min=low, max=high)])
    if isinstance(raw, bool):
        return invalid
    if isinstance(raw, float):
        if not math.isfinite(raw) or raw != int(raw):
            return invalid
        number = int(raw)
    elif isinstance(raw, int):
        number = raw
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "")
        if not _INTEGER_TEXT.fullmatch(text):
            return invalid
        number = int(re.split(r"[.,]", text)[0])
    else:
        return invalid
    return (number, []) if low <= number <= high else invalid


# --- BIN --------------------------------------------------------------------------------------------


@_located
def parse_bin(raw: object) -> Result:
    """A 12-digit BIN. Spaces are dropped; a number from a spreadsheet (50615401804.0) becomes digits;
    lost leading zeros are restored when the check digit confirms them (warning
    ``bin_leading_zeros_restored``); otherwise error ``bin_invalid`` with the check's message."""
    if _is_blank(raw):
        return None, []
    shown = show(raw)
    if isinstance(raw, bool):
        return None, [_problem(ERROR, "bin_invalid", raw, reason="not_digits", value=shown)]
    if isinstance(raw, float):
        if not math.isfinite(raw) or raw != int(raw) or raw < 0:
            return None, [_problem(ERROR, "bin_invalid", raw, reason="not_digits", value=shown)]
        text = str(int(raw))
    elif isinstance(raw, int):
        text = str(raw)
    elif isinstance(raw, str):
        text = "".join(raw.split()).lstrip("'")
        if re.fullmatch(r"[0-9]+\.0+", text):
            text = text.split(".")[0]
    else:
        return None, [_problem(ERROR, "bin_invalid", raw, reason="not_digits", value=shown)]
    if text.isascii() and text.isdigit() and len(text) < 12:
        restored = restore_leading_zeros(text)
        if restored is not None:
            return restored, [_problem(WARNING, "bin_leading_zeros_restored", raw, original=text, restored=restored)]
    try:
        return validate_bin(text), []
    except BinError:
        return None, [_problem(ERROR, "bin_invalid", raw, **_bin_fault(text), value=shown)]


def _bin_fault(text: str) -> dict:
    """Why ``text`` (spaces taken out) is no BIN, as the parameters of ``bin_invalid``: ``reason``
    ``not_digits``, ``length`` (with ``digits``), ``never_issued`` or ``check_digit`` (with the
    digit written, ``got``, and the one the first 11 digits give, ``expected``)."""
    if not (text.isascii() and text.isdigit()):
        return {"reason": "not_digits"}
    if len(text) != 12:
        return {"reason": "length", "digits": len(text)}
    expected = check_digit(text[:11])
    if expected is None:
        return {"reason": "never_issued"}
    return {"reason": "check_digit", "got": int(text[11]), "expected": expected}


# --- text and choices -------------------------------------------------------------------------------


def _as_text(raw: object) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
    elif isinstance(raw, bool):
        text = "TRUE" if raw else "FALSE"
    elif isinstance(raw, float) and math.isfinite(raw) and raw == int(raw) and abs(raw) < 1e16:
        text = str(int(raw))  # "123" typed in a number cell comes back as 123.0
    elif isinstance(raw, float):
        text = repr(raw)
    elif isinstance(raw, datetime):
        text = raw.isoformat(sep=" ") if raw.time() != datetime.min.time() else raw.date().isoformat()
    elif isinstance(raw, date):
        text = raw.isoformat()
    else:
        text = str(raw).strip()
    return text or None


@_located
def parse_text(raw: object) -> Result:
    """Stripped text, ``None`` for empty; whole numbers from a spreadsheet lose their ``.0``."""
    return _as_text(raw), []


def _choice_key(text: str) -> str:
    return " ".join(text.casefold().split()).replace("ё", "е")


@_located
def parse_choice(raw: object, choices: Iterable[str]) -> Result:
    """The canonical spelling of ``raw`` among ``choices`` (case-insensitive), else error ``choice_invalid``."""
    options = tuple(choices)
    text = _as_text(raw)
    if text is None:
        return None, []
    key = _choice_key(text)
    for option in options:
        if _choice_key(option) == key:
            return option, []
    return None, [_problem(ERROR, "choice_invalid", raw, allowed=", ".join(options))]
