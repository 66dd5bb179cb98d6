"""Multi-criteria decision analysis: AHP weights, TOPSIS, weighted sum and their sensitivity.

Pure: plain numbers in, frozen dataclasses out; numpy only, no Django. Alternatives are rows of the
decision matrix, criteria its columns; ``benefit[j]`` says whether more is better on criterion j
(False: a cost criterion, less is better). Every result records the method and the normalisation it
used, so a stored ranking says how it was made (ADR 0013).

* **AHP** (Saaty 1980): a reciprocal pairwise-comparison matrix on Saaty's 1–9 scale; weights are
  the principal (Perron) eigenvector from ``numpy.linalg.eig``, normalised to sum 1;
  CI = (λmax − n)/(n − 1), CR = CI / RI with Saaty's (1980) random index; CR above 0.10 is
  refused — the result says so and lists the judgements to revisit (not an exception).
* **TOPSIS** (Hwang & Yoon 1981): vector normalisation by default (x / √Σx², the original method),
  min–max as an option; weighted; distances to the ideal and anti-ideal; closeness
  C = D⁻ / (D⁺ + D⁻); rank 1 = highest closeness.
* **Weighted sum**: min–max normalisation (benefit (x − min)/(max − min), cost (max − x)/(max −
  min)) and Σ wⱼ·rⱼ.
* **Sensitivity**: one-at-a-time weight perturbation (±δ of a weight, the others rescaled
  proportionally so the weights still sum to 1) and, per criterion, the weights at which the
  top-ranked alternative changes (flip points), found by a scan and refined by bisection.

Modules: ``ahp``, ``aggregation`` (normalisation, TOPSIS, weighted sum), ``sensitivity``, ``common``.
"""

from niokr.ranking.mcda.ahp import (
    AhpResult,
    CR_THRESHOLD,
    PairToRevisit,
    RANDOM_INDEX,
    RANDOM_INDEX_SOURCE,
    SAATY_VALUES,
    ahp,
    saaty_matrix,
)
from niokr.ranking.mcda.aggregation import (
    RankingResult,
    normalise,
    rank_alternatives,
    topsis,
    weighted_sum,
)
from niokr.ranking.mcda.common import (
    McdaError,
    Method,
    Normalisation,
)
from niokr.ranking.mcda.sensitivity import (
    FlipPoint,
    PerturbationCase,
    PerturbationReport,
    flip_points,
    rescale_weights,
    weight_perturbation,
)

__all__ = [
    "RANDOM_INDEX",
    "RANDOM_INDEX_SOURCE",
    "CR_THRESHOLD",
    "SAATY_VALUES",
    "McdaError",
    "Normalisation",
    "Method",
    "saaty_matrix",
    "PairToRevisit",
    "AhpResult",
    "ahp",
    "normalise",
    "RankingResult",
    "topsis",
    "weighted_sum",
    "rank_alternatives",
    "rescale_weights",
    "PerturbationCase",
    "PerturbationReport",
    "weight_perturbation",
    "FlipPoint",
    "flip_points",
]
