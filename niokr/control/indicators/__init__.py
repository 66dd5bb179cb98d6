"""The indicator catalogue (pure polars; see :mod:`niokr.control.indicators.base` for the contract).

``CATALOGUE`` (every indicator, by code) and ``BY_CODE`` are built on first use, so that the
contract module can be imported on its own.
"""

from __future__ import annotations

from functools import cache

from niokr.control.indicators.base import Frames, Indicator, evaluate, explain

__all__ = ["CATALOGUE", "BY_CODE", "Frames", "Indicator", "evaluate", "explain", "catalogue"]


@cache
def catalogue() -> tuple[Indicator, ...]:
    """Every indicator of the catalogue, ordered by code."""
    from niokr.control.indicators import activity, aggregates, lifecycle, relations

    found = [*relations.INDICATORS, *aggregates.INDICATORS, *activity.INDICATORS, *lifecycle.INDICATORS]
    codes = [i.code for i in found]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate indicator codes: {sorted(c for c in codes if codes.count(c) > 1)}")
    return tuple(sorted(found, key=lambda i: i.code))


def __getattr__(name: str):
    if name == "CATALOGUE":
        return catalogue()
    if name == "BY_CODE":
        return {i.code: i for i in catalogue()}
    raise AttributeError(name)
