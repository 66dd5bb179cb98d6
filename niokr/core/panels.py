"""Panels an app above shows on a page of an app below (the landing page lists document requests).

Dependencies point one way (core ← … ← obligations ← … ← control): the landing and holder pages of
``obligations`` cannot import ``control``. An app above registers a panel for a *place* in its
``AppConfig.ready()``; the page asks :func:`panels_for` and includes each panel's template with its
rows. A place nobody registered for has no panels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Panel", "ShownPanel", "register", "panels_for"]


@dataclass(frozen=True)
class Panel:
    """One panel: its template and ``rows(user, **context) -> list`` (bounded by the provider)."""

    name: str
    template: str
    rows: Callable[..., list]


@dataclass(frozen=True)
class ShownPanel:
    template: str
    rows: list[Any]


_PLACES: dict[str, dict[str, Panel]] = {}


def register(place: str, panel: Panel) -> None:
    """Register ``panel`` for ``place`` (again with the same name: replaced, so ``ready()`` may run twice)."""
    _PLACES.setdefault(place, {})[panel.name] = panel


def panels_for(place: str, user, **context) -> list[ShownPanel]:
    """The panels of ``place`` that have rows for ``user``, in registration order."""
    shown = []
    for panel in _PLACES.get(place, {}).values():
        rows = list(panel.rows(user, **context))
        if rows:
            shown.append(ShownPanel(panel.template, rows))
    return shown
