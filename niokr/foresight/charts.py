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

WIDTH, HEIGHT = 260, 114
#: The median's value sits in a strip of its own above the bars (never over a bar); the answers'
#: counts sit above their bars, below that strip; the scale's ticks under the axis; then the IQR band.
PAD_X, MEDIAN_BASELINE, TOP, BARS_BOTTOM = 8, 14, 34, 80
TICK_BASELINE, IQR_TOP, IQR_HEIGHT = BARS_BOTTOM + 15, BARS_BOTTOM + 20, 8
#: Font sizes in px at the chart's natural size (the page's small text is 14 px).
MEDIAN_FONT, COUNT_FONT, TICK_FONT = 13, 11, 12
BAR_FILL, MEDIAN_STROKE, IQR_FILL, AXIS, INK = "#1f4e79", "#c0392b", "#e6a23c", "#8c8c8c", "#333333"
FONT = "DejaVu Sans"


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
    counts_text = []  # drawn last, with a white halo, so that the median's line never strikes a count through
    for i, count in enumerate(counts):
        h = (BARS_BOTTOM - TOP) * count / top
        x = PAD_X + slot * i + 1.5
        parts.append(f'<rect x="{x:.1f}" y="{BARS_BOTTOM - h:.1f}" width="{max(slot - 3, 1):.1f}" height="{h:.1f}" fill="{BAR_FILL}"/>')
        if count:
            counts_text.append(f'<text x="{x + (slot - 3) / 2:.1f}" y="{BARS_BOTTOM - h - 3:.1f}" font-size="{COUNT_FONT}" text-anchor="middle" font-family="{FONT}" fill="{INK}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{count}</text>')
    parts.append(f'<line x1="{PAD_X}" y1="{BARS_BOTTOM + 0.5}" x2="{WIDTH - PAD_X}" y2="{BARS_BOTTOM + 0.5}" stroke="{AXIS}" stroke-width="1"/>')
    for i, (b_low, _b_high) in enumerate(bins):
        if n > 10 and i % 2:
            continue
        parts.append(f'<text x="{PAD_X + slot * (i + 0.5):.1f}" y="{TICK_BASELINE}" font-size="{TICK_FONT}" text-anchor="middle" font-family="{FONT}" fill="{INK}">{escape(str(b_low))}</text>')
    if q1 is not None and q3 is not None:
        x1, x3 = x_of(q1), x_of(q3)
        parts.append(f'<rect x="{x1:.1f}" y="{IQR_TOP}" width="{max(x3 - x1, 1.5):.1f}" height="{IQR_HEIGHT}" fill="{IQR_FILL}"/>')
    if median is not None:
        xm = x_of(median)
        text = short_number(median, lang)
        half = 0.35 * MEDIAN_FONT * len(text) + 1  # about half the label's width
        # the line over the bars and again across the IQR band, not through the ticks' numbers
        parts.append(f'<line x1="{xm:.1f}" y1="{MEDIAN_BASELINE + 4}" x2="{xm:.1f}" y2="{BARS_BOTTOM}" stroke="{MEDIAN_STROKE}" stroke-width="2"/>')
        parts.append(f'<line x1="{xm:.1f}" y1="{IQR_TOP - 2}" x2="{xm:.1f}" y2="{IQR_TOP + IQR_HEIGHT + 2}" stroke="{MEDIAN_STROKE}" stroke-width="2"/>')
        xt = min(max(xm, PAD_X + half), WIDTH - PAD_X - half)
        parts.append(f'<text class="median-label" x="{xt:.1f}" y="{MEDIAN_BASELINE}" font-size="{MEDIAN_FONT}" font-weight="bold" text-anchor="middle" font-family="{FONT}" fill="{MEDIAN_STROKE}">{escape(text)}</text>')
    parts.extend(counts_text)
    if own is not None:
        xo = x_of(own)
        parts.append(f'<circle cx="{xo:.1f}" cy="{IQR_TOP + IQR_HEIGHT / 2}" r="4.5" fill="none" stroke="#067647" stroke-width="2"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — built here from numbers and escaped text
