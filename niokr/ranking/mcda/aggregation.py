"""Decision matrix, normalisation, TOPSIS and the weighted sum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import rankdata

from niokr.ranking.mcda.common import McdaError, Method, Normalisation, _tuple

# Decision matrix, normalisation, TOPSIS and weighted sum


def _check_problem(matrix: ArrayLike, weights: ArrayLike, benefit: Sequence[bool]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    try:
        x = np.asarray(matrix, dtype=float)
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError) as error:
        raise McdaError("not_numeric", "the decision matrix and the weights must hold numbers") from error
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise McdaError("matrix_shape", "the decision matrix needs at least one alternative and one criterion")
    if w.ndim != 1 or w.shape[0] != x.shape[1]:
        raise McdaError("weights_shape", "one weight per criterion is needed")
    if len(benefit) != x.shape[1] or not all(isinstance(b, bool | np.bool_) for b in benefit):
        raise McdaError("benefit_shape", "say for every criterion whether more is better (True) or less (False)")
    if not np.all(np.isfinite(x)):
        raise McdaError("matrix_not_finite", "every score must be a finite number")
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise McdaError("weights_invalid", "weights must be non-negative, finite and not all zero")
    return x, w / w.sum(), np.asarray(benefit, dtype=bool)


def normalise(matrix: ArrayLike, benefit: Sequence[bool], normalisation: Normalisation) -> np.ndarray:
    """Normalise the columns of a decision matrix.

    * ``VECTOR``: rᵢⱼ = xᵢⱼ / √Σᵢ xᵢⱼ² (direction kept; needs non-negative, ratio-scale scores);
      an all-zero column stays 0.
    * ``MINMAX``: benefit (x − min)/(max − min), cost (max − x)/(max − min), so every column reads
      "more is better" in [0, 1]; a constant column is 0 (it separates no alternative).

    Raises:
        McdaError: negative scores under vector normalisation, or an unknown normalisation.
    """
    x = np.asarray(matrix, dtype=float)
    ben = np.asarray(benefit, dtype=bool)
    normalisation = Normalisation(normalisation)
    if normalisation is Normalisation.VECTOR:
        if np.any(x < 0):
            raise McdaError("negative_scores", "vector normalisation needs non-negative scores")
        norms = np.sqrt((x**2).sum(axis=0))
        return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    low, high = x.min(axis=0), x.max(axis=0)
    span = high - low
    oriented = np.where(ben, x - low, high - x)
    return np.divide(oriented, span, out=np.zeros_like(x), where=span > 0)


def _ranks(scores: np.ndarray) -> tuple[int, ...]:
    # Competition ranking ("1224"): equal scores share the best rank; rank 1 = highest score.
    rounded = np.round(scores, 12)
    return tuple(int(r) for r in rankdata(-rounded, method="min"))


@dataclass(frozen=True)
class RankingResult:
    """Scores and ranks of the alternatives, with the method, normalisation and weights used.

    For TOPSIS ``scores`` are closeness coefficients and ``ideal``, ``anti_ideal``, ``d_plus``,
    ``d_minus`` are filled; for the weighted sum they are None.
    """

    method: Method
    normalisation: Normalisation
    weights: tuple[float, ...]
    benefit: tuple[bool, ...]
    normalised: tuple[tuple[float, ...], ...]
    scores: tuple[float, ...]
    ranks: tuple[int, ...]
    ideal: tuple[float, ...] | None = None
    anti_ideal: tuple[float, ...] | None = None
    d_plus: tuple[float, ...] | None = None
    d_minus: tuple[float, ...] | None = None

    @property
    def top(self) -> tuple[int, ...]:
        """Indices of the alternative(s) ranked first."""
        return tuple(i for i, rank in enumerate(self.ranks) if rank == 1)

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form to store with a ranking."""
        data: dict[str, object] = {
            "method": str(self.method),
            "normalisation": str(self.normalisation),
            "weights": list(self.weights),
            "benefit": list(self.benefit),
            "normalised": [list(row) for row in self.normalised],
            "scores": list(self.scores),
            "ranks": list(self.ranks),
        }
        for name in ("ideal", "anti_ideal", "d_plus", "d_minus"):
            value = getattr(self, name)
            data[name] = None if value is None else list(value)
        return data


def topsis(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool],
    *,
    normalisation: Normalisation = Normalisation.VECTOR,
) -> RankingResult:
    """TOPSIS (Hwang & Yoon 1981): closeness to the ideal and distance from the anti-ideal.

    vᵢⱼ = wⱼ·rᵢⱼ (weights rescaled to sum 1); ideal A⁺ = best of each column (max for benefit, min
    for cost; under min–max every column is already "more is better"), anti-ideal A⁻ the worst;
    D± = Euclidean distance to A±; C = D⁻ / (D⁺ + D⁻) ∈ [0, 1]. When D⁺ = D⁻ = 0 (the weighted
    criteria do not tell the alternatives apart) every C is 0.5 and all tie.

    Raises:
        McdaError: malformed matrix, weights or directions.
    """
    x, w, ben = _check_problem(matrix, weights, benefit)
    normalisation = Normalisation(normalisation)
    r = normalise(x, ben, normalisation)
    v = r * w
    more_is_better = ben if normalisation is Normalisation.VECTOR else np.ones_like(ben)
    ideal = np.where(more_is_better, v.max(axis=0), v.min(axis=0))
    anti = np.where(more_is_better, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    closeness = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    closeness = np.clip(closeness, 0.0, 1.0)
    return RankingResult(
        method=Method.TOPSIS,
        normalisation=normalisation,
        weights=_tuple(w),
        benefit=tuple(bool(b) for b in ben),
        normalised=_tuple(r),
        scores=_tuple(closeness),
        ranks=_ranks(closeness),
        ideal=_tuple(ideal),
        anti_ideal=_tuple(anti),
        d_plus=_tuple(d_plus),
        d_minus=_tuple(d_minus),
    )


def weighted_sum(matrix: ArrayLike, weights: ArrayLike, benefit: Sequence[bool]) -> RankingResult:
    """Weighted sum Σ wⱼ·rⱼ over min–max normalised scores (cost criteria inverted); rank 1 = highest.

    Raises:
        McdaError: malformed matrix, weights or directions.
    """
    x, w, ben = _check_problem(matrix, weights, benefit)
    r = normalise(x, ben, Normalisation.MINMAX)
    scores = r @ w
    return RankingResult(
        method=Method.WEIGHTED_SUM,
        normalisation=Normalisation.MINMAX,
        weights=_tuple(w),
        benefit=tuple(bool(b) for b in ben),
        normalised=_tuple(r),
        scores=_tuple(scores),
        ranks=_ranks(scores),
    )


def rank_alternatives(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool],
    *,
    method: Method,
    normalisation: Normalisation | None = None,
) -> RankingResult:
    """Rank with the named method; ``normalisation`` defaults to the method's own (TOPSIS: vector).

    Raises:
        McdaError: the weighted sum asked for anything but min–max, or malformed input.
    """
    method = Method(method)
    if method is Method.TOPSIS:
        return topsis(matrix, weights, benefit, normalisation=Normalisation(normalisation or Normalisation.VECTOR))
    if normalisation not in (None, Normalisation.MINMAX):
        raise McdaError("normalisation_not_supported", "the weighted sum uses min–max normalisation only")
    return weighted_sum(matrix, weights, benefit)
