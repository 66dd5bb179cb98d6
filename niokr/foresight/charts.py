"""A small SVG per item and scale: the distribution of the answers, the median and the interquartile range.

Drawn here rather than through Vega-Lite: a results page holds dozens of them, each a few rectangles.
Presentation attributes only (no ``style``, no script), so the picture sits inline under the strict
Content-Security-Policy; every text is escaped. The numbers beside the picture are in the table.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe

from niokr.core.formatting import number_text

__all__ = ["distribution_svg", "short_number"]

WIDTH, HEIGHT = 200, 74
PAD_X, TOP, BARS_BOTTOM = 6, 6, 48
BAR_FILL, MEDIAN_STROKE, IQR_FILL, AXIS = "#1f4e79", "#c0392b", "#e6a23c", "#8c8c8c"


def short_number(value, lang: str) -> str:
    """A statistic with as few decimals as it needs (at most two): ``8``, ``6,5``, ``6,25``; ``—`` when empty."""
    if value is None:
        return "—"
    value = round(float(value), 2)
    places = 0 if value == int(value) else 1 if round(value, 1) == value else 2
    return number_text(value, places, lang)


def distribution_svg(*, counts: list[int], bins: list[list[int]], q1, median, q3, title: str, lang: str, own=None):
    """An inline SVG: bars of ``counts`` over ``bins``, the IQR as a band and the median as a line.

    ``bins`` are inclusive ``[low, high]`` pairs; ``q1``, ``median``, ``q3`` and ``own`` (the reader's
    own answer, marked with a ring) are positions on the scale or ``None``.
    """
    n = len(counts)
    if n == 0:
        return ""
    low, high = bins[0][0], bins[-1][1]
    inner = WIDTH - 2 * PAD_X
    slot = inner / n
    top = max(counts) or 1

    def x_of(value) -> float:
        """The horizontal position of a scale value (the centre of its bin; within a wide bin, linear)."""
        value = float(value)
        for i, (b_low, b_high) in enumerate(bins):
            if b_low <= value <= b_high or (i + 1 < n and b_high < value < bins[i + 1][0]):
                span = (b_high - b_low) or 1
                inside = 0.5 if b_high == b_low else min(max((value - b_low) / span, 0.0), 1.0)
                return PAD_X + slot * (i + inside)
        return PAD_X if value < low else PAD_X + inner

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title, quote=True)}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" class="distribution">',
             f"<title>{escape(title)}</title>"]
    for i, count in enumerate(counts):
        h = (BARS_BOTTOM - TOP) * count / top
        x = PAD_X + slot * i + 1.5
        parts.append(f'<rect x="{x:.1f}" y="{BARS_BOTTOM - h:.1f}" width="{max(slot - 3, 1):.1f}" height="{h:.1f}" fill="{BAR_FILL}"/>')
        if count:
            parts.append(f'<text x="{x + (slot - 3) / 2:.1f}" y="{BARS_BOTTOM - h - 1:.1f}" font-size="7" text-anchor="middle" font-family="DejaVu Sans" fill="#333">{count}</text>')
    parts.append(f'<line x1="{PAD_X}" y1="{BARS_BOTTOM + 0.5}" x2="{WIDTH - PAD_X}" y2="{BARS_BOTTOM + 0.5}" stroke="{AXIS}" stroke-width="1"/>')
    for i, (b_low, b_high) in enumerate(bins):
        label = str(b_low) if b_low == b_high else f"{b_low}"
        if n > 10 and i % 2:
            continue
        parts.append(f'<text x="{PAD_X + slot * (i + 0.5):.1f}" y="{BARS_BOTTOM + 9}" font-size="7" text-anchor="middle" font-family="DejaVu Sans" fill="#555">{escape(label)}</text>')
    if q1 is not None and q3 is not None:
        x1, x3 = x_of(q1), x_of(q3)
        parts.append(f'<rect x="{x1:.1f}" y="{BARS_BOTTOM + 12}" width="{max(x3 - x1, 1.5):.1f}" height="6" fill="{IQR_FILL}"/>')
    if median is not None:
        xm = x_of(median)
        parts.append(f'<line x1="{xm:.1f}" y1="{TOP}" x2="{xm:.1f}" y2="{BARS_BOTTOM + 20}" stroke="{MEDIAN_STROKE}" stroke-width="2"/>')
        parts.append(f'<text x="{min(xm + 3, WIDTH - 24):.1f}" y="{TOP + 7}" font-size="7" font-family="DejaVu Sans" fill="{MEDIAN_STROKE}">{escape(short_number(median, lang))}</text>')
    if own is not None:
        xo = x_of(own)
        parts.append(f'<circle cx="{xo:.1f}" cy="{BARS_BOTTOM + 15}" r="4" fill="none" stroke="#067647" stroke-width="2"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — built here from numbers and escaped text
