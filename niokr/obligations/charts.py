"""Charts as Vega-Lite specifications, rendered to SVG on the server by vl-convert.

Pure functions: rows of plain data → a Vega-Lite spec → an SVG string. The same SVG goes into the
page, the PDF statement and anything else; no JavaScript charting runs in the browser.

The SVG vl-convert writes carries presentation attributes only (``fill``, ``font-family``…), no
``style`` attributes and no ``<style>`` or ``<script>`` elements, so it can sit inline in a page
under the strict Content-Security-Policy (``style-src 'self'``); ``tests/test_dashboard.py`` pins
that. Text from the data is escaped by the renderer.

Rendering costs tens of milliseconds per chart, so SVGs are kept in a small in-process LRU keyed
by the whole specification (data included) and the number format: the same key always gives the
same picture, so a kept SVG is never stale.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from html import escape

import vl_convert

__all__ = ["FONT", "BILLION", "MILLION", "bn", "in_units", "grouped_bars", "render_svg", "PALETTE"]

FONT = "DejaVu Sans"
BILLION = Decimal("1000000000")
MILLION = Decimal("1000000")
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
LABEL_CHARS = 42

# Colours per series role (colour-blind safe pairs; obligation dark, fulfilment green, arrears red).
PALETTE = {
    "obligation": "#1f4e79",
    "fulfilled": "#2e9e5b",
    "arrears": "#c0392b",
    "credit": "#e6a23c",
    "excluded": "#8c8c8c",
    "direct": "#1f77b4",
    "budget": "#9467bd",
}

# d3-format locales, as niokr.core.formatting writes numbers: Kazakh and Russian group thousands with a
# narrow no-break space and use a decimal comma.
_LOCALES = {
    "kk": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0₸"]},
    "ru": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0₸"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["₸", ""]},
}


def in_units(amount: Decimal | None, unit: Decimal) -> float:
    """An amount in KZT as a number of ``unit`` (e.g. :data:`BILLION`) for a chart axis.

    Three decimals, a float: chart coordinates are for display only; the tables beside the charts
    carry the exact amounts.
    """
    if not amount:
        return 0.0
    return float((Decimal(amount) / unit).quantize(Decimal("0.001")))


def bn(amount: Decimal | None) -> float:
    """An amount in KZT as billions of tenge for a chart axis."""
    return in_units(amount, BILLION)


def grouped_bars(
    rows: list[dict],
    *,
    categories: list[str],
    series: list[tuple[str, str]],
    category_title: str,
    value_title: str,
    horizontal: bool = False,
    width: int = 560,
    step: int = 12,
) -> dict:
    """A grouped bar chart: for each category one bar per series.

    Args:
        rows: ``{"category": str, "series": str, "value": float}`` — ``series`` is the series label.
        categories: the category labels in the order to show them.
        series: ``(label, palette role)`` pairs in legend order.
        category_title: the title of the category axis (already translated); a horizontal chart
            names its categories in the table beneath it and shows no title beside the labels.
        value_title: the title of the value axis (already translated, e.g. "bn ₸").
        horizontal: categories down the side (long names, many categories) instead of along the bottom.
        width: the chart's width in pixels.
        step: pixels per bar.
    """
    short = _short_labels(categories)
    rows = [{**row, "category": short.get(row["category"], row["category"])} for row in rows]
    categories = [short[c] for c in categories]
    labels = [label for label, _ in series]
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": labels, "range": [PALETTE[role] for _, role in series]},
        "legend": {"orient": "top", "direction": "horizontal"},
    }
    value = {"field": "value", "type": "quantitative", "title": value_title, "axis": {"format": ",.1f", "tickCount": 6 if horizontal else 8, "labelOverlap": "greedy"}}
    category = {"field": "category", "type": "nominal", "title": category_title, "sort": categories}
    offset = {"field": "series", "sort": labels}
    if horizontal:
        # The labels are cut in Python (see _short_labels); maxExtent lets a long label keep its room.
        encoding = {"y": {**category, "title": None, "axis": {"labelLimit": 0, "maxExtent": 420}}, "yOffset": offset, "x": value, "color": colour}
        size = {"width": width, "height": {"step": step}}
    else:
        encoding = {"x": {**category, "axis": {"labelAngle": 0, "labelLimit": 0}}, "xOffset": offset, "y": value, "color": colour}
        size = {"width": width, "height": 240}
    return {
        "$schema": SCHEMA,
        **size,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": encoding,
        "config": _config(),
    }


def _short_labels(categories: list[str], limit: int = LABEL_CHARS) -> dict[str, str]:
    """Each category label cut to ``limit`` characters (with "…"), kept distinct.

    Cutting here rather than with Vega's ``labelLimit`` keeps rendering fast: Vega measures a
    label again for every character it drops.
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for category in categories:
        text = category if len(category) <= limit else category[: limit - 1].rstrip() + "…"
        candidate, n = text, 2
        while candidate in used:
            candidate, n = f"{text} ({n})", n + 1
        used.add(candidate)
        out[category] = candidate
    return out


def _config() -> dict:
    return {
        "font": FONT,
        "aria": False,
        "background": "white",
        "view": {"stroke": None},
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 11, "gridColor": "#e5e7eb"},
        "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11},
        "bar": {"discreteBandSize": {"band": 0.9}},
    }


def render_svg(spec: dict, *, language: str = "ru", title: str = "") -> str:
    """The SVG of ``spec`` with numbers written as ``language`` writes them.

    ``title`` becomes the picture's accessible name (``role="img"``, ``aria-label``).
    """
    svg = _svg(json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str), language if language in _LOCALES else "ru")
    if title:
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title, quote=True)}" ', 1)
    return svg


@lru_cache(maxsize=256)
def _svg(spec_json: str, language: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=_LOCALES[language])
