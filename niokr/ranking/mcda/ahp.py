"""AHP: reciprocal comparison matrices on Saaty's scale, eigenvector weights, CI, RI and CR."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike

from niokr.ranking.mcda.common import McdaError

#: Saaty's random consistency index (The Analytic Hierarchy Process, McGraw-Hill 1980): the mean
#: CI of random reciprocal matrices of order n.
RANDOM_INDEX: Mapping[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
}
RANDOM_INDEX_SOURCE = "Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill; n = 1…10"
CR_THRESHOLD = 0.10
#: The values a judgement may take: 1–9 and their reciprocals.
SAATY_VALUES: tuple[Fraction, ...] = tuple(
    sorted({Fraction(k) for k in range(1, 10)} | {Fraction(1, k) for k in range(2, 10)})
)
_RECIPROCAL_TOLERANCE = 1e-9
_TIE_TOLERANCE = 1e-12


# AHP


def _saaty_value(value: object, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise McdaError("judgement_not_a_number", f"{where}: a judgement must be a number, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise McdaError("judgement_not_a_number", f"{where}: a judgement must be finite")
    for allowed in SAATY_VALUES:
        if abs(float(value) - float(allowed)) <= 1e-6 * float(allowed):
            return allowed
    raise McdaError("judgement_off_scale", f"{where}: {value!r} is not on Saaty's scale (1–9 or 1/2–1/9)")


def saaty_matrix(n: int, judgements: Mapping[tuple[int, int], float | Fraction]) -> np.ndarray:
    """The reciprocal comparison matrix from one judgement per pair of criteria.

    Args:
        n: number of criteria (2 to 10, the orders Saaty's random index covers).
        judgements: ``{(i, j): a_ij}`` — how much more important criterion i is than j on Saaty's
            scale (1–9, or a reciprocal 1/2–1/9 when j is the more important); exactly one entry
            per unordered pair, i ≠ j, 0-based.

    Raises:
        McdaError: a missing, repeated or off-scale judgement, or an order outside 2–10.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= max(RANDOM_INDEX):
        raise McdaError("order_out_of_range", f"AHP compares 2 to {max(RANDOM_INDEX)} criteria, got {n!r}")
    matrix = np.ones((n, n), dtype=float)
    seen: set[frozenset[int]] = set()
    for key, value in judgements.items():
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key)):
            raise McdaError("bad_pair", f"a pair must be two criterion indices, got {key!r}")
        i, j = key
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise McdaError("bad_pair", f"pair {key!r} does not name two different criteria of {n}")
        pair = frozenset(key)
        if pair in seen:
            raise McdaError("repeated_pair", f"pair {key!r} is judged twice")
        seen.add(pair)
        a = _saaty_value(value, f"pair {key!r}")
        matrix[i, j] = float(a)
        matrix[j, i] = float(1 / a)
    if len(seen) != n * (n - 1) // 2:
        raise McdaError("missing_pairs", f"{n * (n - 1) // 2 - len(seen)} pairs are not judged")
    return matrix


@dataclass(frozen=True)
class PairToRevisit:
    """A judgement that departs most from what the derived weights imply.

    ``deviation = |ln(a_ij · w_j / w_i)|`` — the log-ratio error, symmetric in i and j (Saaty's
    ε_ij = a_ij·w_j/w_i is 1 for a consistent judgement); ``suggested`` is the Saaty value nearest
    (in ratio) to ``implied = w_i / w_j``.
    """

    i: int
    j: int
    given: float
    implied: float
    deviation: float
    suggested: Fraction


@dataclass(frozen=True)
class AhpResult:
    """AHP weights with their consistency; ``acceptable`` is False when CR exceeds the threshold.

    When not acceptable the weights must not be used: the caller shows ``pairs_to_revisit``
    (largest deviation first) and asks for new judgements.
    """

    n: int
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    threshold: float
    acceptable: bool
    pairs_to_revisit: tuple[PairToRevisit, ...]
    random_index_source: str = RANDOM_INDEX_SOURCE

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form to store with a ranking."""
        return {
            "n": self.n,
            "weights": list(self.weights),
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "ri": self.ri,
            "cr": self.cr,
            "threshold": self.threshold,
            "acceptable": self.acceptable,
            "pairs_to_revisit": [
                {"i": p.i, "j": p.j, "given": p.given, "implied": p.implied, "deviation": p.deviation,
                 "suggested": str(p.suggested)}
                for p in self.pairs_to_revisit
            ],
            "random_index_source": self.random_index_source,
            "method": "principal eigenvector",
        }


def _check_reciprocal(matrix: ArrayLike) -> np.ndarray:
    try:
        a = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError) as error:
        raise McdaError("matrix_not_numeric", "the comparison matrix must hold numbers") from error
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise McdaError("matrix_not_square", "the comparison matrix must be square")
    n = a.shape[0]
    if not 1 <= n <= max(RANDOM_INDEX):
        raise McdaError("order_out_of_range", f"AHP compares 1 to {max(RANDOM_INDEX)} criteria, got {n}")
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise McdaError("matrix_not_positive", "every comparison must be a positive finite number")
    if not np.allclose(np.diag(a), 1.0, rtol=0, atol=_RECIPROCAL_TOLERANCE):
        raise McdaError("diagonal_not_one", "a criterion compared with itself must be 1")
    if not np.allclose(a * a.T, 1.0, rtol=0, atol=1e-6):
        raise McdaError("not_reciprocal", "a_ji must be 1 / a_ij for every pair")
    return a


def _nearest_saaty(ratio: float) -> Fraction:
    return min(SAATY_VALUES, key=lambda v: abs(math.log(float(v)) - math.log(ratio)))


def ahp(matrix: ArrayLike, *, threshold: float = CR_THRESHOLD, max_pairs: int = 3) -> AhpResult:
    """Weights, λmax, CI, RI and CR of a reciprocal comparison matrix (principal eigenvector).

    Args:
        matrix: n × n positive reciprocal matrix (``saaty_matrix`` builds one from judgements).
        threshold: the largest acceptable CR (Saaty: 0.10).
        max_pairs: how many of the most inconsistent judgements to list when CR is refused.

    Raises:
        McdaError: a matrix that is not square, positive, reciprocal, or of order 1–10.
    """
    a = _check_reciprocal(matrix)
    n = a.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)  # Perron vector: one sign, so abs() fixes the sign only
    weights = vector / vector.sum()
    if n <= 2:
        ci = ri = cr = 0.0  # every 1×1 and 2×2 reciprocal matrix is consistent
        lambda_max = float(n)
    else:
        ci = max((lambda_max - n) / (n - 1), 0.0)
        ri = RANDOM_INDEX[n]
        cr = ci / ri
    acceptable = cr <= threshold
    pairs: list[PairToRevisit] = []
    if not acceptable:
        for i in range(n):
            for j in range(i + 1, n):
                implied = float(weights[i] / weights[j])
                deviation = abs(math.log(a[i, j] / implied))
                pairs.append(PairToRevisit(i, j, float(a[i, j]), implied, deviation, _nearest_saaty(implied)))
        pairs.sort(key=lambda p: (-p.deviation, p.i, p.j))
    return AhpResult(
        n=n,
        weights=tuple(float(w) for w in weights),
        lambda_max=lambda_max,
        ci=ci,
        ri=ri,
        cr=cr,
        threshold=threshold,
        acceptable=acceptable,
        pairs_to_revisit=tuple(pairs[: max(max_pairs, 0)]),
    )
