"""How the registry names the rule regime of a right.

A right's regime assignment names its regime by code; the regimes themselves (their names in
Kazakh, Russian and English) belong to the obligations app, above the registry. The obligations
app tells the registry how to name them when it is ready (:func:`name_regimes_with`); until then,
and for a code it does not know, the code is the name.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["name_regimes_with", "regime_name", "regime_choices"]

_namer: Callable[[str], str] | None = None


def name_regimes_with(namer: Callable[[str], str]) -> None:
    """Name regimes with ``namer(code) -> name in the active language``."""
    global _namer
    _namer = namer


def regime_name(code: str | None) -> str:
    """The name of regime ``code`` in the active language (empty for no code)."""
    if not code:
        return ""
    return (_namer(code) if _namer is not None else "") or code


def regime_choices(codes) -> list[tuple[str, str]]:
    """``(code, name)`` of ``codes``, sorted by name: the choices of a regime filter."""
    return sorted(((code, regime_name(code)) for code in codes), key=lambda pair: pair[1].casefold())
