"""The main menu: each app names its entry pages; an entry whose page is not installed is left out."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["MENU", "navigation"]

# (URL name, label). Order is the menu's order.
MENU = [
    ("obligations:dashboard", _("Dashboard")),
    ("registry:organisation-list", _("Registry")),
    ("registry:right-list", _("Rights")),
    ("projects:agreement-list", _("Agreements")),
    ("intake:submission-list", _("Submissions")),
    ("obligations:regime-list", _("Regimes")),
    ("intake:job-list", _("Jobs")),
]


def navigation(request) -> dict:
    """Template context: ``menu`` — the entries whose pages exist, each with ``url``, ``label``, ``active``."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    entries = []
    for name, label in MENU:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"menu": entries}
