"""The conclusion of a state expertise computed from its criteria sheet: a pure engine (no Django).

For each criterion the experts' scores are averaged (an expert's "not applicable" is not a score).
A criterion every expert marked "not applicable" — allowed only where the sheet says so — leaves the
weighted average: its weight is redistributed to the other criteria in proportion to their weights
(the weighted sum is divided by the sum of the remaining weights). Each criterion's average is read
as a share of its maximum score, so criteria scored out of 5 and out of 10 weigh as their weights say.

The conclusion is **positive** when

* the weighted average, as a percentage, is at least the sheet's pass mark, and
* every applicable criterion's average is at least its minimum score;

otherwise negative, each failing rule named. With no applicable criterion at all there is nothing
to judge: negative. Arithmetic is exact (fractions: a mean of 2/3 is compared with the pass mark as
2/3, never as 0.6666…); the score shown is rounded half up to 0.01 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

__all__ = ["CriterionRule", "CriterionResult", "Conclusion", "conclude"]

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CriterionRule:
    code: str
    weight: Decimal
    min_score: int
    max_score: int
    not_applicable_allowed: bool = False


@dataclass(frozen=True)
class CriterionResult:
    code: str
    average: Fraction | None  # None: every expert marked it not applicable
    applicable: bool
    below_minimum: bool


@dataclass(frozen=True)
class Conclusion:
    score: Decimal | None  # the weighted average, %, rounded to 0.01; None when nothing is applicable
    exact: Fraction | None  # the same, exact (what the pass mark is compared with)
    positive: bool
    criteria: tuple[CriterionResult, ...] = field(default_factory=tuple)
    below_threshold: bool = False
    failing: tuple[str, ...] = ()  # codes of criteria below their minimum


def conclude(rules: Sequence[CriterionRule], scores: Mapping[str, Iterable[int | None]], threshold: Decimal) -> Conclusion:
    """The conclusion from ``scores`` (per criterion code: each expert's score, ``None`` = not applicable).

    Raises ``ValueError`` when a criterion has no scores at all, when a score is outside
    ``0..max_score``, or when "not applicable" is given for a criterion that does not allow it.
    """
    results: list[CriterionResult] = []
    weighted = Fraction(0)
    weights = Fraction(0)
    for rule in rules:
        given = list(scores.get(rule.code, ()))
        if not given:
            raise ValueError(f"criterion {rule.code} has no scores")
        numbers = [s for s in given if s is not None]
        if len(numbers) < len(given) and not rule.not_applicable_allowed:
            raise ValueError(f"criterion {rule.code} does not allow 'not applicable'")
        for s in numbers:
            if not 0 <= s <= rule.max_score:
                raise ValueError(f"criterion {rule.code}: score {s} outside 0..{rule.max_score}")
        if not numbers:
            results.append(CriterionResult(rule.code, None, False, False))
            continue
        average = Fraction(sum(numbers), len(numbers))
        results.append(CriterionResult(rule.code, average, True, average < rule.min_score))
        weighted += Fraction(rule.weight) * average / rule.max_score
        weights += Fraction(rule.weight)
    failing = tuple(r.code for r in results if r.below_minimum)
    if weights == 0:
        return Conclusion(None, None, False, tuple(results), True, failing)
    exact = weighted / weights * 100
    below = exact < Fraction(Decimal(threshold))
    return Conclusion(_rounded(exact), exact, not below and not failing, tuple(results), below, failing)


def _rounded(value: Fraction) -> Decimal:
    """``value`` rounded half up to 0.01 (exactly: no float or long division on the way)."""
    hundredths = value * 100
    whole, rest = divmod(hundredths.numerator, hundredths.denominator)
    if 2 * rest >= hundredths.denominator:
        whole += 1
    return (Decimal(whole) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
