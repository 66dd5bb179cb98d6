"""A small progress bar for long commands, written to stderr (silent when stderr is not a terminal
unless ``force`` is set), so that JSON written to stdout stays clean."""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """Count work done toward a total and redraw a one-line bar at most ten times a second.

    Example:
        with Progress("payments", total=n) as bar:
            for chunk in chunks:
                ...
                bar.advance(len(chunk))
    """

    def __init__(self, label: str, total: int | None = None, *, stream=None, force: bool = False, enabled: bool = True):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and (force or getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last_draw = 0.0

    def __enter__(self) -> "Progress":
        self._draw(force=True)
        return self

    def __exit__(self, *exc) -> None:
        self._draw(force=True)
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, n: int = 1) -> None:
        """Record ``n`` more units done."""
        self.done += n
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total:
            share = min(1.0, self.done / self.total)
            filled = int(share * 30)
            bar = "█" * filled + "·" * (30 - filled)
            text = f"\r{self.label:<14} {bar} {share:6.1%} {self.done:>10,}/{self.total:,} {rate:,.0f}/s"
        else:
            text = f"\r{self.label:<14} {self.done:>10,} {rate:,.0f}/s"
        self.stream.write(text)
        self.stream.flush()
