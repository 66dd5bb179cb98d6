"""Kendall's coefficient of concordance W with the tie correction, and its chi-square test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import chi2 as chi2_distribution
from scipy.stats import rankdata

from niokr.foresight.stats.descriptive import Rating, StatsError, _check_number


# Kendall's W


@dataclass(frozen=True)
class KendallResult:
    """Kendall's coefficient of concordance with the tie correction, and its χ² test.

    ``w`` (and the test) is None when it is undefined; ``reason`` then says why:
    ``too_few_raters`` (fewer than 2 complete raters), ``too_few_items`` (fewer than 2 items) or
    ``all_tied`` (every rater rated every item the same).
    """

    w: float | None
    chi_square: float | None
    df: int
    p_value: float | None
    raters_used: int
    raters_excluded: int
    items: int
    tie_corrected: bool = True
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form."""
        return asdict(self)


def kendalls_w(matrix: Sequence[Sequence[Rating]]) -> KendallResult:
    """Kendall's W across panellists, ranks by average rank, with the correction for ties.

    Rows are raters (panellists), columns are items; values are ratings (any ordinal numbers),
    turned into ranks within each row by ``scipy.stats.rankdata(method="average")``.

    W = 12·S / (m²(n³ − n) − m·ΣT), S = Σⱼ (Rⱼ − R̄)², T = Σ (t³ − t) over each rater's groups of t
    tied items; χ² = m(n − 1)·W on n − 1 degrees of freedom (the Friedman statistic with the same
    tie correction), p from ``scipy.stats.chi2``.

    **Missing answers** ("don't know" ``None``, or a row shorter than others is refused): a rater
    with any missing answer on the compared items is left out entirely (listwise deletion, as in
    R's ``irr::kendall``) and counted in ``raters_excluded``, because ranks over different item
    sets are not comparable. To compare a subset of items, pass only their columns.

    Raises:
        StatsError: a ragged matrix or a value that is not a number or None.
    """
    rows = [list(row) for row in matrix]
    n = len(rows[0]) if rows else 0
    if any(len(row) != n for row in rows):
        raise StatsError("ragged_matrix", "every rater must have one value (or None) per item")
    complete = []
    for row in rows:
        checked = [None if value is None else _check_number(value) for value in row]
        if all(value is not None for value in checked):
            complete.append([float(value) for value in checked])
    m = len(complete)
    excluded = len(rows) - m
    df = max(n - 1, 0)
    if n < 2:
        return KendallResult(None, None, df, None, m, excluded, n, reason="too_few_items")
    if m < 2:
        return KendallResult(None, None, df, None, m, excluded, n, reason="too_few_raters")
    ratings = np.array(complete, dtype=float)
    ranks = np.vstack([rankdata(row, method="average") for row in ratings])
    rank_sums = ranks.sum(axis=0)
    s = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    ties = 0
    for row in ratings:
        _, counts = np.unique(row, return_counts=True)
        ties += int((counts**3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return KendallResult(None, None, df, None, m, excluded, n, reason="all_tied")
    w = min(max(12.0 * s / denominator, 0.0), 1.0)
    chi_square = m * (n - 1) * w
    p_value = float(chi2_distribution.sf(chi_square, df))
    return KendallResult(w, chi_square, df, p_value, m, excluded, n)
