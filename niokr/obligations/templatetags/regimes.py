"""Template filters of the obligations pages: a regime's name and its open legal questions in the page's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from niokr.obligations.catalogue import regime_notes
from niokr.obligations.describe import regime_label

register = template.Library()


@register.filter
def regime_name(code) -> str:
    """``{{ balance.regime_code|regime_name }}``: the regime's name in the active language (the code where it has none)."""
    return regime_label(code) if code else "—"


@register.filter
def legal_notes(regime) -> str:
    """``{{ regime|legal_notes }}``: the open legal questions of a regime version and the defaults chosen, in the active language."""
    return regime_notes(regime.code, regime.version, regime.gaps, (get_language() or "ru")[:2])
