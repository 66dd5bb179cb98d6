"""The site's icon, drawn here: a dark tile with three rising bars (the 1 % followed year by year).

One drawing, two files: :func:`svg` is ``core/static/core/favicon.svg`` (linked by every page) and
:func:`ico` the ``/favicon.ico`` that browsers and tools ask for on their own (PNG images of 16, 32
and 48 pixels in an ICO container). Both are made from :data:`SHAPES` with the standard library
only: no image from anywhere else.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["SHAPES", "svg", "ico", "png"]

#: The drawing's side, in its own units.
SIDE = 32


@dataclass(frozen=True)
class Box:
    """A rounded rectangle: position, size and corner radius in drawing units; colour as ``#rrggbb``."""

    x: float
    y: float
    width: float
    height: float
    radius: float
    colour: str

    def covers(self, px: float, py: float) -> bool:
        """Whether the point lies inside the rounded rectangle."""
        if not (self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height):
            return False
        r = self.radius
        cx = min(max(px, self.x + r), self.x + self.width - r)
        cy = min(max(py, self.y + r), self.y + self.height - r)
        return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


#: The navigation bar's colour, and three bars: two light, the highest gold.
SHAPES = (
    Box(0, 0, 32, 32, 6, "#0f2942"),
    Box(6, 18, 5, 8, 1, "#d6e4f0"),
    Box(13.5, 12, 5, 14, 1, "#d6e4f0"),
    Box(21, 6, 5, 20, 1, "#f2b632"),
)


def svg() -> str:
    """The drawing as SVG text (the static ``favicon.svg``)."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIDE} {SIDE}">']
    for box in SHAPES:
        parts.append(f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" height="{box.height:g}" rx="{box.radius:g}" fill="{box.colour}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _pixels(size: int, samples: int = 4) -> list[list[tuple[int, int, int, int]]]:
    """The drawing at ``size``×``size`` pixels, RGBA, each pixel the average of ``samples``² points."""
    scale = SIDE / size
    rows = []
    for row in range(size):
        line = []
        for col in range(size):
            r = g = b = a = 0.0
            for sy in range(samples):
                for sx in range(samples):
                    px = (col + (sx + 0.5) / samples) * scale
                    py = (row + (sy + 0.5) / samples) * scale
                    colour = None
                    for box in SHAPES:  # the last shape covering the point is on top
                        if box.covers(px, py):
                            colour = box.colour
                    if colour is not None:
                        cr, cg, cb = _rgb(colour)
                        r, g, b, a = r + cr, g + cg, b + cb, a + 1
            n = samples * samples
            # Colour averaged over the covered points; alpha the covered share.
            line.append((round(r / a) if a else 0, round(g / a) if a else 0, round(b / a) if a else 0, round(255 * a / n)))
        rows.append(line)
    return rows


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(size: int) -> bytes:
    """The drawing as a PNG image of ``size``×``size`` pixels (8-bit RGBA)."""
    raw = b"".join(b"\x00" + bytes(channel for pixel in line for channel in pixel) for line in _pixels(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


@lru_cache(maxsize=1)
def ico(sizes: tuple[int, ...] = (16, 32, 48)) -> bytes:
    """An ICO file holding the drawing as PNG images of ``sizes`` pixels (made once per process)."""
    images = [png(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)
