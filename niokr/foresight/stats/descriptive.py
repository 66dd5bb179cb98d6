"""Valid answers, type 7 quantiles, shares in a band and the per-item summary."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from numbers import Real


QUANTILE_METHOD = "Hyndman–Fan type 7 (linear interpolation; numpy 'linear', R default, Excel QUARTILE.INC)"

Rating = int | float | None
Answers = Mapping[Hashable, Mapping[Hashable, Rating]]


class StatsError(ValueError):
    """Input the statistics cannot be computed on; ``code`` is a stable key a form can translate."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class RulesError(StatsError):
    """Consensus rules that are incomplete, contradictory or out of range."""


# Valid values and quantiles


def _check_number(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise StatsError("not_a_number", f"a rating must be a number or None, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise StatsError("not_finite", f"a rating must be finite, got {value!r}")
    return Fraction(value)


def valid(values: Iterable[Rating]) -> list[Fraction]:
    """The valid answers (everything but "don't know" ``None``) as exact fractions, unsorted.

    Raises:
        StatsError: a value that is neither a finite number nor None (booleans, NaN, text).
    """
    return [_check_number(value) for value in values if value is not None]


def count_dont_know(values: Iterable[Rating]) -> int:
    """How many answers are "don't know" (``None``)."""
    return sum(1 for value in values if value is None)


def _quantile_exact(ordered: Sequence[Fraction], p: Fraction) -> Fraction:
    """Hyndman–Fan type 7 quantile of already sorted values, exact."""
    n = len(ordered)
    h = (n - 1) * p
    lower = math.floor(h)
    fraction = h - lower
    if lower + 1 >= n:
        return ordered[-1]
    return ordered[lower] + fraction * (ordered[lower + 1] - ordered[lower])


def _sorted_valid(values: Iterable[Rating]) -> list[Fraction]:
    ordered = sorted(valid(values))
    return ordered


def median(values: Iterable[Rating]) -> float | None:
    """Median of the valid answers (type 7; for the median every common method agrees).

    Args:
        values: ratings, ``None`` for "don't know".

    Returns:
        The median, or None when there is no valid answer.
    """
    ordered = _sorted_valid(values)
    if not ordered:
        return None
    return float(_quantile_exact(ordered, Fraction(1, 2)))


def _quartiles_exact(ordered: Sequence[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    return (
        _quantile_exact(ordered, Fraction(1, 4)),
        _quantile_exact(ordered, Fraction(1, 2)),
        _quantile_exact(ordered, Fraction(3, 4)),
    )


def quartiles(values: Iterable[Rating]) -> tuple[float, float, float] | None:
    """First quartile, median and third quartile of the valid answers (Hyndman–Fan type 7).

    Returns:
        ``(q1, median, q3)``, or None when there is no valid answer. A single answer is its own
        three quartiles.
    """
    ordered = _sorted_valid(values)
    if not ordered:
        return None
    q1, q2, q3 = _quartiles_exact(ordered)
    return float(q1), float(q2), float(q3)


def iqr(values: Iterable[Rating]) -> float | None:
    """Interquartile range Q3 − Q1 of the valid answers (type 7), None without valid answers."""
    ordered = _sorted_valid(values)
    if not ordered:
        return None
    q1, _, q3 = _quartiles_exact(ordered)
    return float(q3 - q1)


def _count_in(ordered: Iterable[Fraction], low: Fraction, high: Fraction) -> int:
    return sum(1 for value in ordered if low <= value <= high)


def percent_in(values: Iterable[Rating], low: float, high: float) -> float | None:
    """Percentage (0–100) of the valid answers within ``[low, high]``, bounds included.

    "Don't know" is neither in the band nor in the denominator. None without valid answers.

    Raises:
        StatsError: ``low > high``.
    """
    lo, hi = _check_number(low), _check_number(high)
    if lo > hi:
        raise StatsError("band_reversed", f"band low {low} is above high {high}")
    answers = valid(values)
    if not answers:
        return None
    return float(Fraction(100 * _count_in(answers, lo, hi), len(answers)))


@dataclass(frozen=True)
class Summary:
    """The group feedback for one item: what a panellist sees beside their own previous answer."""

    n_valid: int
    n_dont_know: int
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    quantile_method: str = QUANTILE_METHOD

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form, to freeze with a closed round."""
        return asdict(self)


def summarise(values: Iterable[Rating]) -> Summary:
    """Count, "don't know" count, median, quartiles and IQR of one item's answers."""
    values = list(values)
    dont_know = count_dont_know(values)
    ordered = _sorted_valid(values)
    if not ordered:
        return Summary(0, dont_know, None, None, None, None)
    q1, q2, q3 = _quartiles_exact(ordered)
    return Summary(len(ordered), dont_know, float(q2), float(q1), float(q3), float(q3 - q1))
