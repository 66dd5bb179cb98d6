"""Money: exact decimals in tenge (KZT) with two places (tiyn). Never floats.

One quantising function serves the whole system; the rounding rule is a parameter because a rule
regime may prescribe another (see ``obligations.models.RuleRegime.rounding``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "MONEY_MAX_DIGITS",
    "MONEY_DECIMAL_PLACES",
    "TIYN",
    "TENGE",
    "ZERO",
    "MoneyError",
    "quantize_money",
    "parse_money",
    "format_money",
]

MONEY_MAX_DIGITS = 20
MONEY_DECIMAL_PLACES = 2
TIYN = Decimal("0.01")
TENGE = Decimal("1")
ZERO = Decimal("0.00")
_MONEY_TEXT = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,2})?")


class MoneyError(ValueError):
    """A value cannot be read as an exact amount of money."""


def quantize_money(value: Decimal | int | str, *, step: Decimal = TIYN, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``value`` to ``step`` (the tiyn by default) with ROUND_HALF_UP unless told otherwise.

    The result always carries two decimal places, so 123 tenge rounded to the tenge is ``123.00``.

    Args:
        value: a Decimal, an int or a decimal string. Floats are refused: they lose tiyn.
        step: the rounding unit, ``TIYN`` or ``TENGE``.
        rounding: a ``decimal`` rounding mode.
    """
    if isinstance(value, float):
        raise MoneyError("money must not be a float")
    if isinstance(value, bool):
        raise MoneyError("money must not be a boolean")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise MoneyError(f"{value!r} is not an amount") from None
    if not amount.is_finite():
        raise MoneyError(f"{value!r} is not a finite amount")
    try:
        result = amount.quantize(step, rounding=rounding).quantize(TIYN)
    except InvalidOperation:
        raise MoneyError(f"{value!r} is too large for an amount") from None
    # Never a negative zero: "-0.00" would print as such.
    return result + 0 if result.is_zero() else result


def parse_money(text: object, *, allow_negative: bool = False) -> Decimal:
    """Read a strict money string: digits, an optional point and at most two decimals.

    Args:
        text: the value; anything but ``str`` is refused (JSON numbers lose tiyn as floats).
        allow_negative: whether a leading minus is accepted.

    Raises:
        MoneyError: with a message naming the problem.
    """
    if not isinstance(text, str):
        raise MoneyError(f"money must be a string like \"1234.50\", got {type(text).__name__} {text!r}")
    if not _MONEY_TEXT.fullmatch(text):
        raise MoneyError(f"{text!r} is not an amount with at most two decimals")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already guards this
        raise MoneyError(f"{text!r} is not an amount") from None
    if amount < 0 and not allow_negative:
        raise MoneyError(f"{text!r} is negative")
    return quantize_money(amount)


def format_money(amount: Decimal | None) -> str | None:
    """Render an amount as a plain two-decimal string (the interchange form), ``None`` stays ``None``."""
    if amount is None:
        return None
    return f"{quantize_money(amount):.2f}"
