"""The main menu: each app names its entry pages; an entry whose page is not installed is left out.

An entry may name who it is for: the dotted path of a ``callable(user) -> bool`` in its app (a path,
not an import, so that ``core`` stays below the apps it lists). Entries without one are shown to
every signed-in user; their pages show each user what the user's scope holds.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

__all__ = ["MENU", "navigation"]

# (URL name, label[, who it is for]). Order is the menu's order.
MENU = [
    ("obligations:dashboard", _("Dashboard")),
    ("registry:organisation-list", _("Registry")),
    ("registry:right-list", _("Rights")),
    ("projects:agreement-list", _("Agreements")),
    ("intake:submission-list", _("Submissions")),
    ("obligations:regime-list", _("Regimes")),
    ("intake:job-list", _("Jobs")),
    # Control: its flags for the control body and regulators; the cases and notices for company staff.
    ("control:flag-list", _("Control"), "niokr.control.views.reads_control"),
    ("control:case-list", _("Control"), "niokr.control.views.answers_cases"),
]


def navigation(request) -> dict:
    """Template context: ``menu`` — the entries whose pages exist, each with ``url``, ``label``, ``active``."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    # A page renders the context processors more than once (a table's template is rendered with a
    # context of its own): the menu is worked out once per request.
    menu = getattr(request, "_niokr_menu", None)
    if menu is None:
        menu = request._niokr_menu = _entries(request)
    return {"menu": menu}


def _entries(request) -> list[dict]:
    entries = []
    for name, label, *who in MENU:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if who and not import_string(who[0])(request.user):
            continue
        entries.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return entries
