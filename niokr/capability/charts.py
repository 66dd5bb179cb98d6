"""Server-rendered SVG charts of the capability pages: the audit radar and the readiness timeline.

Plain SVG written here (no JavaScript, no chart library, no inline style: colours are presentation
attributes), every text escaped. The same string goes into a page or a download.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

__all__ = ["Series", "radar_svg", "timeline_svg", "PALETTE"]

#: Series colours (colour-blind safe: Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00")


@dataclass(frozen=True)
class Series:
    """One polygon of a radar: its name and a value per axis (``None``: no value on that axis)."""

    name: str
    values: Sequence[Decimal | float | None]
    dashed: bool = False


def _text(value) -> str:
    return escape(str(value), quote=True)


def _wrap(label: str, width: int = 22) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3] or [""]


def radar_svg(axes: Sequence[str], series: Sequence[Series], *, title: str, low: int = 1, high: int = 4, size: int = 520) -> str:
    """A radar (spider) chart of ``series`` on ``axes`` (scale ``low``..``high``, rings at each whole score).

    Args:
        axes: the axis labels, clockwise from the top.
        series: the polygons; a missing value is drawn at the centre and listed as such in the legend.
        title: the chart's accessible name.
    """
    n = len(axes)
    legend_height = 22 * len(series) + 10
    width, height = size + 260, size + legend_height
    cx, cy, radius = width / 2, size / 2, size / 2 - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" role="img" aria-label="{_text(title)}" class="capability-radar">',
        f"<title>{_text(title)}</title>",
    ]
    if n < 3:
        parts.append(f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" font-size="14">—</text></svg>')
        return "".join(parts)

    def point(i: int, value: float) -> tuple[float, float]:
        share = (value - low) / (high - low) if high > low else 0
        share = min(max(share, 0.0), 1.0)
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    for ring in range(low, high + 1):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#c8ccd0" stroke-width="1"/>')
        x, y = point(0, ring)
        parts.append(f'<text x="{x + 4:.1f}" y="{y - 2:.1f}" font-size="11" fill="#555">{ring}</text>')
    for i, label in enumerate(axes):
        x, y = point(i, high)
        parts.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8ccd0" stroke-width="1"/>')
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx, ly = cx + (radius + 14) * math.cos(angle), cy + (radius + 14) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        lines = _wrap(label)
        ly -= 0 if math.sin(angle) > 0.3 else 14 * (len(lines) - 1) if math.sin(angle) < -0.3 else 7 * (len(lines) - 1)
        tspans = "".join(f'<tspan x="{lx:.1f}" dy="{0 if k == 0 else 14}">{_text(line)}</tspan>' for k, line in enumerate(lines))
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" text-anchor="{anchor}" fill="#222">{tspans}</text>')
    for s_index, s in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        coords = [point(i, float(v) if v is not None else low) for i, v in enumerate(list(s.values)[:n])]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        opacity = "0.08" if s.dashed else "0.18"
        parts.append(
            f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coords)}" fill="{colour}" fill-opacity="{opacity}" stroke="{colour}" stroke-width="2"{dash}>'
            f"<title>{_text(s.name)}</title></polygon>"
        )
        for (x, y), v in zip(coords, s.values, strict=False):
            if v is not None:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{_text(s.name)}: {_text(v)}</title></circle>')
        ly = size + 8 + 22 * s_index
        parts.append(f'<line x1="20" y1="{ly + 6}" x2="48" y2="{ly + 6}" stroke="{colour}" stroke-width="3"{dash}/>')
        parts.append(f'<text x="56" y="{ly + 10}" font-size="13" fill="#222">{_text(s.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(points: Sequence[tuple[date, int, str, bool]], *, title: str, top: int = 9, width: int = 760, height: int = 300) -> str:
    """A step chart of a readiness level over time.

    Args:
        points: ``(day, level, label, corrected)`` oldest first; a corrected point is drawn hollow and
            left out of the line (its correction replaces it).
        top: the top of the scale.
    """
    left, right, upper, lower = 48, 20, 20, 44
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{_text(title)}" class="capability-timeline">',
        f"<title>{_text(title)}</title>",
    ]
    plot_w, plot_h = width - left - right, height - upper - lower
    for level in range(0, top + 1):
        y = upper + plot_h - plot_h * level / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e6e8" stroke-width="1"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#555">{level}</text>')
    if not points:
        parts.append("</svg>")
        return "".join(parts)
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)

    def xy(day: date, level: int) -> tuple[float, float]:
        x = left + (plot_w * (day - first).days / span if last != first else plot_w / 2)
        return x, upper + plot_h - plot_h * level / top

    effective = [p for p in points if not p[3]]
    if effective:
        path, previous = [], None
        for day, level, _label, _corrected in effective:
            x, y = xy(day, level)
            if previous is None:
                path.append(f"M{x:.1f},{y:.1f}")
            else:
                path.append(f"H{x:.1f}V{y:.1f}")
            previous = (x, y)
        path.append(f"H{width - right}")
        parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>')
    years = sorted({p[0].year for p in points})
    for year in years:
        day = max(first, date(year, 1, 1))
        x, _ = xy(day, 0)
        parts.append(f'<text x="{x:.1f}" y="{height - 16}" font-size="11" text-anchor="middle" fill="#555">{year}</text>')
    for day, level, label, corrected in points:
        x, y = xy(day, level)
        fill = "#fff" if corrected else PALETTE[0]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="{PALETTE[0]}" stroke-width="2"><title>{_text(label)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
