"""The help pages: one per role (the user's own first) and the glossary, in the page's language."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from niokr.core.navigation import MENU, navigation
from niokr.core.reference import LABELS
from niokr.help.audience import ROLES, roles_of
from niokr.help.content import EVERYWHERE, GLOSSARY, ROLE_HELP

__all__ = ["help_page", "glossary"]


def _role_label(role: str, lang: str) -> str:
    return LABELS["accounts.Role"][role].get(lang)


@require_safe
@login_required
def help_page(request):
    """``?role=``: that role's help; by default the user's own role (the first, if several)."""
    lang = get_language()
    own = roles_of(request.user)
    asked = request.GET.get("role", "")
    role = asked if asked in ROLE_HELP else (own[0] if own else ROLES[0].value)
    role_help = ROLE_HELP[role]
    # The pages of the role's menu, linked where the user's own menu offers them: another role's
    # page is described, not linked (it would show the user nothing, or refuse).
    offered = {entry["name"]: entry for entry in navigation(request)["menu"]}
    labels = {entry.name: entry.label for entry in MENU}
    pages = [
        {"label": labels.get(page.name, ""), "text": page.text.get(lang), "url": offered[page.name]["url"] if page.name in offered else ""}
        for page in role_help.pages
    ]
    context = {
        "title": _("Help"),
        "role": role,
        "role_label": _role_label(role, lang),
        "tabs": [{"role": r.value, "label": _role_label(r.value, lang), "active": r.value == role, "own": r.value in own} for r in ROLES],
        "intro": role_help.intro.get(lang),
        "pages": pages,
        "tasks": [task.get(lang) for task in role_help.tasks],
        "everywhere": EVERYWHERE.get(lang),
        "no_role": not own,
    }
    return render(request, "help/help.html", context)


@require_safe
@login_required
def glossary(request):
    """Every term of the glossary, each with its anchor, in the page's language."""
    lang = get_language()
    names = {term.key: term.name.get(lang) for term in GLOSSARY}
    terms = [
        {
            "key": term.key,
            "name": names[term.key],
            "text": term.text.get(lang),
            "items": [{"name": item.name.get(lang), "text": item.text.get(lang)} for item in term.items],
            "see": [{"key": key, "name": names[key]} for key in term.see],
        }
        for term in GLOSSARY
    ]
    return render(request, "help/glossary.html", {"title": _("Glossary"), "terms": terms})
