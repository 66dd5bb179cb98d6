"""Sensitivity of a ranking to its weights: one-at-a-time perturbation and flip points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from niokr.ranking.mcda.aggregation import rank_alternatives
from niokr.ranking.mcda.common import McdaError, Method, Normalisation, _tuple

# Sensitivity


def rescale_weights(weights: ArrayLike, index: int, new_weight: float) -> np.ndarray:
    """Set weight ``index`` to ``new_weight`` ∈ [0, 1] and rescale the others proportionally.

    wₖ' = wₖ·(1 − new)/(1 − wⱼ) keeps the others' proportions and the sum at 1; when the others
    are all zero they share 1 − new equally.

    Raises:
        McdaError: a new weight outside [0, 1] or an index out of range.
    """
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    if not 0 <= index < w.shape[0]:
        raise McdaError("criterion_out_of_range", f"no criterion {index}")
    if not 0.0 <= new_weight <= 1.0:
        raise McdaError("weight_out_of_range", "a weight must lie in [0, 1]")
    others = np.delete(np.arange(w.shape[0]), index)
    result = np.empty_like(w)
    result[index] = new_weight
    rest = w[others].sum()
    if others.size:
        if rest > 0:
            result[others] = w[others] * (1.0 - new_weight) / rest
        else:
            result[others] = (1.0 - new_weight) / others.size
    return result


@dataclass(frozen=True)
class PerturbationCase:
    """One criterion's weight moved by ``change`` (relative, e.g. +0.1 = +10 %) and what followed."""

    criterion: int
    change: float
    weights: tuple[float, ...]
    ranks: tuple[int, ...]
    changed_alternatives: int
    top_changed: bool


@dataclass(frozen=True)
class PerturbationReport:
    """One-at-a-time weight perturbation of a ranking."""

    method: Method
    normalisation: Normalisation
    delta: float
    base_ranks: tuple[int, ...]
    cases: tuple[PerturbationCase, ...]

    @property
    def stable(self) -> bool:
        """True when no perturbation changed any rank."""
        return all(case.changed_alternatives == 0 for case in self.cases)


def weight_perturbation(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool],
    *,
    method: Method,
    normalisation: Normalisation | None = None,
    delta: float = 0.10,
) -> PerturbationReport:
    """Move each weight by −δ and +δ (relative; capped to [0, 1]), rescale the others, re-rank.

    Raises:
        McdaError: δ outside (0, 1] or malformed input.
    """
    if not 0 < delta <= 1:
        raise McdaError("delta_out_of_range", "the perturbation must be in (0, 100 %]")
    base = rank_alternatives(matrix, weights, benefit, method=method, normalisation=normalisation)
    w = np.asarray(base.weights)
    cases = []
    for j in range(w.shape[0]):
        for sign in (-1, 1):
            new_weight = min(max(w[j] * (1 + sign * delta), 0.0), 1.0)
            moved = rescale_weights(w, j, new_weight)
            result = rank_alternatives(matrix, moved, benefit, method=method, normalisation=base.normalisation)
            changed = sum(1 for a, b in zip(base.ranks, result.ranks, strict=True) if a != b)
            cases.append(PerturbationCase(j, sign * delta, _tuple(moved), result.ranks, changed,
                                          result.top != base.top))
    return PerturbationReport(Method(method), base.normalisation, delta, base.ranks, tuple(cases))


@dataclass(frozen=True)
class FlipPoint:
    """Where, moving one criterion's weight (others rescaled proportionally), the top alternative changes.

    ``lower``/``upper`` are the nearest weights below/above the current one at which the set of
    top-ranked alternatives first differs (within the bisection tolerance), with the new top there;
    None when there is no flip on that side within [0, 1].
    """

    criterion: int
    current_weight: float
    top: tuple[int, ...]
    lower: float | None
    lower_top: tuple[int, ...] | None
    upper: float | None
    upper_top: tuple[int, ...] | None

    @property
    def no_flip(self) -> bool:
        """True when the top alternative holds for every weight of this criterion in [0, 1]."""
        return self.lower is None and self.upper is None


def flip_points(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool],
    *,
    method: Method,
    normalisation: Normalisation | None = None,
    steps: int = 1000,
    tolerance: float = 1e-6,
) -> tuple[FlipPoint, ...]:
    """For each criterion, the weights nearest the current one at which the top alternative changes.

    Scans the weight over a grid of ``steps`` intervals outward from the current weight on each
    side, then bisects the first interval where the top set changes down to ``tolerance``.
    (TOPSIS closeness is not linear in the weights, so a scan, not a formula, finds the nearest
    flip; a flip narrower than one grid step can be missed — raise ``steps`` to look closer.)

    Raises:
        McdaError: ``steps`` outside 10–100000, or malformed input.
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or not 10 <= steps <= 100_000:
        raise McdaError("steps_out_of_range", "the scan needs 10 to 100000 steps")
    base = rank_alternatives(matrix, weights, benefit, method=method, normalisation=normalisation)
    w = np.asarray(base.weights)

    def top_at(j: int, t: float) -> tuple[int, ...]:
        return rank_alternatives(matrix, rescale_weights(w, j, t), benefit, method=method,
                                 normalisation=base.normalisation).top

    def refine(j: int, same: float, different: float) -> tuple[float, tuple[int, ...]]:
        while abs(different - same) > tolerance:
            middle = (same + different) / 2
            if top_at(j, middle) == base.top:
                same = middle
            else:
                different = middle
        return different, top_at(j, different)

    grid = np.linspace(0.0, 1.0, steps + 1)
    points = []
    for j in range(w.shape[0]):
        current = float(w[j])
        found: dict[str, tuple[float, tuple[int, ...]] | None] = {"lower": None, "upper": None}
        for side, candidates in (("lower", grid[grid < current][::-1]), ("upper", grid[grid > current])):
            previous = current
            for t in candidates:
                if top_at(j, float(t)) != base.top:
                    found[side] = refine(j, previous, float(t))
                    break
                previous = float(t)
        lower, upper = found["lower"], found["upper"]
        points.append(FlipPoint(
            criterion=j,
            current_weight=current,
            top=base.top,
            lower=None if lower is None else lower[0],
            lower_top=None if lower is None else lower[1],
            upper=None if upper is None else upper[0],
            upper_top=None if upper is None else upper[1],
        ))
    return tuple(points)
