"""The ranking's charts as Vega-Lite specs rendered to SVG on the server (the dashboard's renderer).

The same SVG goes into the page, the PDF and (as a table beside it) the XLSX: the quadrant chart of
importance × capability with the candidates' codes, the weights as bars, and the roadmap's lanes
by year. Text from the data is escaped by the renderer; the SVG carries no style or script.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from niokr.obligations.charts import FONT, render_svg
from niokr.ranking.analysis import CAPABILITY_CUT, IMPORTANCE_CUT, MatrixPoint

__all__ = ["matrix_svg", "weights_svg", "roadmap_svg"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
LANE_COLOURS = {"technology": "#1f4e79", "product": "#2e9e5b", "market": "#e6a23c"}


def _config() -> dict:
    return {
        "font": FONT,
        "aria": False,
        "background": "white",
        "view": {"stroke": "#c4ccd6"},
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 11, "gridColor": "#e5e7eb"},
        "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 11},
        "text": {"font": FONT},
    }


def matrix_svg(points: list[MatrixPoint], *, language: str) -> str:
    """The importance × capability quadrant chart: one labelled point per candidate."""
    title = _("Importance × capability")
    data = [{"code": p.code, "importance": float(p.importance), "capability": float(p.capability), "quadrant": p.quadrant_label} for p in points]
    x_title, y_title = _("Capability, per cent of the world leader (Delphi median)"), _("Importance (Delphi median, 1–9)")
    spec = {
        "$schema": SCHEMA,
        "width": 460,
        "height": 340,
        "layer": [
            {"data": {"values": [{"x": float(CAPABILITY_CUT)}]}, "mark": {"type": "rule", "color": "#9aa5b1", "strokeDash": [4, 3]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}},
            {"data": {"values": [{"y": float(IMPORTANCE_CUT)}]}, "mark": {"type": "rule", "color": "#9aa5b1", "strokeDash": [4, 3]}, "encoding": {"y": {"field": "y", "type": "quantitative"}}},
            {
                "data": {"values": [
                    {"x": 75, "y": 8.6, "label": _("Build on strength")}, {"x": 25, "y": 8.6, "label": _("Catch up")},
                    {"x": 75, "y": 1.4, "label": _("Niche")}, {"x": 25, "y": 1.4, "label": _("Watch")},
                ]},
                "mark": {"type": "text", "color": "#7b8794", "fontSize": 11, "fontStyle": "italic"},
                "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}, "text": {"field": "label"}},
            },
            {
                "data": {"values": data},
                "mark": {"type": "point", "filled": True, "size": 70, "color": "#1f4e79"},
                "encoding": {
                    "x": {"field": "capability", "type": "quantitative", "title": x_title, "scale": {"domain": [0, 100]}},
                    "y": {"field": "importance", "type": "quantitative", "title": y_title, "scale": {"domain": [1, 9]}},
                },
            },
            {
                "data": {"values": data},
                "mark": {"type": "text", "align": "left", "dx": 6, "dy": -6, "fontSize": 10, "color": "#1d2433"},
                "encoding": {"x": {"field": "capability", "type": "quantitative"}, "y": {"field": "importance", "type": "quantitative"}, "text": {"field": "code"}},
            },
        ],
        "config": _config(),
    }
    return render_svg(spec, language=language, title=title)


def weights_svg(criteria: list[dict], *, language: str) -> str:
    """The AHP weights as horizontal bars, in the criteria's order (``criteria``: run.criteria with a ``label``)."""
    data = [{"criterion": c["label"], "weight": round(c["weight"] * 100, 1)} for c in criteria]
    spec = {
        "$schema": SCHEMA,
        "width": 380,
        "data": {"values": data},
        "height": {"step": 18},
        "mark": {"type": "bar", "color": "#1f4e79"},
        "encoding": {
            "y": {"field": "criterion", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 260}},
            "x": {"field": "weight", "type": "quantitative", "title": _("Weight, %")},
        },
        "config": _config(),
    }
    return render_svg(spec, language=language, title=_("Weights of the criteria"))


def roadmap_svg(lanes: list[tuple[str, str, list]], *, language: str) -> str:
    """The roadmap: a row per lane and candidate, bars over the years, coloured by lane."""
    rows, order = [], []
    for layer, label, entries in lanes:
        for entry in entries:
            track = f"{label} · {entry.candidate.code}"
            if track not in order:
                order.append(track)
            rows.append({"track": track, "lane": label, "from": entry.year_from, "to": entry.year_to + 1, "code": entry.candidate.code, "layer": layer})
    if not rows:
        return ""
    labels = [label for _layer, label, _entries in lanes]
    colours = [LANE_COLOURS[layer] for layer, _label, _entries in lanes]
    start, end = min(r["from"] for r in rows), max(r["to"] for r in rows)
    spec = {
        "$schema": SCHEMA,
        "width": 560,
        "height": {"step": 20},
        "data": {"values": rows},
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadius": 2, "opacity": 0.9},
                "encoding": {
                    "y": {"field": "track", "type": "nominal", "sort": order, "title": None, "axis": {"labelLimit": 240}},
                    "x": {"field": "from", "type": "quantitative", "title": _("Year"), "scale": {"domain": [start, end]}, "axis": {"format": "d", "tickMinStep": 1}},
                    "x2": {"field": "to"},
                    "color": {"field": "lane", "type": "nominal", "title": _("Lane"), "scale": {"domain": labels, "range": colours}, "legend": {"orient": "bottom"}},
                },
            },
        ],
        "config": _config(),
    }
    return render_svg(spec, language=language, title=_("Roadmap"))
