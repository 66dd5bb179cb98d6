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


@register.filter
def year_open(year) -> bool:
    """``{% if b.year|year_open %}``: whether the year's obligation can still be met (its deadline has not passed)."""
    from niokr.obligations.queries import is_year_open

    return bool(year) and is_year_open(int(year))


@register.filter
def shown_status(balance) -> str:
    """``{{ b|shown_status }}``: the status a page shows for a right-year ("in progress" while its year is open)."""
    from niokr.obligations.queries import shown_status as shown

    return shown(balance.status, balance.year)


@register.filter
def status_text(status) -> str:
    """``{{ b|shown_status|status_text }}``: the label of a shown status in the active language."""
    from niokr.obligations.queries import status_label

    return status_label(status)
