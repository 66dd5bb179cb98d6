"""Delphi statistics: location and spread, consensus rules, concordance, stability, drop-out.

Pure: plain Python values in, frozen dataclasses out; numpy/scipy only, no Django. Ratings are on a
bounded Likert scale (1–9 by default). A rating is an ``int``; ``None`` is the panellist's "don't
know". **"Don't know" is kept out of every statistic** (median, quartiles, IQR, shares, Kendall's
W, coefficient of variation) and counted separately (``n_dont_know``); a panellist who did not
answer an item at all is simply absent from it.

One quantile method everywhere: **Hyndman & Fan (1996) type 7** — the linear interpolation between
order statistics used by default in R (``quantile``), numpy (``method="linear"``) and Excel
(``QUARTILE.INC``). For sorted valid values x₁ ≤ … ≤ xₙ and probability p, h = (n − 1)·p,
Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎). It is computed here in exact rational arithmetic
(``fractions.Fraction``), so a threshold such as "IQR ≤ 2" is never decided by a rounding error;
the tests check it against ``numpy.quantile(method="linear")``.

Answer sets are mappings ``item → {panellist → rating or None}``; items and panellists are any
hashable keys (database ids in the app). Results that name panellists (drop-outs, changes per
panellist) are for the exercise's moderator only: the caller decides who sees them.

Modules: ``descriptive`` (valid answers, quantiles, shares, summary), ``consensus`` (rules and
verdicts), ``concordance`` (Kendall's W), ``rounds`` (stability, response, drop-out).
"""

from niokr.foresight.stats.descriptive import (
    QUANTILE_METHOD,
    Rating,
    RulesError,
    StatsError,
    Summary,
    count_dont_know,
    iqr,
    median,
    percent_in,
    quartiles,
    summarise,
    valid,
)
from niokr.foresight.stats.consensus import (
    ConsensusRules,
    Criterion,
    Verdict,
    VerdictStatus,
    consensus,
)
from niokr.foresight.stats.concordance import (
    KendallResult,
    kendalls_w,
)
from niokr.foresight.stats.rounds import (
    DropoutBias,
    ItemDropoutCheck,
    ItemStability,
    RoundResponse,
    coefficient_of_variation,
    dropout_bias,
    item_stability,
    panellist_changes,
    response_series,
    round_response,
)

__all__ = [
    "QUANTILE_METHOD",
    "Rating",
    "StatsError",
    "RulesError",
    "valid",
    "count_dont_know",
    "median",
    "quartiles",
    "iqr",
    "percent_in",
    "Summary",
    "summarise",
    "ConsensusRules",
    "Criterion",
    "VerdictStatus",
    "Verdict",
    "consensus",
    "KendallResult",
    "kendalls_w",
    "coefficient_of_variation",
    "ItemStability",
    "item_stability",
    "panellist_changes",
    "RoundResponse",
    "round_response",
    "response_series",
    "ItemDropoutCheck",
    "DropoutBias",
    "dropout_bias",
]
