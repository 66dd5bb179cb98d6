"""Consensus rules of an exercise (locked before round 1) and the verdict on an item."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from fractions import Fraction
from numbers import Real

from niokr.foresight.stats.descriptive import (
    QUANTILE_METHOD,
    Rating,
    RulesError,
    StatsError,
    _count_in,
    _quartiles_exact,
    _sorted_valid,
    count_dont_know,
)


# Consensus rules and verdicts


def _rule_number(name: str, value: object, *, integer: bool = False) -> Fraction:
    """A rule's threshold as an exact fraction (a float as its decimal text: 0.1 is 1/10)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise RulesError("rule_not_a_number", f"{name} must be a number, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise RulesError("rule_not_a_number", f"{name} must be finite, got {value!r}")
    if integer and not isinstance(value, int):
        raise RulesError("rule_not_an_integer", f"{name} must be a whole number, got {value!r}")
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


@dataclass(frozen=True)
class ConsensusRules:
    """Consensus rules of an exercise, fixed and locked before round 1.

    Consensus is **reached** when there are at least ``min_valid`` valid answers and **all** the
    enabled criteria hold (``combine = "all"``, the only combination: a Delphi rule that can be met
    by one criterion alone is the weakness Giannarou & Zervas warn against):

    * agreement — at least ``min_agreement_percent`` % of valid answers in
      ``[agreement_low, agreement_high]`` (default ≥ 70 % in 7–9);
    * disagreement — strictly less than ``max_disagreement_percent`` % in
      ``[disagreement_low, disagreement_high]`` (default < 15 % in 1–3);
    * spread — IQR (type 7) at most ``max_iqr`` (default ≤ 2 on the 9-point scale).

    A criterion is disabled by setting its threshold to None (not the agreement band, which is the
    point of the rule). Thresholds are kept as given (decimals as text in ``to_dict``) and compared
    exactly.
    """

    scale_min: int = 1
    scale_max: int = 9
    agreement_low: int = 7
    agreement_high: int = 9
    min_agreement_percent: float = 70
    disagreement_low: int = 1
    disagreement_high: int = 3
    max_disagreement_percent: float | None = 15
    max_iqr: float | None = 2
    min_valid: int = 3
    combine: str = "all"

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check the rules are complete and consistent.

        Raises:
            RulesError: with a ``code`` naming the broken rule.
        """
        integer_fields = ("scale_min", "scale_max", "agreement_low", "agreement_high",
                          "disagreement_low", "disagreement_high", "min_valid")
        for name in integer_fields:
            _rule_number(name, getattr(self, name), integer=True)
        if self.scale_min >= self.scale_max:
            raise RulesError("scale_reversed", "the scale's minimum must be below its maximum")
        for band in ("agreement", "disagreement"):
            low, high = getattr(self, f"{band}_low"), getattr(self, f"{band}_high")
            if not self.scale_min <= low <= high <= self.scale_max:
                raise RulesError(f"{band}_band_out_of_scale",
                                 f"the {band} band {low}–{high} must lie within the scale in order")
        if not (self.disagreement_high < self.agreement_low or self.agreement_high < self.disagreement_low):
            raise RulesError("bands_overlap", "the agreement and disagreement bands must not overlap")
        agreement = _rule_number("min_agreement_percent", self.min_agreement_percent)
        if not 0 < agreement <= 100:
            raise RulesError("agreement_percent_out_of_range", "the agreement share must be in (0, 100] %")
        if self.max_disagreement_percent is not None:
            disagreement = _rule_number("max_disagreement_percent", self.max_disagreement_percent)
            if not 0 < disagreement <= 100:
                raise RulesError("disagreement_percent_out_of_range",
                                 "the disagreement share must be in (0, 100] %")
        if self.max_iqr is not None:
            spread = _rule_number("max_iqr", self.max_iqr)
            if not 0 <= spread <= self.scale_max - self.scale_min:
                raise RulesError("iqr_out_of_range", "the IQR limit must be between 0 and the scale's width")
        if not 1 <= self.min_valid <= 10_000:
            raise RulesError("min_valid_out_of_range", "the minimum number of answers must be 1 to 10000")
        if self.combine != "all":
            raise RulesError("unknown_combination", "criteria can only be combined with 'all'")

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form to store with the exercise (numbers as given, plus a format version)."""
        data: dict[str, object] = {"version": 1}
        for item in fields(self):
            data[item.name] = getattr(self, item.name)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ConsensusRules:
        """Rebuild stored rules; refuses unknown keys, a missing key or another format version.

        Raises:
            RulesError: the dict is not a complete version-1 rule set, or the rules are invalid.
        """
        if not isinstance(data, Mapping):
            raise RulesError("rules_not_a_mapping", "consensus rules must be a mapping")
        if data.get("version") != 1:
            raise RulesError("unknown_version", f"unknown consensus rules version {data.get('version')!r}")
        names = {item.name for item in fields(cls)}
        keys = set(data) - {"version"}
        if keys - names:
            raise RulesError("unknown_rule", f"unknown rules: {', '.join(sorted(map(str, keys - names)))}")
        if names - keys:
            raise RulesError("missing_rule", f"missing rules: {', '.join(sorted(names - keys))}")
        return cls(**{name: data[name] for name in names})


class VerdictStatus(StrEnum):
    """The overall consensus verdict on one item."""

    REACHED = "reached"
    NOT_REACHED = "not_reached"
    NOT_ENOUGH_ANSWERS = "not_enough_answers"


@dataclass(frozen=True)
class Criterion:
    """One consensus criterion: its measured value, the threshold, the comparison and the outcome."""

    name: str  # "agreement", "disagreement", "iqr"
    value: float | None
    threshold: float
    comparison: str  # ">=", "<", "<="
    passed: bool


@dataclass(frozen=True)
class Verdict:
    """The consensus verdict on one item's answers under the exercise's rules."""

    status: VerdictStatus
    n_valid: int
    n_dont_know: int
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    criteria: tuple[Criterion, ...]
    rules: ConsensusRules = field(repr=False)

    @property
    def reached(self) -> bool:
        """Whether consensus was reached."""
        return self.status is VerdictStatus.REACHED

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form, to freeze with a closed round (rules included)."""
        return {
            "status": str(self.status),
            "n_valid": self.n_valid,
            "n_dont_know": self.n_dont_know,
            "median": self.median,
            "q1": self.q1,
            "q3": self.q3,
            "iqr": self.iqr,
            "criteria": [asdict(criterion) for criterion in self.criteria],
            "rules": self.rules.to_dict(),
            "quantile_method": QUANTILE_METHOD,
        }


def consensus(values: Iterable[Rating], rules: ConsensusRules | None = None) -> Verdict:
    """Judge one item's answers against the consensus rules.

    Each criterion is measured whenever there is at least one valid answer; the status is
    ``NOT_ENOUGH_ANSWERS`` below ``rules.min_valid`` valid answers, else ``REACHED`` when every
    enabled criterion passes, else ``NOT_REACHED``.

    Raises:
        StatsError: a rating that is not a number or None, or lies outside the rules' scale.
    """
    rules = rules or ConsensusRules()
    values = list(values)
    dont_know = count_dont_know(values)
    ordered = _sorted_valid(values)
    for value in ordered:
        if not rules.scale_min <= value <= rules.scale_max:
            raise StatsError("rating_out_of_scale",
                             f"rating {float(value):g} is outside {rules.scale_min}–{rules.scale_max}")
    n = len(ordered)
    q1 = q2 = q3 = spread = None
    criteria: list[Criterion] = []
    agreement_threshold = _rule_number("min_agreement_percent", rules.min_agreement_percent)
    if n:
        q1, q2, q3 = _quartiles_exact(ordered)
        spread = q3 - q1
        agree = Fraction(100 * _count_in(ordered, Fraction(rules.agreement_low), Fraction(rules.agreement_high)), n)
        criteria.append(Criterion("agreement", float(agree), float(agreement_threshold), ">=",
                                  agree >= agreement_threshold))
    else:
        criteria.append(Criterion("agreement", None, float(agreement_threshold), ">=", False))
    if rules.max_disagreement_percent is not None:
        limit = _rule_number("max_disagreement_percent", rules.max_disagreement_percent)
        if n:
            disagree = Fraction(
                100 * _count_in(ordered, Fraction(rules.disagreement_low), Fraction(rules.disagreement_high)), n)
            criteria.append(Criterion("disagreement", float(disagree), float(limit), "<", disagree < limit))
        else:
            criteria.append(Criterion("disagreement", None, float(limit), "<", False))
    if rules.max_iqr is not None:
        limit = _rule_number("max_iqr", rules.max_iqr)
        criteria.append(Criterion("iqr", None if spread is None else float(spread), float(limit), "<=",
                                  spread is not None and spread <= limit))
    if n < rules.min_valid:
        status = VerdictStatus.NOT_ENOUGH_ANSWERS
    elif all(criterion.passed for criterion in criteria):
        status = VerdictStatus.REACHED
    else:
        status = VerdictStatus.NOT_REACHED

    def _float(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    return Verdict(status, n, dont_know, _float(q2), _float(q1), _float(q3), _float(spread),
                   tuple(criteria), rules)
