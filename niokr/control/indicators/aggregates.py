"""Indicators of aggregates and patterns: NK-08 … NK-19 and NK-21 (pure polars).

Where the payment-level indicators judge one line at a time, these judge what only shows in sums
and patterns: a subsoil user's year (December spikes, concentration, digits), a right's year (arrears,
budget transfers, base figures) and an agreement against its project and its peers. They live in
three modules by the data they read:

* :mod:`~niokr.control.indicators.agg_spending` — payments: NK-08, NK-09, NK-10, NK-11;
* :mod:`~niokr.control.indicators.agg_obligations` — balances, transfers, bases: NK-12 … NK-15, NK-21;
* :mod:`~niokr.control.indicators.agg_projects` — agreements and projects: NK-16 … NK-19.
"""

from __future__ import annotations

from niokr.control.indicators import agg_obligations, agg_projects, agg_spending
from niokr.control.indicators.base import Indicator

__all__ = ["INDICATORS"]

INDICATORS: tuple[Indicator, ...] = tuple(
    sorted((*agg_spending.INDICATORS, *agg_obligations.INDICATORS, *agg_projects.INDICATORS), key=lambda indicator: indicator.code)
)
